package io.hearth.nodes.homeassistant.resource;

import io.hearth.node.description.DynamicOptions;
import io.hearth.node.description.FieldGroup;
import io.hearth.node.description.LocatorMode;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import java.util.List;

/** Field declarations several resources share (n8n's names): data as fields or JSON, list limits, id lists. */
final class Fields {

    private Fields() {}

    /** {@code dataMode}: name/value fields (typed) or one JSON object ({@code jsonData}). */
    static Parameter.Builder dataMode() {
        return Parameter.options(
                        "dataMode",
                        Option.of("Fields", "fields", "Name/value pairs; values like 42, true or [1,2] are sent typed"),
                        Option.of("JSON", "json", "A JSON object"))
                .displayName("Data As")
                .defaultValue("fields");
    }

    static Parameter.Builder jsonData(String description) {
        return Parameter.json("jsonData")
                .displayName("Data (JSON)")
                .defaultValue("{}")
                .description(description);
    }

    /** n8n's name/value fixed collection ({@code <name>.attributes[]{name, value}}) with a plain name field. */
    static Parameter.Builder nameValues(String name, String displayName, String addButton) {
        return nameValues(
                name,
                displayName,
                addButton,
                Parameter.string("name").displayName("Name").build());
    }

    /** The same with a name chosen from a dropdown (or typed). */
    static Parameter.Builder nameValues(
            String name, String displayName, String addButton, DynamicOptions names, String example) {
        return nameValues(
                name,
                displayName,
                addButton,
                Parameter.resourceLocator(
                                "name", LocatorMode.list("From List", names), LocatorMode.id("By Name", null, example))
                        .displayName("Name")
                        .build());
    }

    private static Parameter.Builder nameValues(
            String name, String displayName, String addButton, Parameter nameField) {
        return Parameter.fixedCollection(
                        name,
                        true,
                        addButton,
                        new FieldGroup(
                                "attributes",
                                "Attributes",
                                List.of(
                                        nameField,
                                        Parameter.string("value")
                                                .displayName("Value")
                                                .description(
                                                        "Text; a number, true/false, or a JSON list/object is sent as such")
                                                .build())))
                .displayName(displayName);
    }

    /** n8n's {@code returnAll} of "Get Many" operations. */
    static Parameter.Builder returnAll() {
        return Parameter.bool("returnAll")
                .displayName("Return All")
                .defaultValue(false)
                .description("Whether to return all results or only up to a given limit");
    }

    /** n8n's {@code limit} of "Get Many" operations, shown while {@code returnAll} is off. */
    static Parameter.Builder limit() {
        return Parameter.number("limit", 1, 100)
                .displayName("Limit")
                .defaultValue(50)
                .description("Max number of results to return")
                .show("returnAll", false);
    }

    /** n8n's {@code additionalFields} of logbook and history: start and end time, then {@code more}. */
    static Parameter.Builder timeRangeFields(Parameter... more) {
        List<Parameter> fields = new java.util.ArrayList<>();
        fields.add(Parameter.dateTime("startTime")
                .displayName("Start Time")
                .description("Default: 24 hours ago")
                .build());
        fields.add(Parameter.dateTime("endTime").displayName("End Time").build());
        fields.addAll(List.of(more));
        return Parameter.collection("additionalFields", "Add Field", fields.toArray(Parameter[]::new))
                .displayName("Additional Fields");
    }

    /** A list of ids chosen from a dropdown; an expression may give one id, a comma list or a JSON list. */
    static Parameter.Builder ids(String name, String displayName, String method, String... dependsOn) {
        return Parameter.dynamicMultiOptions(name, DynamicOptions.of(method, dependsOn))
                .displayName(displayName);
    }
}
