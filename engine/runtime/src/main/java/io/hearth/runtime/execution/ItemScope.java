package io.hearth.runtime.execution;

import io.hearth.expression.DateTimeValue;
import io.hearth.expression.ExpressionException;
import io.hearth.expression.ExpressionFunction;
import io.hearth.expression.ExpressionObject;
import io.hearth.expression.Scope;
import io.hearth.expression.Undefined;
import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variables an expression sees while a node resolves its parameters for one item, as in n8n:
 * {@code $json}, {@code $binary}, {@code $input}, {@code $node["Name"]}, {@code $("Name")},
 * {@code $items()}, {@code $workflow}, {@code $execution}, {@code $vars}, {@code $env} (only when
 * enabled), {@code $now}, {@code $today}, {@code $itemIndex}, {@code $runIndex}, {@code $prevNode},
 * {@code $parameter}. n8n's helpers ({@code $if}, {@code $ifEmpty}, {@code $min}...) are the
 * expression engine's own globals.
 */
final class ItemScope implements Scope {

    private final RunState state;
    private final NodeRunInput input;
    private final int itemIndex;

    ItemScope(RunState state, NodeRunInput input, int itemIndex) {
        this.state = state;
        this.input = input;
        this.itemIndex = itemIndex;
    }

    private Item currentItem() {
        List<Item> items = input.items(0);
        return itemIndex < items.size() ? items.get(itemIndex) : Item.empty();
    }

    @Override
    public Object lookup(String name) {
        return switch (name) {
            case "$json" -> currentItem().json();
            case "$binary" -> binaryInfo(currentItem());
            case "$input" -> new InputObject();
            case "$node" -> (ExpressionObject) NodeAccessor::new;
            case "$" -> (ExpressionFunction) args -> new NodeAccessor(argString(args, 0, "$()"));
            case "$items" -> (ExpressionFunction) this::legacyItems;
            case "$item" ->
                (ExpressionFunction) args -> new LegacyItem(args.isEmpty() ? itemIndex : intArg(args.getFirst()));
            case "$workflow" -> state.workflowObject();
            case "$execution" -> state.executionObject();
            case "$vars" -> state.variables();
            case "$env" ->
                state.environment().<Object>map(env -> env).orElseGet(() -> (ExpressionObject) key -> {
                    throw new ExpressionException("access to env vars denied (an administrator can enable $env)");
                });
            case "$now" -> DateTimeValue.of(state.now());
            case "$today" -> DateTimeValue.of(state.now().truncatedTo(ChronoUnit.DAYS));
            case "$itemIndex", "$position" -> itemIndex;
            case "$runIndex" -> input.runIndex();
            case "$prevNode" -> prevNode();
            case "$parameter" -> input.node().resolver().rawValues();
            case "$nodeVersion" -> input.node().node().typeVersion();
            case "$nodeId" -> input.node().node().id();
            case "$mode" -> state.executionObject().get("mode");
            default -> Undefined.INSTANCE;
        };
    }

