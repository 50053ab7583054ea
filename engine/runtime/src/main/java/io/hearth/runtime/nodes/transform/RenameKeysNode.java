package io.hearth.runtime.nodes.transform;

import io.hearth.expression.ExpressionValues;
import io.hearth.expression.Undefined;
import io.hearth.node.ActionNode;
import io.hearth.node.Item;
import io.hearth.node.ItemLoop;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.FieldGroup;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** n8n's Rename Keys: renames fields by name (dot paths) and by regular expression. */
public final class RenameKeysNode implements ActionNode {

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.renameKeys")
            .alias("n8n-nodes-base.renameKeys")
            .displayName("Rename Keys")
            .versions(1)
            .group(NodeGroup.TRANSFORM)
            .categories("Data Transformation", "Core Nodes")
            .keywords("Rename", "Key", "Field", "Transform")
            .icon("fa:edit")
            .description("Update item field names")
            .parameter(Parameter.fixedCollection(
                            "keys",
                            true,
                            "Add new key",
                            new FieldGroup(
                                    "key",
                                    "Key",
                                    Parameter.all(
                                            Parameter.string("currentKey")
                                                    .displayName("Current Key Name")
                                                    .placeholder("currentKey")
                                                    .description(
                                                            "The current name of the key. It is also possible to define deep keys by using dot-notation like for example: \"level1.level2.currentKey\"."),
                                            Parameter.string("newKey")
                                                    .displayName("New Key Name")
                                                    .placeholder("newKey")
                                                    .description(
                                                            "The name the key should be renamed to. It is also possible to define deep keys by using dot-notation like for example: \"level1.level2.newKey\"."))))
                    .displayName("Keys")
                    .description("Adds a key which should be renamed"))
            .parameter(Parameter.collection(
                            "additionalOptions",
                            "Add option",
                            Parameter.fixedCollection(
                                            "regexReplacement",
                                            true,
                                            "Add new regular expression",
                                            new FieldGroup(
                                                    "replacements",
                                                    "Replacement",
                                                    Parameter.all(
                                                            Parameter.notice(
                                                                    "regExNotice",
                                                                    "Be aware that by using regular expression previously renamed keys can be affected"),
                                                            Parameter.string("searchRegex")
                                                                    .displayName("Regular Expression")
                                                                    .placeholder("e.g. [N-n]ame")
                                                                    .description("Regex to match the key name"),
                                                            Parameter.string("replaceRegex")
                                                                    .displayName("Replace With")
                                                                    .placeholder("replacedName")
                                                                    .description(
                                                                            "The name the key/s should be renamed to. It's possible to use regex captures e.g. $1, $2, ..."),
                                                            Parameter.collection(
                                                                            "options",
                                                                            "Add Regex Option",
                                                                            Parameter.bool("caseInsensitive")
                                                                                    .displayName("Case Insensitive")
                                                                                    .description(
                                                                                            "Whether to use case insensitive match")
                                                                                    .build(),
                                                                            Parameter.number("depth")
                                                                                    .displayName("Max Depth")
                                                                                    .defaultValue(-1)
                                                                                    .description(
                                                                                            "Maximum depth to replace keys")
                                                                                    .hint(
                                                                                            "Specify number for depth level (-1 for unlimited, 0 for top level only)")
                                                                                    .build())
                                                                    .displayName("Options"))))
                                    .displayName("Regex")
                                    .description("Adds a regular expression")
                                    .build())
                    .displayName("Additional Options"))
            .build();

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        return ItemLoop.map(
                context,
                in -> new Item(
                        rename(in.item().json(), in.parameters()), in.item().binary(), List.of()));
    }

    static Map<String, Object> rename(Map<String, Object> original, ParameterValues p) {
        Map<String, Object> json = new LinkedHashMap<>(original);
        for (Map<String, Object> key : p.group("keys", "key")) {
            String current = Descriptions.text(key.get("currentKey"));
            String renamed = Descriptions.text(key.get("newKey"));
            if (current.isEmpty() || renamed.isEmpty() || current.equals(renamed)) {
                continue;
            }
            // n8n reads every value from the item as it came in, not from the partly renamed copy
            Object value = FieldPath.get(original, current);
            if (value == Undefined.INSTANCE) {
                continue;
            }
            FieldPath.set(json, renamed, value);
            FieldPath.unset(json, current, false);
        }
        for (Map<String, Object> r : p.group("additionalOptions.regexReplacement", "replacements")) {
            Map<?, ?> options = r.get("options") instanceof Map<?, ?> m ? m : Map.of();
            Regex regex = new Regex(
                    Descriptions.text(r.get("searchRegex")),
                    Boolean.TRUE.equals(options.get("caseInsensitive")) ? "i" : "",
                    Descriptions.text(r.get("replaceRegex")));
            Object depth = options.get("depth");
            json = regex.renameKeys(json, depth instanceof Number n ? n.intValue() : -1);
        }
        return json;
    }

    private record Regex(String source, String flags, String replacement) {

        @SuppressWarnings("unchecked")
        Map<String, Object> renameKeys(Map<String, Object> in, int depth) {
            Map<String, Object> obj = new LinkedHashMap<>(in);
            for (String key : new ArrayList<>(in.keySet())) {
                if (!obj.containsKey(key)) {
                    continue;
                }
                Object v = obj.get(key);
                if (depth != 0 && (v instanceof Map<?, ?> || v instanceof List<?>)) {
                    obj.put(key, renameIn(v, depth - 1));
                }
                String renamed = ExpressionValues.regexReplace(key, source, flags, replacement);
                if (!renamed.equals(key)) {
                    obj.put(renamed, obj.remove(key));
                }
            }
            return obj;
        }

        @SuppressWarnings("unchecked")
        private Object renameIn(Object v, int depth) {
            if (v instanceof Map<?, ?> m) {
                return renameKeys((Map<String, Object>) m, depth);
            }
            List<Object> list = new ArrayList<>();
            for (Object e : (List<?>) v) {
                // Array entries are not renamed themselves; objects inside them are.
                list.add(depth != 0 && (e instanceof Map<?, ?> || e instanceof List<?>) ? renameIn(e, depth - 1) : e);
            }
            return list;
        }
    }
}
