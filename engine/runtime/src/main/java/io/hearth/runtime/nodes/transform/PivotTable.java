package io.hearth.runtime.nodes.transform;

import io.hearth.expression.ExpressionValues;
import io.hearth.expression.Undefined;
import io.hearth.node.Item;
import io.hearth.node.NodeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Summarize's pivot table: the items grouped by the values of the "split by" fields, level by level, and each group's
 * aggregations (count, count unique, sum, average, min, max, append, concatenate) as n8n computes them.
 */
final class PivotTable {

    private PivotTable() {}

    static List<Item> summarize(List<Item> items, SummarizeNode.Settings s) {
        if (s.aggregations().stream().allMatch(a -> a.field().isEmpty())) {
            throw new NodeException(
                    "You need to add at least one aggregation to 'Fields to Summarize' with non empty 'Field'");
        }
        if (s.missingFieldFails()) {
            for (SummarizeNode.Aggregation a : s.aggregations()) {
                if (!a.field().isEmpty()
                        && items.stream()
                                .allMatch(i ->
                                        FieldPath.get(i.json(), a.field(), !s.dotNotation()) == Undefined.INSTANCE)) {
                    throw new NodeException("The field '" + a.field() + "' does not exist in any items");
                }
            }
        }
        List<Integer> all = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            all.add(i);
        }
        Group root = split(items, all, s, 0);
        if (s.singleItem()) {
            return List.of(new Item(root.toObject(), Map.of(), paired(all)));
        }
        List<Item> out = new ArrayList<>();
        root.flatten(new ArrayList<>(), out);
        return out;
    }

    /** Either a leaf (the aggregated values of some items) or a split by one field's values. */
    private sealed interface Group permits Leaf, Split {
        Map<String, Object> toObject();

        void flatten(List<Map.Entry<String, Object>> splitValues, List<Item> out);
    }

    private record Leaf(Map<String, Object> values, List<Integer> indexes) implements Group {
        @Override
        public Map<String, Object> toObject() {
            return values;
        }

        @Override
        public void flatten(List<Map.Entry<String, Object>> splitValues, List<Item> out) {
            Map<String, Object> json = new LinkedHashMap<>(values);
            // innermost split field first, as n8n builds the item
            for (int i = splitValues.size() - 1; i >= 0; i--) {
                json.put(splitValues.get(i).getKey(), splitValues.get(i).getValue());
            }
            out.add(new Item(json, Map.of(), paired(indexes)));
        }
    }

    private record Split(String field, Map<Object, Group> groups) implements Group {
        @Override
        public Map<String, Object> toObject() {
            Map<String, Object> out = new LinkedHashMap<>();
            groups.forEach((k, v) ->
                    out.put(ExpressionValues.toText(k instanceof GroupKey g ? g.value() : k), v.toObject()));
            return out;
        }

        @Override
        public void flatten(List<Map.Entry<String, Object>> splitValues, List<Item> out) {
            groups.forEach((k, v) -> {
                List<Map.Entry<String, Object>> deeper = new ArrayList<>(splitValues);
                Object value = k instanceof GroupKey g ? g.value() : k;
                deeper.add(new java.util.AbstractMap.SimpleEntry<>(
                        normalize(field), value == Undefined.INSTANCE ? null : value));
                v.flatten(deeper, out);
            });
        }
    }

    /** A split value as a map key with JavaScript Map semantics: 1 and 1.0 are one key, "1" is another. */
    private record GroupKey(Object value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof GroupKey g
                    && ExpressionValues.typeOf(value).equals(ExpressionValues.typeOf(g.value))
                    && (value == null
                            ? g.value == null
                            : g.value != null && ExpressionValues.deepEquals(value, g.value));
        }

        @Override
        public int hashCode() {
            return value instanceof Number n ? Double.hashCode(n.doubleValue()) : value == null ? 0 : value.hashCode();
        }
    }

    private static Group split(List<Item> items, List<Integer> indexes, SummarizeNode.Settings s, int level) {
        if (level == s.splitBy().size()) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (SummarizeNode.Aggregation a : s.aggregations()) {
                String name = prefix(a.aggregation()) + a.field();
                values.put(s.normalizeNames() ? normalize(name) : name, aggregate(items, indexes, a, s));
            }
            return new Leaf(values, indexes);
        }
        String field = s.splitBy().get(level);
        Map<Object, List<Integer>> grouped = new LinkedHashMap<>();
        for (int i : indexes) {
            Object v = FieldPath.get(items.get(i).json(), field, !s.dotNotation());
            // Item Lists stringifies null too (typeof null is "object"), then keys its groups by text
            if (v instanceof Map<?, ?> || v instanceof List<?> || (v == null && s.objectKeyOrder())) {
                v = ExpressionValues.stringify(v);
            }
            if (s.stringSplitKeys() && !s.objectKeyOrder()) {
                v = ExpressionValues.toText(v);
            }
            if (s.skipEmptySplitFields() && !(v instanceof Number) && !ExpressionValues.truthy(v)) {
                continue;
            }
            if (s.objectKeyOrder()) {
                v = ExpressionValues.toText(v);
            }
            grouped.computeIfAbsent(new GroupKey(v), k -> new ArrayList<>()).add(i);
        }
        Map<Object, Group> groups = new LinkedHashMap<>();
        List<Object> keys = new ArrayList<>(grouped.keySet());
        if (s.objectKeyOrder()) {
            keys.sort(PivotTable::objectKeyOrder);
        }
        for (Object k : keys) {
            groups.put(k, split(items, grouped.get(k), s, level + 1));
        }
        return new Split(s.normalizeNames() ? normalize(field) : field, groups);
    }

    private static int objectKeyOrder(Object a, Object b) {
        long x = JsOrder.arrayIndex(String.valueOf(((GroupKey) a).value()));
        long y = JsOrder.arrayIndex(String.valueOf(((GroupKey) b).value()));
        if (x >= 0 && y >= 0) {
            return Long.compare(x, y);
        }
        return x >= 0 ? -1 : y >= 0 ? 1 : 0;
    }

    private static String prefix(String aggregation) {
        return switch (aggregation) {
            case "append" -> "appended_";
            case "average" -> "average_";
            case "concatenate" -> "concatenated_";
            case "countUnique" -> "unique_count_";
            case "max" -> "max_";
            case "min" -> "min_";
            case "sum" -> "sum_";
            default -> "count_";
        };
    }

    static String normalize(String fieldName) {
        return fieldName.replaceAll("[\\]\\[\"]", "").replaceAll("[ .]", "_");
    }

    private static boolean isEmpty(Object v) {
        return v == null || v == Undefined.INSTANCE || "".equals(v);
    }

    private static Object aggregate(
            List<Item> items, List<Integer> indexes, SummarizeNode.Aggregation a, SummarizeNode.Settings s) {
        List<Object> values = new ArrayList<>(indexes.size());
        for (int i : indexes) {
            values.add(FieldPath.get(items.get(i).json(), a.field(), !s.dotNotation()));
        }
        boolean numerical = SummarizeNode.NUMERICAL.contains(a.aggregation())
                || (s.numericMinMax()
                        && (a.aggregation().equals("min") || a.aggregation().equals("max")));
        if (numerical) {
            values.removeIf(v -> !(v instanceof Number));
        }
        return switch (a.aggregation()) {
            case "append" -> {
                List<Object> out = new ArrayList<>();
                for (Object v : values) {
                    if (a.includeEmpty() || !isEmpty(v)) {
                        out.add(v == Undefined.INSTANCE ? null : v);
                    }
                }
                yield out;
            }
            case "concatenate" -> {
                StringBuilder sb = new StringBuilder();
                boolean first = true;
                for (Object v : values) {
                    if (!a.includeEmpty() && isEmpty(v)) {
                        continue;
                    }
                    if (!first) {
                        sb.append(a.separator());
                    }
                    first = false;
                    // JSON for objects (and null), String() for the rest ("undefined" included)
                    sb.append(
                            v == null || v instanceof Map<?, ?> || v instanceof List<?>
                                    ? ExpressionValues.stringify(v)
                                    : ExpressionValues.toText(v));
                }
                yield sb.toString();
            }
            case "average", "sum" -> {
                double sum = 0;
                for (Object v : values) {
                    sum += ((Number) v).doubleValue();
                }
                yield number(a.aggregation().equals("sum") ? sum : sum / values.size());
            }
            case "min", "max" -> {
                if (s.numericMinMax()) {
                    double m = a.aggregation().equals("min") ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                    for (Object v : values) {
                        double d = ((Number) v).doubleValue();
                        m = a.aggregation().equals("min") ? Math.min(m, d) : Math.max(m, d);
                    }
                    yield number(m);
                }
                Object best = Undefined.INSTANCE;
                for (Object v : values) {
                    if (isEmpty(v)) {
                        continue;
                    }
                    boolean better = best == Undefined.INSTANCE
                            || (a.aggregation().equals("min")
                                    ? ExpressionValues.lessThan(v, best).orElse(false)
                                    : ExpressionValues.lessThan(best, v).orElse(false));
                    if (better) {
                        best = v;
                    }
                }
                yield best == Undefined.INSTANCE ? null : best;
            }
            case "countUnique" -> {
                java.util.Set<GroupKey> seen = new java.util.HashSet<>();
                long objects = 0;
                for (Object v : values) {
                    if ((a.includeEmpty() && s.countsAllowEmpty()) || !isEmpty(v)) {
                        if (v instanceof Map<?, ?> || v instanceof List<?>) {
                            objects++; // a JavaScript Set holds objects by identity: each one counts
                        } else {
                            seen.add(new GroupKey(v));
                        }
                    }
                }
                yield seen.size() + objects;
            }
            default -> {
                long n = 0;
                for (Object v : values) {
                    if ((a.includeEmpty() && s.countsAllowEmpty()) || !isEmpty(v)) {
                        n++;
                    }
                }
                yield n;
            }
        };
    }

    /** A JavaScript number as JSON would carry it: whole numbers as longs, NaN and infinities as null. */
    static Object number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return null;
        }
        return d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15 ? (Object) (long) d : (Object) d;
    }

    private static List<Item.PairedItem> paired(List<Integer> indexes) {
        List<Item.PairedItem> out = new ArrayList<>(indexes.size());
        for (int i : indexes) {
            out.add(new Item.PairedItem(i, 0));
        }
        return out;
    }
}
