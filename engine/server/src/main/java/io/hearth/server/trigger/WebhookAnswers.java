package io.hearth.server.trigger;

import io.hearth.common.Json;
import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import io.hearth.node.trigger.WebhookResponder;
import io.hearth.node.trigger.WebhookResponse;
import io.hearth.node.trigger.WebhookSpec;
import io.hearth.runtime.execution.ExecutionError;
import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.ExecutionStatus;
import io.hearth.server.execution.StartedExecution;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * What a webhook call hears, per the node's response mode: immediately, when the last node finishes (its output as
 * the node's Response Data says), or the response of a Respond to Webhook node; an execution that failed or was
 * refused answers 500 or 503.
 */
final class WebhookAnswers {

    private WebhookAnswers() {}

    /** Responding immediately: the node's response code, headers and body. */
    static Mono<ServerResponse> received(WebhookSpec spec) {
        return answer(new WebhookResponse(spec.responseCode(), spec.responseHeaders(), spec.receivedBody()));
    }

    /** 503 when the server refused to run the execution (too many running and waiting), else 500. */
    private static HttpStatus failureStatus(ExecutionResult result) {
        return result.error()
                        .filter(e -> e.kind().equals(ExecutionError.TOO_MANY_EXECUTIONS))
                        .isPresent()
                ? HttpStatus.SERVICE_UNAVAILABLE
                : HttpStatus.INTERNAL_SERVER_ERROR;
    }

    /** Responding when the last node finishes: its output, as the node's Response Data says. */
    static Mono<ServerResponse> lastNode(WebhookSpec spec, ExecutionResult result) {
        if (result.status() != ExecutionStatus.SUCCESS) {
            return json(
                    failureStatus(result),
                    Map.of(
                            "message",
                            "Error in workflow",
                            "error",
                            result.error()
                                    .map(e -> e.message())
                                    .orElse(result.status().wireName())));
        }
        List<Item> out = result.lastNodeOutput();
        var builder = ServerResponse.status(spec.responseCode());
        spec.responseHeaders().forEach((k, v) -> v.forEach(x -> builder.header(k, x)));
        return switch (spec.responseData()) {
            case NO_DATA -> builder.build();
            case ALL_ENTRIES ->
                builder.contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(out.stream().map(Item::json).toList());
            case FIRST_ENTRY_BINARY -> {
                // n8n's messages
                if (out.isEmpty()) {
                    yield json(HttpStatus.INTERNAL_SERVER_ERROR, Map.of("message", "No item was found to return"));
                }
                if (out.getFirst().binary().isEmpty()) {
                    yield json(
                            HttpStatus.INTERNAL_SERVER_ERROR, Map.of("message", "No binary data was found to return"));
                }
                BinaryData data = out.getFirst().binary().get(spec.responseBinaryPropertyName());
                yield data == null
                        ? json(
                                HttpStatus.INTERNAL_SERVER_ERROR,
                                Map.of(
                                        "message",
                                        "The binary property '" + spec.responseBinaryPropertyName()
                                                + "' which should be returned does not exist"))
                        : binary(builder, data);
            }
            case FIRST_ENTRY_JSON -> {
                Object body = out.isEmpty() ? Map.of() : out.getFirst().json();
                if (spec.responsePropertyName().isPresent()) {
                    body = propertyAt(body, spec.responsePropertyName().get());
                }
                // the "Response Content-Type" option (a header by now) replaces JSON's
                if (hasContentType(spec.responseHeaders())) {
                    yield body instanceof String text ? builder.bodyValue(text) : builder.bodyValue(Json.write(body));
                }
                yield body == null
                        ? builder.build()
                        : builder.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
            }
        };
    }

    /** The value at a dotted path ({@code nested.value}), as lodash's get; null when absent. */
    // split drops trailing empty keys, so a path "a.b." reads a.b, as it always has
    @SuppressWarnings("StringSplitter")
    private static Object propertyAt(Object value, String path) {
        Object current = value;
        for (String key : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    private static boolean hasContentType(Map<String, List<String>> headers) {
        return headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Content-Type"));
    }

    /**
     * Responding via Respond to Webhook: its response once the record is durable. The response is sent when the
     * execution ends (after its single final record), or, when a node starts after the response was given, at once
     * after a start row as running: a Respond node that answers last costs one write, not a start row and an update.
     */
    static Mono<ServerResponse> respondNode(Responder responder, StartedExecution started) {
        CompletableFuture<Object> either = CompletableFuture.anyOf(
                started.persistence().respondedWhileRunning(), started.running().result());
        // anyOf completes with null (a Void future) and a Mono of null is empty: then(), not flatMap
        return Mono.fromFuture(either).then(Mono.defer(() -> {
            if (started.running().result().isDone()) {
                // Finished (the usual case): answer once the single final record is durable.
                return Mono.fromFuture(started.finished())
                        .flatMap(result -> responder
                                .response()
                                .map(WebhookAnswers::answer)
                                .orElseGet(() -> json(
                                        failureStatus(result),
                                        Map.of(
                                                "message",
                                                result.status() == ExecutionStatus.SUCCESS
                                                        ? "The workflow finished without reaching a Respond to Webhook node"
                                                        : "Error in workflow: "
                                                                + result.error()
                                                                        .map(e -> e.message())
                                                                        .orElse(result.status()
                                                                                .wireName())))));
            }
            // Answered while still running: make the execution durable as running, then answer.
            return Mono.fromFuture(started.persistence().ensureStartRow())
                    .then(Mono.defer(() -> answer(responder.response().orElseThrow())));
        }));
    }

    static Mono<ServerResponse> answer(WebhookResponse response) {
        var builder = ServerResponse.status(response.status());
        response.headers().forEach((k, v) -> v.forEach(x -> builder.header(k, x)));
        return switch (response.body()) {
            case WebhookResponse.NoBody n -> builder.build();
            case WebhookResponse.JsonBody j ->
                builder.contentType(MediaType.APPLICATION_JSON).bodyValue(j.value() == null ? Map.of() : j.value());
            // a Content-Type response header the user set wins over the body's default
            case WebhookResponse.TextBody t ->
                hasContentType(response.headers())
                        ? builder.bodyValue(t.text())
                        : builder.contentType(MediaType.parseMediaType(t.contentType()))
                                .bodyValue(t.text());
            case WebhookResponse.BinaryBody b -> binary(builder, b.data());
        };
    }

    private static Mono<ServerResponse> binary(ServerResponse.BodyBuilder builder, BinaryData data) {
        data.fileName()
                .ifPresent(n -> builder.header(
                        "Content-Disposition",
                        ContentDisposition.inline().filename(n).build().toString()));
        return builder.contentType(MediaType.parseMediaType(data.mimeType())).bodyValue(data.data());
    }

    static Mono<ServerResponse> json(HttpStatus status, Map<String, Object> body) {
        return ServerResponse.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body);
    }

    /** Holds the first response a Respond to Webhook node gives. */
    static final class Responder implements WebhookResponder {
        final AtomicReference<WebhookResponse> response = new AtomicReference<>();

        @Override
        public boolean respond(WebhookResponse r) {
            return response.compareAndSet(null, r);
        }

        @Override
        public boolean hasResponded() {
            return response.get() != null;
        }

        Optional<WebhookResponse> response() {
            return Optional.ofNullable(response.get());
        }
    }
}
