package io.hearth.server.trigger;

import io.hearth.common.Json;
import io.hearth.node.BinaryData;
import io.hearth.node.trigger.WebhookRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.codec.FormHttpMessageReader;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/**
 * A webhook request's body as the Webhook node sees it, read with Spring's readers: JSON (Jackson, with the server's
 * mapper), URL-encoded and multipart forms, anything else as raw bytes. Each is held to the webhook body limit. What a
 * caller gets wrong fails as {@link BadBody} with the HTTP status and a message naming what is wrong.
 */
final class WebhookBodies {

    private static final ResolvableType ANY = ResolvableType.forClass(Object.class);
    private static final ResolvableType FORM =
            ResolvableType.forClassWithGenerics(MultiValueMap.class, String.class, String.class);

    /** A body the caller got wrong: answered with {@code status} and the message. */
    static final class BadBody extends RuntimeException {
        private final int status;

        BadBody(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private final int maxBodyBytes;
    private final JacksonJsonDecoder json;
    private final FormHttpMessageReader form;

    WebhookBodies(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
        this.json = new JacksonJsonDecoder(Json.mapper());
        this.json.setMaxInMemorySize(maxBodyBytes);
        this.form = new FormHttpMessageReader();
        this.form.setMaxInMemorySize(maxBodyBytes);
    }

    Mono<WebhookRequest.Body> read(ServerRequest request) {
        return Mono.defer(() -> read(request, contentType(request)))
                .defaultIfEmpty(new WebhookRequest.NoBody())
                .onErrorMap(
                        DataBufferLimitException.class,
                        e -> new BadBody(
                                413, "The request body is larger than the limit of " + maxBodyBytes + " bytes"));
    }

    private Mono<WebhookRequest.Body> read(ServerRequest request, Optional<MediaType> type) {
        if (type.isEmpty()) {
            return bytes(request).map(WebhookBodies::jsonOrRaw);
        }
        MediaType t = type.get();
        if (t.isCompatibleWith(MediaType.MULTIPART_FORM_DATA)) {
            return multipart(request);
        }
        if (isJson(t)) {
            return json.decodeToMono(nonEmpty(request.bodyToFlux(DataBuffer.class)), ANY, t, Map.of())
                    .<WebhookRequest.Body>map(WebhookRequest.JsonBody::new)
                    .onErrorMap(
                            DecodingException.class,
                            e -> new BadBody(400, "The request body is not valid JSON: " + jsonProblem(e)));
        }
        if (t.isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED)) {
            return form.readMono(FORM, request.exchange().getRequest(), Map.of())
                    .filter(fields -> !fields.isEmpty())
                    .map(fields -> new WebhookRequest.FormBody(formFields(fields)));
        }
        return bytes(request).map(b -> new WebhookRequest.RawBody(b, t.toString()));
    }

    private static Optional<MediaType> contentType(ServerRequest request) {
        try {
            return request.headers().contentType();
        } catch (InvalidMediaTypeException e) {
            throw new BadBody(
                    415, "The Content-Type header '" + e.getMediaType() + "' is not a media type: " + e.getMessage());
        }
    }

    private static boolean isJson(MediaType type) {
        return type.isCompatibleWith(MediaType.APPLICATION_JSON)
                || type.getSubtype().endsWith("+json");
    }

    /** Without a Content-Type: JSON when it parses as JSON, else bytes. */
    private static WebhookRequest.Body jsonOrRaw(byte[] body) {
        try {
            return new WebhookRequest.JsonBody(Json.mapper().readValue(body, Object.class));
        } catch (JacksonException e) {
            return new WebhookRequest.RawBody(body, "application/octet-stream");
        }
    }

    private static String jsonProblem(DecodingException e) {
        return e.getCause() instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
    }

    /** URL-encoded fields as the node sees them: a field without "=" has the value "". */
    private static Map<String, List<String>> formFields(MultiValueMap<String, String> fields) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        fields.forEach((name, values) ->
                out.put(name, values.stream().map(v -> v == null ? "" : v).toList()));
        return out;
    }

    /** The body's buffers without empty ones: an empty body is no body, not an empty JSON document. */
    private static Flux<DataBuffer> nonEmpty(Flux<DataBuffer> body) {
        return body.filter(b -> {
            if (b.readableByteCount() > 0) {
                return true;
            }
            DataBufferUtils.release(b);
            return false;
        });
    }

    /** The whole body (an empty body is no body). */
    private Mono<byte[]> bytes(ServerRequest request) {
        return DataBufferUtils.join(request.bodyToFlux(DataBuffer.class), maxBodyBytes)
                .map(WebhookBodies::release)
                .filter(b -> b.length > 0);
    }

    private Mono<WebhookRequest.Body> multipart(ServerRequest request) {
        return request.multipartData()
                .flatMap(parts -> {
                    Map<String, List<String>> fields = new LinkedHashMap<>();
                    List<Mono<Map.Entry<String, BinaryData>>> files = new ArrayList<>();
                    parts.forEach((name, list) -> {
                        for (Part p : list) {
                            if (p instanceof FilePart f) {
                                files.add(file(name, f));
                            } else if (p instanceof FormFieldPart ff) {
                                fields.computeIfAbsent(name, k -> new ArrayList<>())
                                        .add(ff.value());
                            }
                        }
                    });
                    return Flux.concat(files).collectList().map(list -> {
                        Map<String, BinaryData> byName = new LinkedHashMap<>();
                        list.forEach(en -> byName.put(en.getKey(), en.getValue()));
                        return (WebhookRequest.Body) new WebhookRequest.MultipartBody(fields, byName);
                    });
                })
                .onErrorMap(
                        DecodingException.class,
                        e -> new BadBody(400, "The request body is not valid multipart/form-data: " + e.getMessage()));
    }

    private Mono<Map.Entry<String, BinaryData>> file(String name, FilePart f) {
        MediaType type = f.headers().getContentType();
        return DataBufferUtils.join(f.content(), maxBodyBytes)
                .map(buf -> Map.entry(
                        name,
                        BinaryData.of(
                                release(buf),
                                type == null ? "application/octet-stream" : type.toString(),
                                f.filename())));
    }

    private static byte[] release(DataBuffer buf) {
        try {
            byte[] b = new byte[buf.readableByteCount()];
            buf.read(b);
            return b;
        } finally {
            DataBufferUtils.release(buf);
        }
    }
}
