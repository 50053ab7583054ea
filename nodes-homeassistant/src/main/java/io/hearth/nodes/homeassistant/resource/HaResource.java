package io.hearth.nodes.homeassistant.resource;

import java.util.List;
import java.util.Optional;

/**
 * A resource of the Home Assistant node (n8n's grouping: State, Service, Event, ...) with its
 * operations, listed in n8n's order, and n8n's default operation (the first one unless overridden).
 * The node declares one {@code operation} parameter per resource from these.
 */
public interface HaResource {

    /** The n8n option value, e.g. {@code cameraProxy}. */
    String value();

    String displayName();

    /** The operations in the order the editor lists them (n8n's). */
    List<HaOperation> operations();

    /** The value of the operation used when a workflow does not set one (n8n's default). */
    default String defaultOperation() {
        return operations().getFirst().value();
    }

    default Optional<HaOperation> operation(String value) {
        return operations().stream().filter(o -> o.value().equals(value)).findFirst();
    }
}
