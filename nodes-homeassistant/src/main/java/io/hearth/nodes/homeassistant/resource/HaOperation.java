package io.hearth.nodes.homeassistant.resource;

import io.hearth.node.Item;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * One operation of a resource ("State: Get"), run once per input item. Returns the output items
 * for that item (the node pairs them with it). Must not block.
 *
 * @param value       the n8n option value stored in workflows ({@code get}, {@code getAll}, ...)
 * @param displayName the label in the editor
 * @param description what it does
 * @param handler     the implementation
 */
public record HaOperation(String value, String displayName, String description, Handler handler) {

    @FunctionalInterface
    public interface Handler {
        Mono<List<Item>> run(OperationInput input);
    }

    public Mono<List<Item>> run(OperationInput input) {
        return handler.run(input);
    }
}
