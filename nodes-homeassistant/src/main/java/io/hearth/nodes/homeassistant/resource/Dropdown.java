package io.hearth.nodes.homeassistant.resource;

import io.hearth.node.LoadOptionsContext;
import io.hearth.node.description.Option;
import io.hearth.nodes.homeassistant.client.HomeAssistantApi;
import io.hearth.nodes.homeassistant.client.Json;
import java.util.Comparator;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * One dynamic dropdown of a resource, loaded live from the Home Assistant of the credential selected
 * on the node (the node wraps it into a load-options method: credential lookup, search filter).
 */
@FunctionalInterface
public interface Dropdown {

    Mono<List<Option>> load(HomeAssistantApi api, LoadOptionsContext context);

    /**
     * The current value of another parameter of the node being edited, as text; empty when unset or an
     * expression (known only at run time: no filter then).
     */
    static String current(LoadOptionsContext context, String name) {
        String s = Json.asString(
                        Values.unwrapLocator(context.currentParameters().get(name)))
                .strip();
        return s.startsWith("=") ? "" : s;
    }

    /** Options sorted by label, case-insensitive. */
    static List<Option> sorted(List<Option> options) {
        return options.stream()
                .sorted(Comparator.comparing(Option::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /** {@code Name (id)}, or the id alone when there is no other name. */
    static String label(String name, String id) {
        return name.isBlank() || name.equals(id) ? id : name + " (" + id + ")";
    }
}
