package io.hearth.nodes.homeassistant.resource;

import io.hearth.node.NodeApiException;
import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.nodes.homeassistant.client.HomeAssistantApi;
import io.hearth.nodes.homeassistant.client.Json;
import io.hearth.nodes.homeassistant.resource.Registries.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a service call acts on: entity, area, device, floor and label ids from the node's {@code target}
 * collection, each field one id, a comma list, a JSON list or a list (from a dropdown or an expression).
 * Before the call the ids are checked against Home Assistant (entities against its states, the others
 * against their registries); unknown ones fail the item or, with {@code unknownTargets=warn}, are
 * reported in its output.
 */
final class Targets {

    /** A target field ({@code target.<param>}), HA's key and the registry its ids live in. */
    record Field(String param, String key, Kind kind, String what) {}

    static final List<Field> FIELDS = List.of(
            new Field("entityIds", "entity_id", Kind.ENTITY, "entity"),
            new Field("areaIds", "area_id", Kind.AREA, "area"),
            new Field("deviceIds", "device_id", Kind.DEVICE, "device"),
            new Field("floorIds", "floor_id", Kind.FLOOR, "floor"),
            new Field("labelIds", "label_id", Kind.LABEL, "label"));

    /** Entity ids Home Assistant treats as "every entity" and "no entity". */
    private static final Set<String> SPECIAL_ENTITY_IDS = Set.of("all", "none");

    private Targets() {}

    /** HA's target object: {@code {entity_id: [...], area_id: [...], ...}}, only the non-empty ones. */
    static Map<String, List<String>> read(ParameterValues params) {
        Map<String, List<String>> target = new LinkedHashMap<>();
        for (Field f : FIELDS) {
            List<String> ids = Values.ids(params, "target." + f.param());
            if (!ids.isEmpty()) {
                target.put(f.key(), ids);
            }
        }
        return Collections.unmodifiableMap(target);
    }

    /** Whether unknown ids only warn ({@code unknownTargets=warn}) instead of failing the item. */
    static boolean warnOnly(ParameterValues params) {
        String mode = params.string("unknownTargets");
        return switch (mode) {
            case "", "fail" -> false;
            case "warn" -> true;
            default -> throw new ParameterException("unknownTargets", "must be fail or warn, got '" + mode + "'");
        };
    }

    /** The ids of {@code target} Home Assistant does not know, as {@code area 'attic'}; empty when all exist. */
    static Mono<List<String>> unknown(HomeAssistantApi api, Map<String, List<String>> target) {
        return Flux.fromIterable(FIELDS)
                .filter(f -> target.containsKey(f.key()))
                .concatMap(f -> known(api, f.kind()).map(known -> {
                    List<String> missing = new ArrayList<>();
                    for (String id : target.get(f.key())) {
                        if (!known.contains(id) && !(f.kind() == Kind.ENTITY && SPECIAL_ENTITY_IDS.contains(id))) {
                            missing.add(f.what() + " '" + id + "'");
                        }
                    }
                    return missing;
                }))
                .collectList()
                .map(lists -> lists.stream().flatMap(List::stream).toList());
    }

    /** Entities are checked against the states (entities without a registry entry have one too). */
    private static Mono<Set<String>> known(HomeAssistantApi api, Kind kind) {
        if (kind == Kind.ENTITY) {
            return api.states()
                    .map(states ->
                            ids(Json.asList(states).stream().map(Json::asObject).toList(), "entity_id"));
        }
        return Registries.list(api, kind).map(entries -> ids(entries, kind.idKey));
    }

    private static Set<String> ids(List<Map<String, Object>> entries, String key) {
        Set<String> out = new HashSet<>();
        entries.forEach(e -> out.add(Json.asString(e.get(key))));
        return out;
    }

    /** The message of a call refused because some targets do not exist. */
    static NodeApiException unknownError(String operation, List<String> unknown) {
        return new NodeApiException(
                operation + " failed: " + describe(unknown),
                404,
                "Pick the targets from the lists, or set 'If a Target Does Not Exist' to 'Warn in the Item' to call the "
                        + "service with the others.",
                null);
    }

    static String describe(List<String> unknown) {
        return "Home Assistant has no " + String.join(", ", unknown);
    }

    /**
     * Home Assistant before 2024.4 refuses floor and label targets (over REST with a bare "400: Bad
     * Request"). A 400 for a call with such targets is explained when this Home Assistant lacks the
     * capability: its areas carry no {@code floor_id} (they do from 2024.4, with floors and labels in targets),
     * or its message names the key as an extra key.
     */
    static Mono<NodeApiException> explainUnsupported(
            HomeAssistantApi api, NodeApiException error, String operation, Map<String, List<String>> target) {
        List<String> keys = List.of("floor_id", "label_id").stream()
                .filter(target::containsKey)
                .toList();
        if (keys.isEmpty() || error.httpStatus().orElse(0) != 400) {
            return Mono.just(error);
        }
        String text = error.getMessage();
        if (text.contains("extra keys not allowed") && keys.stream().anyMatch(text::contains)) {
            return Mono.just(unsupported(error, operation, keys));
        }
        return Registries.list(api, Kind.AREA)
                .map(areas -> !areas.isEmpty() && !areas.getFirst().containsKey("floor_id")
                        ? unsupported(error, operation, keys)
                        : error)
                .onErrorReturn(error);
    }

    private static NodeApiException unsupported(NodeApiException error, String operation, List<String> keys) {
        String what = String.join(
                " and ",
                keys.stream().map(k -> k.equals("floor_id") ? "floor" : "label").toList());
        return new NodeApiException(
                operation + " failed: this Home Assistant does not accept " + what + " targets (400)",
                400,
                "Targeting by floor or label needs Home Assistant 2024.4 or later; target the areas, devices or "
                        + "entities instead, or update Home Assistant.",
                error);
    }
}
