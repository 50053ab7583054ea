package io.hearth.nodes.homeassistant.resource;

import io.hearth.node.description.Option;
import io.hearth.nodes.homeassistant.client.HomeAssistantApi;
import io.hearth.nodes.homeassistant.client.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Home Assistant's registries (WebSocket {@code config/<kind>_registry/list}): areas and devices, as
 * dropdown options for service targets.
 */
final class Registries {

    private Registries() {}

    static Mono<List<Object>> list(HomeAssistantApi api, String kind) {
        return api.command("Load " + kind + "s", Map.of("type", "config/" + kind + "_registry/list"))
                .map(Json::asList)
                .defaultIfEmpty(List.of());
    }

    static Mono<List<Option>> areaOptions(HomeAssistantApi api) {
        return list(api, "area").map(areas -> {
            List<Option> out = new ArrayList<>();
            for (Object a : areas) {
                Map<String, Object> area = Json.asObject(a);
                String id = Json.asString(area.get("area_id"));
                out.add(Option.of(Dropdown.label(Json.asString(area.get("name")), id), id));
            }
            return Dropdown.sorted(out);
        });
    }

    static Mono<List<Option>> deviceOptions(HomeAssistantApi api) {
        return list(api, "device").map(devices -> {
            List<Option> out = new ArrayList<>();
            for (Object d : devices) {
                Map<String, Object> device = Json.asObject(d);
                if (device.get("disabled_by") != null) {
                    continue;
                }
                String id = Json.asString(device.get("id"));
                String name = deviceName(device);
                String model = String.join(
                        " ",
                        List.of(Json.asString(device.get("manufacturer")), Json.asString(device.get("model"))).stream()
                                .filter(x -> !x.isBlank())
                                .toList());
                String area = Json.asString(device.get("area_id"));
                String description = (model + (area.isBlank() ? "" : " in " + area)).strip();
                out.add(Option.of(name.isBlank() ? id : name, id, description));
            }
            return Dropdown.sorted(out);
        });
    }

    /** The name a user gave the device, else the integration's name. */
    static String deviceName(Map<String, Object> device) {
        String name = Json.asString(device.get("name_by_user"));
        return name.isBlank() ? Json.asString(device.get("name")) : name;
    }
}
