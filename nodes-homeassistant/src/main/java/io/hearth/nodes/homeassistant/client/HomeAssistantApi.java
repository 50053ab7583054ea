package io.hearth.nodes.homeassistant.client;

import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * What the node needs from a Home Assistant: REST calls and one-shot WebSocket commands. Errors
 * arrive as {@link io.hearth.node.NodeApiException} with a message naming the operation.
 */
public interface HomeAssistantApi {

    /** Sends a REST request; a non-2xx answer or a transport failure becomes a {@code NodeApiException}. */
    Mono<HaResponse> send(HaRequest request);

    /**
     * Runs one WebSocket command (e.g. {@code {"type": "config/area_registry/list"}}) on a fresh,
     * authenticated connection and returns its {@code result} (JSON-like); completes empty when the result is null.
     *
     * @param operation what the command does, for error messages
     * @param command   the command without {@code id}
     */
    Mono<Object> command(String operation, Map<String, Object> command);

    /**
     * {@code GET /api/services} parsed: {@code [{domain, services: {name: {name, description, fields, response?}}}]}.
     * Implementations may cache it briefly (it changes only when integrations load).
     */
    default Mono<Object> services() {
        return send(HaRequest.get("List services", "/api/services")).map(HaResponse::json);
    }

    /**
     * Every entity's state (State "Get Many", dropdowns, target checks): {@code GET /api/states} here;
     * the real client asks {@code get_states} over its shared WebSocket.
     */
    default Mono<Object> states() {
        return send(HaRequest.get("Load entities", "/api/states")).map(HaResponse::json);
    }

    /** Base URL for messages, e.g. {@code http://ha.local:8123}. */
    String baseUrl();
}
