package io.hearth.runtime.nodes.transform;

import io.hearth.expression.Undefined;
import io.hearth.node.ActionNode;
import io.hearth.node.Item;
import io.hearth.node.NodeException;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.FieldGroup;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * n8n's Sort: by fields (strings compared case-insensitively, as n8n does) or at random. The
 * "Code" type runs JavaScript in n8n; Hearth refuses it by name rather than ignoring it.
 */
public final class SortNode implements ActionNode {

    static final String DEFAULT_CODE = """
            // The two items to compare are in the variables a and b
            // Access the fields in a.json and b.json
            // Return -1 if a should go before b
            // Return 1 if b should go before a
            // Return 0 if there's no difference

            fieldName = 'myField';

            if (a.json[fieldName] < b.json[fieldName]) {
            return -1;
            }
            if (a.json[fieldName] > b.json[fieldName]) {
            return 1;
            }
            return 0;""";

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.sort")
            .alias("n8n-nodes-base.sort")
            .displayName("Sort")
            .versions(1)
            .group(NodeGroup.TRANSFORM)
            .categories("Data Transformation", "Core Nodes")
            .keywords("Sort", "Order", "Transform", "Array", "List", "Item", "Random")
            .icon("fa:sort-amount-down")
            .description("Change items order")
            .parameters(parameters(Map.of()))
            .build();

    static List<Parameter> parameters(Map<String, Object> extraShow) {
        return Descriptions.showing(
                extraShow,
                Parameter.options(
                                "type",
                                Option.of("Simple", "simple"),
                                Option.of("Random", "random"),
                                Option.of("Code", "code", "JavaScript comparison: not supported by Hearth"))
                        .displayName("Type")
                        .defaultValue("simple")
                        .description("The type of sorting to perform"),
                Parameter.fixedCollection(
                                "sortFieldsUi",
                                true,
                                "Add Field To Sort By",
                                new FieldGroup(
                                        "sortField",
                                        "",
                                        Parameter.all(
                                                Parameter.string("fieldName")
                                                        .displayName("Field Name")
                                                        .required()
                                                        .placeholder("e.g. id")
                                                        .hint("Enter the field name as text")
                                                        .description("The field to sort by"),
                                                Parameter.options(
                                                                "order",
                                                                Option.of("Ascending", "ascending"),
                                                                Option.of("Descending", "descending"))
                                                        .displayName("Order")
                                                        .defaultValue("ascending")
                                                        .description("The order to sort by"))))
                        .displayName("Fields To Sort By")
                        .description("The fields of the input items to sort by")
                        .show("type", "simple"),
                Parameter.text("code", 10)
                        .displayName("Code")
                        .defaultValue(DEFAULT_CODE)
                        .description("Javascript code to determine the order of any two items")
                        .show("type", "code"),
                Parameter.collection(
                                "options",
                                "Add Field",
                                Descriptions.disableDotNotation().build())
                        .displayName("Options")
                        .show("type", "simple"));
    }

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        return CompletableFuture.completedFuture(NodeOutput.of(
                sort(context.items(), context.parameters(), context.node().name())));
    }

    static List<Item> sort(List<Item> items, ParameterValues p, String nodeName) {
        List<Item> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(items.get(i).pairedWith(i));
        }
        String type = p.string("type").isEmpty() ? "simple" : p.string("type");
        switch (type) {
            case "random" -> Collections.shuffle(out, ThreadLocalRandom.current());
            case "simple" -> byFields(out, p);
            case "code" ->
                throw new NodeException(
                        nodeName + " → Type: 'Code' (a JavaScript comparison) is not supported by Hearth",
                        "Sort by fields with the 'Simple' type, or compute a sort key with Edit Fields first",
                        null);
            default -> throw new NodeException(nodeName + " → Type: unknown sort type '" + type + "'");
        }
        return out;
    }

    private record SortField(String name, int direction) {}

    private static void byFields(List<Item> items, ParameterValues p) {
        boolean literal = p.bool("options.disableDotNotation");
        List<SortField> fields = new ArrayList<>();
        for (Map<String, Object> f : p.group("sortFieldsUi", "sortField")) {
            fields.add(
                    new SortField(Descriptions.text(f.get("fieldName")), "descending".equals(f.get("order")) ? -1 : 1));
        }
        if (fields.isEmpty()) {
            throw new NodeException("No sorting specified. Please add a field to sort by");
        }
        for (SortField f : fields) {
            boolean found =
                    items.stream().anyMatch(i -> FieldPath.get(i.json(), f.name(), literal) != Undefined.INSTANCE);
            if (!found) {
                throw new NodeException(
                        "Couldn't find the field '" + f.name() + "' in the input data",
                        literal && f.name().contains(".")
                                ? "If you're trying to use a nested field, make sure you turn off 'disable dot notation' in the node options"
                                : null,
                        null);
            }
        }
        Comparator<Item> js = (a, b) -> {
            for (SortField f : fields) {
                int c = JsOrder.compare(key(a, f, literal), key(b, f, literal));
                if (c != 0) {
                    return c * f.direction();
                }
            }
            return 0;
        };
        try {
            items.sort(js);
        } catch (IllegalArgumentException inconsistent) {
            // Mixed types can make JavaScript's ordering intransitive; fall back to a total order.
            items.sort((a, b) -> {
                for (SortField f : fields) {
                    int c = JsOrder.total(key(a, f, literal), key(b, f, literal));
                    if (c != 0) {
                        return c * f.direction();
                    }
                }
                return 0;
            });
        }
    }

    private static Object key(Item item, SortField f, boolean literal) {
        Object v = FieldPath.get(item.json(), f.name(), literal);
        return v instanceof String s ? s.toLowerCase(Locale.ROOT) : v;
    }
}
