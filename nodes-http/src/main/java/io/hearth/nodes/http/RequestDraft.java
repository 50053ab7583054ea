package io.hearth.nodes.http;

import io.hearth.common.Json;
import io.hearth.node.NodeException;
import io.hearth.node.credential.OutgoingRequest;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * One request as the node builds it from its parameters, before encoding: query pairs, headers and
 * a body. Credentials add themselves through {@link OutgoingRequest}; {@link #shownUrl()} is the
 * URL without anything a credential added, for error messages.
 */
final class RequestDraft implements OutgoingRequest {

    /** The body kinds of n8n's "Body Content Type". */
    sealed interface Body {}

    record NoBody() implements Body {}

    record JsonBody(Object value) implements Body {}

    record FormBody(List<Map.Entry<String, String>> fields) implements Body {}

    record MultipartBody(List<Part> parts) implements Body {}

    // a carrier of bytes, not a value: never compared or hashed, and copying would cost a copy per use
    @SuppressWarnings("ArrayRecordComponent")
    record RawBody(byte[] bytes, String contentType) implements Body {}

    /** One multipart part: a field, or a file when {@code fileName} is set. */
    // a carrier of bytes, not a value: never compared or hashed, and copying would cost a copy per use
    @SuppressWarnings("ArrayRecordComponent")
    record Part(String name, byte[] data, String contentType, String fileName) {}

    String method;
    URI base;
    final List<Map.Entry<String, Object>> query = new ArrayList<>();
    final List<Map.Entry<String, String>> headers = new ArrayList<>();
    Body body = new NoBody();
    String arrayFormat = "brackets";
    private int signedQueryFrom = -1;
    private final List<String> signedHeaders = new ArrayList<>();

    RequestDraft(String method, URI base) {
        this.method = method;
        this.base = base;
    }

    RequestDraft copy() {
        RequestDraft c = new RequestDraft(method, base);
        c.query.addAll(query);
        c.headers.addAll(headers);
        c.body = body;
        c.arrayFormat = arrayFormat;
        return c;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public URI url() {
        return uri();
    }

    @Override
    public void header(String name, String value) {
        headers.removeIf(h -> h.getKey().equalsIgnoreCase(name));
        headers.add(Map.entry(name, value));
        signedHeaders.add(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public void queryParameter(String name, String value) {
        if (signedQueryFrom < 0) {
            signedQueryFrom = query.size();
        }
        query.add(Map.entry(name, value));
    }

    @Override
    public void bodyField(String name, Object value) {
        switch (body) {
            case JsonBody j
            when j.value() instanceof Map<?, ?> m -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                m.forEach((k, v) -> copy.put(String.valueOf(k), v));
                copy.put(name, value);
                body = new JsonBody(copy);
            }
            case NoBody n -> body = new JsonBody(new LinkedHashMap<>(Map.of(name, value)));
            case FormBody f -> {
                List<Map.Entry<String, String>> fields = new ArrayList<>(f.fields());
                fields.add(Map.entry(name, String.valueOf(value)));
                body = new FormBody(fields);
            }
            default ->
                throw new NodeException("The credential adds the body field '" + name + "', which this request's body ("
                        + body.getClass().getSimpleName() + ") cannot take");
        }
    }

    /** Headers a credential set: dropped on a redirect to another origin unless the user allows it. */
    boolean isSignedHeader(String name) {
        return signedHeaders.contains(name.toLowerCase(Locale.ROOT));
    }

    String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    URI uri() {
        return withQuery(query);
    }

    /** The URL without the query parameters a credential added and without user info. */
    String shownUrl() {
        URI u = withQuery(signedQueryFrom < 0 ? query : query.subList(0, signedQueryFrom));
        String s = u.toString();
        if (u.getRawUserInfo() != null) {
            s = s.replace(u.getRawUserInfo() + "@", "");
        }
        return s;
    }

    private URI withQuery(List<Map.Entry<String, Object>> pairs) {
        if (pairs.isEmpty()) {
            return base;
        }
        StringBuilder q = new StringBuilder(base.getRawQuery() == null ? "" : base.getRawQuery());
        for (Map.Entry<String, Object> e : pairs) {
            appendQuery(q, e.getKey(), e.getValue());
        }
        String s = base.toString();
        int hash = s.indexOf('#');
        String fragment = hash >= 0 ? s.substring(hash) : "";
        s = hash >= 0 ? s.substring(0, hash) : s;
        int question = s.indexOf('?');
        s = question >= 0 ? s.substring(0, question) : s;
        return URI.create(s + "?" + q + fragment);
    }

    private void appendQuery(StringBuilder q, String name, Object value) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String key = switch (arrayFormat) {
                    case "repeat" -> name;
                    case "indices" -> name + "[" + i + "]";
                    default -> name + "[]";
                };
                appendQuery(q, key, list.get(i));
            }
            return;
        }
        if (!q.isEmpty()) {
            q.append('&');
        }
        q.append(encode(name)).append('=').append(encode(value == null ? "" : text(value)));
    }

    static String text(Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return Json.write(value);
        }
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The encoded body and its content type (null when there is none). */
    // a carrier of bytes, not a value: never compared or hashed, and copying would cost a copy per use
    @SuppressWarnings("ArrayRecordComponent")
    record Encoded(byte[] bytes, String contentType) {}

    Encoded encodeBody() {
        return switch (body) {
            case NoBody n -> new Encoded(new byte[0], null);
            case JsonBody j -> new Encoded(Json.write(j.value()).getBytes(StandardCharsets.UTF_8), "application/json");
            case FormBody f -> {
                StringBuilder sb = new StringBuilder();
                for (Map.Entry<String, String> e : f.fields()) {
                    if (!sb.isEmpty()) {
                        sb.append('&');
                    }
                    sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
                            .append('=')
                            .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
                }
                yield new Encoded(sb.toString().getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
            }
            case MultipartBody m -> multipart(m);
            case RawBody r -> new Encoded(r.bytes(), r.contentType());
        };
    }

    private static Encoded multipart(MultipartBody m) {
        String boundary =
                "----HearthFormBoundary" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : m.parts()) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n");
            head.append("Content-Disposition: form-data; name=\"")
                    .append(quote(p.name()))
                    .append('"');
            if (p.fileName() != null) {
                head.append("; filename=\"").append(quote(p.fileName())).append('"');
            }
            head.append("\r\n");
            if (p.contentType() != null) {
                head.append("Content-Type: ").append(p.contentType()).append("\r\n");
            }
            head.append("\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(p.data());
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new Encoded(out.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }

    private static String quote(String s) {
        return s.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }
}
