package io.hearth.nodes.homeassistant.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * One REST call to Home Assistant, described as data so that it can be checked without a server.
 *
 * @param operation what the call does, in the user's terms ("Get state"), used in error messages
 * @param method    GET, POST or DELETE
 * @param path      the path below the base URL, starting with {@code /api/}, segments already encoded
 * @param query     query parameters in order; a {@code null} value is a flag without {@code =} ({@code ?return_response})
 * @param body      the JSON body (JSON-like Java value) or empty for none
 * @param subject   what a 404 would be about, e.g. {@code entity 'light.kitchen'}; empty when nothing specific
 * @param adminOnly Home Assistant allows the call to administrators only (it answers 401 to other users)
 */
public record HaRequest(
        String operation,
        Method method,
        String path,
        Map<String, String> query,
        Optional<Object> body,
        Optional<String> subject,
        boolean adminOnly) {

    public enum Method {
        GET,
        POST,
        DELETE
    }

    public HaRequest {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(query));
        body = body == null ? Optional.empty() : body;
        subject = subject == null ? Optional.empty() : subject;
    }

    public static HaRequest get(String operation, String path) {
        return new HaRequest(operation, Method.GET, path, Map.of(), Optional.empty(), Optional.empty(), false);
    }

    public static HaRequest post(String operation, String path, Object body) {
        return new HaRequest(
                operation, Method.POST, path, Map.of(), Optional.ofNullable(body), Optional.empty(), false);
    }

    public static HaRequest delete(String operation, String path) {
        return new HaRequest(operation, Method.DELETE, path, Map.of(), Optional.empty(), Optional.empty(), false);
    }

    /** A copy with one more query parameter ({@code null} value: a bare flag). */
    public HaRequest withQuery(String name, String value) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put(name, value);
        return new HaRequest(operation, method, path, q, body, subject, adminOnly);
    }

    public HaRequest about(String what) {
        return new HaRequest(operation, method, path, query, body, Optional.of(what), adminOnly);
    }

    /** Marks a call Home Assistant allows to administrators only. */
    public HaRequest asAdminOnly() {
        return new HaRequest(operation, method, path, query, body, subject, true);
    }

    /** Path plus encoded query string, as sent. */
    public String uri() {
        if (query.isEmpty()) {
            return path;
        }
        StringJoiner qs = new StringJoiner("&", path + "?", "");
        query.forEach((k, v) -> qs.add(v == null ? encodeQuery(k) : encodeQuery(k) + "=" + encodeQuery(v)));
        return qs.toString();
    }

    /** Percent-encodes one path segment (an entity id, a domain, a time stamp), so it cannot change the path. */
    public static String segment(String raw) {
        StringBuilder out = new StringBuilder();
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || c == ':') {
                out.append(c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        String s = out.toString();
        // "." and ".." are path navigation even when unencoded characters are safe
        return s.equals(".") || s.equals("..") ? s.replace(".", "%2E") : s;
    }

    static String encodeQuery(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("%2C", ",")
                .replace("%3A", ":");
    }
}
