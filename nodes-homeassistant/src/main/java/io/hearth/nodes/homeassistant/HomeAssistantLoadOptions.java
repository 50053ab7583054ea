package io.hearth.nodes.homeassistant;

import io.hearth.node.LoadOptionsContext;
import io.hearth.node.LoadOptionsMethod;
import io.hearth.node.NodeException;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.description.Option;
import io.hearth.nodes.homeassistant.client.HomeAssistantApi;
import io.hearth.nodes.homeassistant.resource.Dropdown;
import io.hearth.nodes.homeassistant.resource.HaResource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The resources' dropdowns as the node's load-options methods: each loads live from the Home Assistant of
 * the credential selected on the node, and a typed search text filters labels and values.
 */
final class HomeAssistantLoadOptions {

    private HomeAssistantLoadOptions() {}

    static Map<String, LoadOptionsMethod> methods(
            List<HaResource> resources, Function<CredentialData, HomeAssistantApi> apis) {
        Map<String, LoadOptionsMethod> m = new LinkedHashMap<>();
        for (HaResource r : resources) {
            r.dropdowns().forEach((name, dropdown) -> {
                if (m.put(name, method(dropdown, apis)) != null) {
                    throw new IllegalStateException("dropdown " + name + " declared by two resources");
                }
            });
        }
        return Collections.unmodifiableMap(m);
    }

    static LoadOptionsMethod method(Dropdown dropdown, Function<CredentialData, HomeAssistantApi> apis) {
        return ctx -> Mono.defer(() -> dropdown.load(apis.apply(credential(ctx)), ctx))
                .map(options -> filter(options, ctx.search()))
                .toFuture();
    }

    private static CredentialData credential(LoadOptionsContext ctx) {
        String authentication = String.valueOf(ctx.currentParameters().getOrDefault(HaCredentials.PARAMETER, ""));
        try {
            return HaCredentials.of(authentication, ctx::credential);
        } catch (NodeException e) {
            throw new NodeException("Select a Home Assistant credential to load the choices");
        }
    }

    static List<Option> filter(List<Option> options, Optional<String> search) {
        String s = search.map(t -> t.strip().toLowerCase(Locale.ROOT)).orElse("");
        if (s.isEmpty()) {
            return options;
        }
        return options.stream()
                .filter(o -> o.name().toLowerCase(Locale.ROOT).contains(s)
                        || String.valueOf(o.value()).toLowerCase(Locale.ROOT).contains(s))
                .toList();
    }
}
