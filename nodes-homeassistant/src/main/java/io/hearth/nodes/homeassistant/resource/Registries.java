package io.hearth.nodes.homeassistant.resource;

import io.hearth.node.description.Option;
import io.hearth.nodes.homeassistant.client.HomeAssistantApi;
import io.hearth.nodes.homeassistant.client.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Home Assistant's registries (WebSocket {@code config/<kind>_registry/list}): what areas, devices,
 * entities, labels and floors exist, for dropdowns, for checking service targets and for the Registry
 * resource. Labels and floors exist from Home Assistant 2024.4 (2024.3 lists them but accepts them nowhere).
 */
final class Registries {

    private Registries() {}

    /** One registry: its command, the key of an entry's id, and how entries are named in messages. */
    enum Kind {
        AREA("area", "area_id", "Areas"),
        DEVICE("device", "id", "Devices"),
        ENTITY("entity", "entity_id", "Entities"),
        LABEL("label", "label_id", "Labels"),
        FLOOR("floor", "floor_id", "Floors");

        final String name;
        final String idKey;
        final String displayName;

        Kind(String name, String idKey, String displayName) {
            this.name = name;
            this.idKey = idKey;
            this.displayName = displayName;
        }

        /** The option value users choose, e.g. {@code area}. */
        String value() {
            return name;
        }

        String command() {
            return "config/" + name + "_registry/list";
        }

        String id(Map<String, Object> entry) {
            return Json.asString(entry.get(idKey));
        }

        static Optional<Kind> of(String value) {
            for (Kind k : values()) {
                if (k.name.equals(value.strip().toLowerCase(Locale.ROOT))) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    static Mono<List<Map<String, Object>>> list(HomeAssistantApi api, Kind kind) {
        return api.command("Load " + kind.displayName.toLowerCase(Locale.ROOT), Map.of("type", kind.command()))
                .map(result -> Json.asList(result).stream().map(Json::asObject).toList())
                .defaultIfEmpty(List.of());
    }

    /** Dropdown options of a registry: {@code Name (id)}, with a short description where one helps. */
    static Mono<List<Option>> options(HomeAssistantApi api, Kind kind) {
        return list(api, kind).map(entries -> {
            List<Option> out = new ArrayList<>();
            for (Map<String, Object> entry : entries) {
                if (entry.get("disabled_by") != null) {
                    continue;
                }
                String id = kind.id(entry);
                out.add(
                        switch (kind) {
                            case DEVICE -> deviceOption(entry, id);
                            case FLOOR ->
                                Option.of(
                                        Dropdown.label(Json.asString(entry.get("name")), id),
                                        id,
                                        entry.get("level") == null ? "" : "Level " + entry.get("level"));
                            case ENTITY -> Option.of(Dropdown.label(entityName(entry), id), id);
                            default ->
                                Option.of(
                                        Dropdown.label(Json.asString(entry.get("name")), id),
                                        id,
                                        Json.asString(entry.get("description")));
                        });
            }
            return Dropdown.sorted(out);
        });
    }

    private static Option deviceOption(Map<String, Object> device, String id) {
        String model = String.join(
                " ",
                List.of(Json.asString(device.get("manufacturer")), Json.asString(device.get("model"))).stream()
                        .filter(x -> !x.isBlank())
                        .toList());
        String area = Json.asString(device.get("area_id"));
        String description = (model + (area.isBlank() ? "" : " in " + area)).strip();
        String name = deviceName(device);
        return Option.of(name.isBlank() ? id : name, id, description);
    }

    /** The name a user gave the entity, else the integration's. */
    static String entityName(Map<String, Object> entity) {
        String name = Json.asString(entity.get("name"));
        return name.isBlank() ? Json.asString(entity.get("original_name")) : name;
    }

    /** The name a user gave the device, else the integration's name. */
    static String deviceName(Map<String, Object> device) {
        String name = Json.asString(device.get("name_by_user"));
        return name.isBlank() ? Json.asString(device.get("name")) : name;
    }
}