    private Object prevNode() {
        Optional<InputSource> source = input.source(0);
        if (source.isEmpty()) {
            return Undefined.INSTANCE;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", source.get().previousNode());
        m.put("outputIndex", source.get().previousNodeOutput());
        m.put("runIndex", source.get().previousNodeRun());
        return m;
    }

    private Object legacyItems(List<Object> args) {
        if (args.isEmpty()) {
            return itemMaps(input.items(0));
        }
        String node = argString(args, 0, "$items()");
        int output = args.size() > 1 ? intArg(args.get(1)) : 0;
        NodeRun run = state.lastRun(node).orElseThrow(() -> unexecuted(node));
        return itemMaps(output < run.output().size() ? run.output().get(output) : List.of());
    }

    static Map<String, Object> itemMap(Item item) {
        Map<String, Object> m = new LinkedHashMap<>(4);
        m.put("json", item.json());
        m.put("binary", binaryInfo(item));
        return m;
    }

    static List<Object> itemMaps(List<Item> items) {
        List<Object> out = new ArrayList<>(items.size());
        for (Item i : items) {
            out.add(itemMap(i));
        }
        return out;
    }

    static Map<String, Object> binaryInfo(Item item) {
        if (item.binary().isEmpty()) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        item.binary().forEach((k, b) -> out.put(k, binaryMeta(b)));
        return out;
    }

    private static Map<String, Object> binaryMeta(BinaryData b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mimeType", b.mimeType());
        b.fileName().ifPresent(n -> m.put("fileName", n));
        m.put("fileExtension", b.fileExtension());
        m.put("fileType", b.fileType());
        m.put("fileSize", b.size());
        return m;
    }

    private static ExpressionException unexecuted(String node) {
        return new ExpressionException(
                "Node '" + node + "' hasn't been executed (or does not exist) at this point of the workflow");
    }

    private static Object arg(List<Object> args, int i) {
        return i < args.size() ? args.get(i) : Undefined.INSTANCE;
    }

    private static String argString(List<Object> args, int i, String fn) {
        Object a = arg(args, i);
        if (!(a instanceof String s)) {
            throw new ExpressionException(fn + " needs a node name");
        }
        return s;
    }

    private static int intArg(Object a) {
        return a instanceof Number n ? n.intValue() : 0;
    }

    /** {@code $input}: the current node's input. */
    private final class InputObject implements ExpressionObject {
        @Override
        public Object get(String property) {
            return switch (property) {
                case "item" -> itemMap(currentItem());
                case "all" ->
                    (ExpressionFunction) args -> itemMaps(input.items(args.isEmpty() ? 0 : intArg(args.getFirst())));
                case "first" ->
                    (ExpressionFunction) args -> {
                        List<Item> items = input.items(args.isEmpty() ? 0 : intArg(args.getFirst()));
                        return items.isEmpty() ? Undefined.INSTANCE : itemMap(items.getFirst());
                    };
                case "last" ->
                    (ExpressionFunction) args -> {
                        List<Item> items = input.items(args.isEmpty() ? 0 : intArg(args.getFirst()));
                        return items.isEmpty() ? Undefined.INSTANCE : itemMap(items.getLast());
                    };
                case "params" -> input.node().resolver().rawValues();
                case "context" -> state.visibleNodeState(input.node().name());
                default -> Undefined.INSTANCE;
            };
        }

        @Override
        public Collection<String> keys() {
            return List.of("item", "all", "first", "last", "params");
        }
    }

    /** {@code $node["Name"]} and {@code $("Name")}: data of another node. */
    private final class NodeAccessor implements ExpressionObject {
        private final String name;

        NodeAccessor(String name) {
            this.name = name;
        }

        private NodeRun run() {
            return state.lastRun(name).orElseThrow(() -> unexecuted(name));
        }

        private List<Item> output(NodeRun run, int index) {
            return index < run.output().size() ? run.output().get(index) : List.of();
        }

        @Override
        public Object get(String property) {
            return switch (property) {
                case "isExecuted" -> state.lastRun(name).isPresent();
                case "json" -> pairedItem().json();
                case "binary" -> binaryInfo(pairedItem());
                case "item", "pairedItem" -> itemMap(pairedItem());
                case "first" ->
                    (ExpressionFunction) args -> {
                        List<Item> items = output(run(), args.isEmpty() ? 0 : intArg(args.getFirst()));
                        return items.isEmpty() ? Undefined.INSTANCE : itemMap(items.getFirst());
                    };
                case "last" ->
                    (ExpressionFunction) args -> {
                        List<Item> items = output(run(), args.isEmpty() ? 0 : intArg(args.getFirst()));
                        return items.isEmpty() ? Undefined.INSTANCE : itemMap(items.getLast());
                    };
                case "all" ->
                    (ExpressionFunction) args -> itemMaps(output(run(), args.isEmpty() ? 0 : intArg(args.getFirst())));
                case "itemMatching" ->
                    (ExpressionFunction) args -> itemMap(state.pairedItem(
                                    name, input, args.isEmpty() ? itemIndex : intArg(args.getFirst()))
                            .orElseThrow(() -> new ExpressionException("No paired item in node '" + name + "'")));
                case "params", "parameter" ->
                    state.preparedNode(name)
                            .map(n -> (Object) n.resolver().rawValues())
                            .orElse(Map.of());
                case "runIndex" -> run().runIndex();
                case "context" -> state.visibleNodeState(name);
                default -> Undefined.INSTANCE;
            };
        }

        private Item pairedItem() {
            run();
            return state.pairedItem(name, input, itemIndex)
                    .orElseThrow(() -> new ExpressionException("Can't determine which item of node '" + name
                            + "' belongs to item " + itemIndex + "; use $('" + name + "').first() or .all()"));
        }

        @Override
        public Collection<String> keys() {
            return List.of("json", "binary", "item", "first", "last", "all", "params", "isExecuted", "runIndex");
        }
    }

    /** Legacy {@code $item(i).$node["Name"].json}. */
    private final class LegacyItem implements ExpressionObject {
        private final int index;

        LegacyItem(int index) {
            this.index = index;
        }

        @Override
        public Object get(String property) {
            return new ItemScope(state, input, index).lookup(property);
        }
    }
}
