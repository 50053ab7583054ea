package io.hearth.nodes.homeassistant.resource;

import java.util.List;
import java.util.Optional;

/**
 * A resource of the Home Assistant node (n8n's grouping: State, Service, Event, ...) with its
 * operations; the first operation is the default (as in n8n).
 */
public interface HaResource {

    /** The n8n option value, e.g. {@code cameraProxy}. */
    String value();

    String displayName();

    List<HaOperation> operations();

    default HaOperation defaultOperation() {
        return operations().getFirst();
    }

    default Optional<HaOperation> operation(String value) {
        return operations().stream().filter(o -> o.value().equals(value)).findFirst();
    }
}
