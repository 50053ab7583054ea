package io.hearth.nodes.homeassistant.resource;

import io.hearth.node.Item;
import io.hearth.node.NodeApiException;
import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.DynamicOptions;
import io.hearth.node.description.LocatorMode;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import io.hearth.nodes.homeassistant.client.HomeAssistantApi;
import io.hearth.nodes.homeassistant.client.Json;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * To-do List: the items of a to-do list entity ({@code todo.get_items}, read from the service's response
 * data), and adding, updating and removing one ({@code todo.add_item}, {@code update_item},
 * {@code remove_item}). Calls go over the WebSocket API, whose errors name the problem ("Unable to find
 * to-do list item"). Create and Update answer with the item as the list has it afterwards (with its uid).
 */
public final class TodoResource {

    private TodoResource() {}

    public static HaResource resource() {
        return HaResource.builder("todo", "To-do List")
                .operation("create", "Create", "Add an item to a to-do list", TodoResource::create)
                .operation("delete", "Delete", "Remove an item from a to-do list", TodoResource::delete)
                .operation(
                        "getAll",
                        "Get Many",
                        "Get the items of a to-do list",
                        in -> items(in.api(), listEntity(in.params()), statuses(in.params()))
                                .map(all -> Results.limit(all, in.params()).stream()
                                        .map(Item::of)
                                        .toList()))
                .operation("update", "Update", "Rename, complete or change an item", TodoResource::update)
                .defaultOperation("getAll")
                .field(
                        Parameter.resourceLocator(
                                        "listEntityId",
                                        LocatorMode.list("From List", DynamicOptions.of("getTodoEntities")),
                                        LocatorMode.id("By ID", "^todo\\.[a-z0-9_]+$", "todo.shopping_list"))
                                .displayName("To-do List")
                                .required(),
                        "create",
                        "delete",
                        "getAll",
                        "update")
                .field(
                        Parameter.string("item")
                                .displayName("Item")
                                .required()
                                .placeholder("Milk")
                                .description("The item's text"),
                        "create")
                .field(
                        Parameter.string("item")
                                .displayName("Item")
                                .required()
                                .description("The item's uid or its text"),
                        "delete",
                        "update")
                .field(
                        Parameter.multiOptions(
                                        "status",
                                        Option.of("Needs Action", "needs_action"),
                                        Option.of("Completed", "completed"))
                                .displayName("Status")
                                .defaultValue(List.of())
                                .description("Only items with this status (empty: all)"),
                        "getAll")
                .field(Fields.returnAll(), "getAll")
                .field(Fields.limit(), "getAll")
                .field(
                        Parameter.collection(
                                        "itemFields",
                                        "Add Field",
                                        Parameter.string("rename")
                                                .displayName("New Text")
                                                .build(),
                                        Parameter.options(
                                                        "status",
                                                        Option.of("Needs Action", "needs_action"),
                                                        Option.of("Completed", "completed"))
                                                .displayName("Status")
                                                .defaultValue("needs_action")
                                                .build(),
                                        Parameter.dateTime("due")
                                                .displayName("Due")
                                                .description("A date, or a date and time (if the list supports it)")
                                                .build(),
                                        Parameter.string("description")
                                                .displayName("Description")
                                                .build())
                                .displayName("Fields"),
                        "create",
                        "update")
                .dropdown("getTodoEntities", (api, ctx) -> StateResource.entities(api, id -> id.startsWith("todo.")))
                .build();
    }

    static String listEntity(ParameterValues params) {
        String id = Values.required(params, "listEntityId");
        if (!id.startsWith("todo.")) {
            throw new ParameterException("listEntityId", "must be a to-do list entity (todo.<name>), got '" + id + "'");
        }
        return id;
    }

    private static List<String> statuses(ParameterValues params) {
        return Values.ids(params, "status");
    }

    /** {@code call_service todo.<service>} on one list; with {@code respond} the service's response data. */
    static Map<String, Object> serviceCommand(String service, String list, Map<String, Object> data, boolean respond) {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("type", "call_service");
        command.put("domain", "todo");
        command.put("service", service);
        command.put("service_data", data);
        command.put("target", Map.of("entity_id", List.of(list)));
        if (respond) {
            command.put("return_response", true);
        }
        return command;
    }

    /** The items of {@code list} ({@code todo.get_items}), each with the list's entity id. */
    static Mono<List<Map<String, Object>>> items(HomeAssistantApi api, String list, List<String> statuses) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (!statuses.isEmpty()) {
            data.put("status", statuses);
        }
        return api.command("Get items of '" + list + "'", serviceCommand("get_items", list, data, true))
                .map(result -> Json.asList(Json.asObject(
                                        Json.asObject(Json.asObject(result).get("response"))
                                                .get(list))
                                .get("items"))
                        .stream()
                        .map(i -> {
                            Map<String, Object> item = new LinkedHashMap<>(Json.asObject(i));
                            item.put("entity_id", list);
                            return item;
                        })
                        .toList())
                .defaultIfEmpty(List.of());
    }

    /** {@code rename, status, due_date|due_datetime, description} from the node's Fields. */
    static Map<String, Object> itemData(ParameterValues params, ZoneId zone) {
        Map<String, Object> data = new LinkedHashMap<>();
        String rename = params.string("itemFields.rename").strip();
        if (!rename.isEmpty()) {
            data.put("rename", rename);
        }
        if (params.get("itemFields.status").isPresent()) {
            data.put("status", params.string("itemFields.status"));
        }
        Optional<Object> due = params.get("itemFields.due");
        if (due.isPresent() && !Json.asString(due.get()).isBlank()) {
            String text = Json.asString(due.get()).strip();
            if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                data.put("due_date", text);
            } else {
                data.put(
                        "due_datetime",
                        Values.dateTime(params, "itemFields.due", zone).orElseThrow());
            }
        }
        String description = params.string("itemFields.description");
        if (!description.isBlank()) {
            data.put("description", description);
        }
        return data;
    }

    private static Mono<List<Item>> create(OperationInput in) {
        String list = listEntity(in.params());
        String text = Values.required(in.params(), "item");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("item", text);
        Map<String, Object> fields = itemData(in.params(), in.zone());
        fields.remove("rename");
        fields.remove("status"); // a new item needs action
        data.putAll(fields);
        return in.api()
                .command("Add '" + text + "' to '" + list + "'", serviceCommand("add_item", list, data, false))
                .then(items(in.api(), list, List.of()))
                .map(all -> List.of(Item.of(all.stream()
                        .filter(i -> text.equals(i.get("summary")))
                        .reduce((first, second) -> second) // the newest with this text
                        .orElseThrow(() -> new NodeApiException(
                                "Add '" + text + "' to '" + list + "' failed: the list does not show the item", 0)))));
    }

    private static Mono<List<Item>> update(OperationInput in) {
        String list = listEntity(in.params());
        String item = Values.required(in.params(), "item");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("item", item);
        Map<String, Object> fields = itemData(in.params(), in.zone());
        if (fields.isEmpty()) {
            throw new ParameterException("itemFields", "is empty: add what to change (new text, status, due...)");
        }
        data.putAll(fields);
        String operation = "Update '" + item + "' in '" + list + "'";
        return in.api()
                .command(operation, serviceCommand("update_item", list, data, false))
                .then(items(in.api(), list, List.of()))
                .map(all -> {
                    String now = (String) data.getOrDefault("rename", item);
                    return List.of(Item.of(all.stream()
                            .filter(i -> item.equals(i.get("uid")) || now.equals(i.get("summary")))
                            .findFirst()
                            .orElseGet(() -> Map.of("summary", now, "entity_id", list))));
                });
    }

    private static Mono<List<Item>> delete(OperationInput in) {
        String list = listEntity(in.params());
        String item = Values.required(in.params(), "item");
        return in.api()
                .command(
                        "Remove '" + item + "' from '" + list + "'",
                        serviceCommand("remove_item", list, Map.of("item", List.of(item)), false))
                .thenReturn(List.of(Item.of(Map.of("deleted", item, "entity_id", list))));
    }
}
