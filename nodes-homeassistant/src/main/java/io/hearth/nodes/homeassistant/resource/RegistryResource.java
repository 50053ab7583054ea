package io.hearth.nodes.homeassistant.resource;

import io.hearth.node.Item;
import io.hearth.node.LoadOptionsContext;
import io.hearth.node.NodeApiException;
import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.DynamicOptions;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import io.hearth.nodes.homeassistant.resource.Registries.Kind;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Registry: what Home Assistant knows about its areas, devices, entities, floors and labels (WebSocket
 * {@code config/<kind>_registry/list}), one entry or all, and what belongs together ({@code search/related}:
 * the devices, entities, automations... related to an area, floor, label, device, entity...).
 */
public final class RegistryResource {

    /** The items a search can start from; floors and labels need Home Assistant 2024.4. */
    private static final List<Option> RELATED_TYPES = List.of(
            Option.of("Area", "area"),
            Option.of("Automation", "automation"),
            Option.of("Config Entry", "config_entry"),
            Option.of("Device", "device"),
            Option.of("Entity", "entity"),
            Option.of("Floor", "floor"),
            Option.of("Group", "group"),
            Option.of("Label", "label"),
            Option.of("Person", "person"),
            Option.of("Scene", "scene"),
            Option.of("Script", "script"));

    private RegistryResource() {}

    public static HaResource resource() {
        Option[] registries = Arrays.stream(Kind.values())
                .map(k -> Option.of(k.displayName, k.value()))
                .toArray(Option[]::new);
        return HaResource.builder("registry", "Registry")
                .operation("get", "Get", "Get one area, device, entity, floor or label", RegistryResource::get)
                .operation(
                        "getAll",
                        "Get Many",
                        "Get the areas, devices, entities, floors or labels",
                        in -> Registries.list(in.api(), kind(in.params()))
                                .map(entries -> Results.limit(entries, in.params()).stream()
                                        .map(Item::of)
                                        .toList()))
                .operation(
                        "getRelated",
                        "Get Related",
                        "Get what belongs to an area, floor, label, device, entity...",
                        RegistryResource::related)
                .defaultOperation("getAll")
                .field(
                        Parameter.options("registry", registries)
                                .displayName("Registry")
                                .defaultValue("area"),
                        "get",
                        "getAll")
                .field(
                        Parameter.options("itemType", RELATED_TYPES.toArray(Option[]::new))
                                .displayName("Related To")
                                .defaultValue("area")
                                .description("Floors and labels need Home Assistant 2024.4 or later"),
                        "getRelated")
                .field(
                        Parameter.dynamicOptions(
                                        "itemId", DynamicOptions.of("getRegistryItems", "registry", "itemType"))
                                .displayName("ID")
                                .required()
                                .description("The id, e.g. kitchen, light.kitchen or a device id"),
                        "get",
                        "getRelated")
                .field(Fields.returnAll(), "getAll")
                .field(Fields.limit(), "getAll")
                .dropdown("getRegistryItems", RegistryResource::items)
                .build();
    }

    static Kind kind(ParameterValues params) {
        String value = params.string("registry");
        return Registries.Kind.of(value.isBlank() ? "area" : value)
                .orElseThrow(() -> new ParameterException(
                        "registry", "must be one of area, device, entity, floor, label; got '" + value + "'"));
    }

    private static Mono<List<Item>> get(OperationInput in) {
        Kind kind = kind(in.params());
        String id = Values.required(in.params(), "itemId");
        return Registries.list(in.api(), kind)
                .map(entries -> entries.stream()
                        .filter(e -> id.equals(kind.id(e)))
                        .findFirst()
                        .map(e -> List.of(Item.of(e)))
                        .orElseThrow(() -> new NodeApiException(
                                "Get " + kind.value() + " '" + id + "' failed: unknown " + kind.value() + " '" + id
                                        + "' (404)",
                                404,
                                "Pick it from the list, or check the id under Settings > Areas, labels & zones (or Devices & "
                                        + "services) in Home Assistant.",
                                null)));
    }

    /** The search command: {@code {"type": "search/related", "item_type": "area", "item_id": "kitchen"}}. */
    static Map<String, Object> relatedCommand(ParameterValues params) {
        String type = params.string("itemType").strip();
        if (RELATED_TYPES.stream().noneMatch(o -> o.value().equals(type))) {
            throw new ParameterException(
                    "itemType",
                    "must be one of "
                            + RELATED_TYPES.stream()
                                    .map(o -> o.value().toString())
                                    .toList() + "; got '" + type + "'");
        }
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("type", "search/related");
        command.put("item_type", type);
        command.put("item_id", Values.required(params, "itemId"));
        return command;
    }

    private static Mono<List<Item>> related(OperationInput in) {
        Map<String, Object> command = relatedCommand(in.params());
        String type = (String) command.get("item_type");
        String operation = "Get items related to " + type + " '" + command.get("item_id") + "'";
        return in.api()
                .command(operation, command)
                .map(result -> Results.items(result, "related"))
                .defaultIfEmpty(List.of(Item.of(Map.of())))
                .onErrorMap(
                        e -> e instanceof NodeApiException api
                                && api.httpStatus().orElse(0) == 400
                                && (type.equals("floor") || type.equals("label")),
                        e -> new NodeApiException(
                                operation + " failed: this Home Assistant cannot search by " + type + " (400)",
                                400,
                                "Searching by floor or label needs Home Assistant 2024.4 or later.",
                                e));
    }

    /** The ids of the registry chosen in {@code registry} (Get) or {@code itemType} (Get Related). */
    private static Mono<List<Option>> items(
            io.hearth.nodes.homeassistant.client.HomeAssistantApi api, LoadOptionsContext ctx) {
        String operation = Dropdown.current(ctx, "operation");
        String chosen = Dropdown.current(ctx, operation.equals("getRelated") ? "itemType" : "registry");
        return Registries.Kind.of(chosen.isEmpty() ? "area" : chosen)
                .map(kind -> Registries.options(api, kind))
                .orElse(Mono.just(List.of()));
    }
}
