package io.hearth.nodes.homeassistant;

import io.hearth.node.LoadOptionsContext;
import io.hearth.node.LoadOptionsMethod;
import io.hearth.node.NodeException;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.description.Option;
import io.hearth.nodes.homeassistant.client.HaRequest;
import io.hearth.nodes.homeassistant.client.HaResponse;
import io.hearth.nodes.homeassistant.client.HomeAssistantApi;
import io.hearth.nodes.homeassistant.client.HomeAssistantClients;
import io.hearth.nodes.homeassistant.client.Json;
import io.hearth.nodes.homeassistant.credential.HomeAssistantApiCredentialType;
import io.hearth.nodes.homeassistant.resource.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The node's dynamic dropdowns, loaded live with the credential selected on the node: domains,
 * services of a domain, fields of a service, entities (filtered by the chosen domain for service
 * targets), camera entities, areas and devices (the last two from the WebSocket registries). Entity
 * labels are {@code friendly_name (entity_id)}. A typed search text filters labels and values.
 */
final class HomeAssistantLoadOptions {

    private final Function<CredentialData, HomeAssistantApi> apis;

    HomeAssistantLoadOptions(HomeAssistantClients clients) {
        this(clients::forCredential);
    }

    HomeAssistantLoadOptions(Function<CredentialData, HomeAssistantApi> apis) {
        this.apis = apis;
    }

    Map<String, LoadOptionsMethod> methods() {
        Map<String, LoadOptionsMethod> m = new LinkedHashMap<>();
        m.put("getDomains", ctx -> run(ctx, this::domains));
        m.put("getDomainServices", ctx -> run(ctx, this::domainServices));
        m.put("getServiceFields", ctx -> run(ctx, this::serviceFields));
        m.put("getAllEntities", ctx -> run(ctx, this::entities));
        m.put("getCameraEntities", ctx -> run(ctx, this::cameras));
        m.put("getAreas", ctx -> run(ctx, this::areas));
        m.put("getDevices", ctx -> run(ctx, this::devices));
        return java.util.Collections.unmodifiableMap(m);
    }

    private interface Loader {
        Mono<List<Option>> load(HomeAssistantApi api, LoadOptionsContext ctx);
    }

    private CompletionStage<List<Option>> run(LoadOptionsContext ctx, Loader loader) {
        return Mono.defer(() -> {
                    CredentialData credential = ctx.credential(HomeAssistantApiCredentialType.NAME)
                            .orElseThrow(
                                    () -> new NodeException("Select a Home Assistant credential to load the choices"));
                    return loader.load(apis.apply(credential), ctx);
                })
                .map(options -> filter(options, ctx.search()))
                .toFuture();
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

    // ------------------------------------------------------------------ services

    private Mono<List<Option>> domains(HomeAssistantApi api, LoadOptionsContext ctx) {
        return api.services()
                .map(services -> Json.asList(services).stream()
                        .map(d -> Json.asString(Json.asObject(d).get("domain")))
                        .filter(d -> !d.isEmpty())
                        .sorted()
                        .map(d -> Option.of(d, d))
                        .toList());
    }

    private Mono<List<Option>> domainServices(HomeAssistantApi api, LoadOptionsContext ctx) {
        String domain = current(ctx, "domain");
        if (domain.isEmpty()) {
            return Mono.just(List.of());
        }
        return api.services().map(services -> {
            List<Option> out = new ArrayList<>();
            serviceMap(services, domain).forEach((id, d) -> {
                Map<String, Object> desc = Json.asObject(d);
                String name = Json.asString(desc.get("name"));
                String label = name.isBlank() || name.equals(id) ? id : name + " (" + id + ")";
                out.add(Option.of(label, id, Json.asString(desc.get("description"))));
            });
            out.sort(Comparator.comparing(Option::name, String.CASE_INSENSITIVE_ORDER));
            return out;
        });
    }

    private Mono<List<Option>> serviceFields(HomeAssistantApi api, LoadOptionsContext ctx) {
        String domain = current(ctx, "domain");
        String service = current(ctx, "service");
        if (domain.isEmpty() || service.isEmpty()) {
            return Mono.just(List.of());
        }
        return api.services().map(services -> {
            Map<String, Object> desc =
                    Json.asObject(serviceMap(services, domain).get(service));
            List<Option> out = new ArrayList<>();
            Json.asObject(desc.get("fields")).forEach((key, f) -> {
                Map<String, Object> field = Json.asObject(f);
                if (field.containsKey("fields")) { // a section of fields (advanced fields)
                    Json.asObject(field.get("fields")).forEach((k2, f2) -> out.add(fieldOption(k2, Json.asObject(f2))));
                } else {
                    out.add(fieldOption(key, field));
                }
            });
            if (desc.containsKey("target") && out.stream().noneMatch(o -> "entity_id".equals(o.value()))) {
                out.add(Option.of("Entity ID (entity_id)", "entity_id", "The entities to act on"));
            }
            return out;
        });
    }

    private static Option fieldOption(String key, Map<String, Object> field) {
        String name = Json.asString(field.get("name"));
        String label = name.isBlank() ? key : name + " (" + key + ")";
        String description = Json.asString(field.get("description"));
        if (Boolean.TRUE.equals(field.get("required"))) {
            description = "Required. " + description;
        }
        return Option.of(label, key, description);
    }

    private static Map<String, Object> serviceMap(Object services, String domain) {
        for (Object d : Json.asList(services)) {
            Map<String, Object> entry = Json.asObject(d);
            if (domain.equals(entry.get("domain"))) {
                return Json.asObject(entry.get("services"));
            }
        }
        return Map.of();
    }

    // ------------------------------------------------------------------ entities

    private Mono<List<Option>> entities(HomeAssistantApi api, LoadOptionsContext ctx) {
        // for service targets: only the chosen domain's entities (if any such exist, e.g. not for "homeassistant")
        String domain = "service".equals(current(ctx, "resource")) ? current(ctx, "domain") : "";
        return states(api).map(states -> {
            List<Option> all = entityOptions(states, id -> true);
            if (domain.isEmpty()) {
                return all;
            }
            List<Option> ofDomain = all.stream()
                    .filter(o -> String.valueOf(o.value()).startsWith(domain + "."))
                    .toList();
            return ofDomain.isEmpty() ? all : ofDomain;
        });
    }

    private Mono<List<Option>> cameras(HomeAssistantApi api, LoadOptionsContext ctx) {
        return states(api).map(states -> entityOptions(states, id -> id.startsWith("camera.")));
    }

    private static Mono<Object> states(HomeAssistantApi api) {
        return api.send(HaRequest.get("Load entities", "/api/states")).map(HaResponse::json);
    }

    static List<Option> entityOptions(Object states, java.util.function.Predicate<String> keep) {
        List<Option> out = new ArrayList<>();
        for (Object s : Json.asList(states)) {
            Map<String, Object> state = Json.asObject(s);
            String id = Json.asString(state.get("entity_id"));
            if (id.isEmpty() || !keep.test(id)) {
                continue;
            }
            String friendly =
                    Json.asString(Json.asObject(state.get("attributes")).get("friendly_name"));
            out.add(Option.of(
                    friendly.isBlank() ? id : friendly + " (" + id + ")",
                    id,
                    "State: " + Json.asString(state.get("state"))));
        }
        out.sort(Comparator.comparing(Option::name, String.CASE_INSENSITIVE_ORDER));
        return out;
    }

    // ------------------------------------------------------------------ registries (WebSocket)

    private Mono<List<Option>> areas(HomeAssistantApi api, LoadOptionsContext ctx) {
        return api.command("Load areas", Map.of("type", "config/area_registry/list"))
                .map(result -> {
                    List<Option> out = new ArrayList<>();
                    for (Object a : Json.asList(result)) {
                        Map<String, Object> area = Json.asObject(a);
                        String id = Json.asString(area.get("area_id"));
                        String name = Json.asString(area.get("name"));
                        out.add(Option.of(name.isBlank() ? id : name + " (" + id + ")", id));
                    }
                    out.sort(Comparator.comparing(Option::name, String.CASE_INSENSITIVE_ORDER));
                    return out;
                })
                .defaultIfEmpty(List.of());
    }

    private Mono<List<Option>> devices(HomeAssistantApi api, LoadOptionsContext ctx) {
        return api.command("Load devices", Map.of("type", "config/device_registry/list"))
                .map(result -> {
                    List<Option> out = new ArrayList<>();
                    for (Object d : Json.asList(result)) {
                        Map<String, Object> device = Json.asObject(d);
                        if (device.get("disabled_by") != null) {
                            continue;
                        }
                        String id = Json.asString(device.get("id"));
                        String name = Json.asString(device.get("name_by_user"));
                        if (name.isBlank()) {
                            name = Json.asString(device.get("name"));
                        }
                        String model = String.join(
                                " ",
                                List.of(Json.asString(device.get("manufacturer")), Json.asString(device.get("model")))
                                        .stream()
                                        .filter(x -> !x.isBlank())
                                        .toList());
                        String area = Json.asString(device.get("area_id"));
                        String description = (model + (area.isBlank() ? "" : " in " + area)).strip();
                        out.add(Option.of(name.isBlank() ? id : name, id, description));
                    }
                    out.sort(Comparator.comparing(Option::name, String.CASE_INSENSITIVE_ORDER));
                    return out;
                })
                .defaultIfEmpty(List.of());
    }

    private static String current(LoadOptionsContext ctx, String name) {
        Object v = Values.unwrapLocator(ctx.currentParameters().get(name));
        String s = v == null ? "" : v.toString().strip();
        return s.startsWith("=") ? "" : s; // an unresolved expression: no filter
    }
}
