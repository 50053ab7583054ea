package io.hearth.runtime.nodes.transform;

import io.hearth.expression.ExpressionValues;
import io.hearth.expression.Undefined;
import io.hearth.node.Item;
import io.hearth.node.NodeException;
import io.hearth.node.NodeOutput;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Compare Datasets' comparison: pairs the items of input A and B by their match fields and sorts them into
 * "In A only", "Same", "Different" and "In B only", with n8n's per-version rules for differences, fuzzy comparison
 * and nullish values.
 */
final class DatasetComparison {

    private DatasetComparison() {}

    record Pair(String field1, String field2) {}

    record Settings(
            double version,
            List<Pair> fields,
            String resolve,
            boolean fuzzy,
            boolean dotNotation,
            boolean allMatches,
            List<String> skipFields,
            String preferWhenMix,
            String exceptWhenMix) {}

    /** An input item with where it came from. */
    record Indexed(Item item, int index, int input) {
        Map<String, Object> json() {
            return item.json();
        }

        Item.PairedItem paired() {
            return new Item.PairedItem(index, input);
        }
    }

    static NodeOutput compare(List<Indexed> a, List<Indexed> b, Settings s) {
        BiPredicate<Object, Object> equal = FuzzyCompare.of(s.fuzzy(), s.version());
        List<Item> onlyA = new ArrayList<>();
        List<Item> same = new ArrayList<>();
        List<Item> different = new ArrayList<>();
        Set<Integer> matchedB = new HashSet<>();
        for (Indexed entry : a) {
            Map<String, Object> lookup = new LinkedHashMap<>();
            boolean missing = false;
            for (Pair pair : s.fields()) {
                Object v = FieldPath.get(entry.json(), pair.field1(), !s.dotNotation());
                missing |= v == Undefined.INSTANCE;
                lookup.put(pair.field2(), v);
            }
            if (missing) {
                onlyA.add(entry.item().pairedWith(entry.index()));
                continue;
            }
            List<Integer> matches = new ArrayList<>();
            for (int j = 0; j < b.size() && (s.allMatches() || matches.isEmpty()); j++) {
                Map<String, Object> json = b.get(j).json();
                boolean all = true;
                for (Map.Entry<String, Object> e : lookup.entrySet()) {
                    if (!equal.test(e.getValue(), FieldPath.get(json, e.getKey(), !s.dotNotation()))) {
                        all = false;
                        break;
                    }
                }
                if (all) {
                    matches.add(j);
                }
            }
            matchedB.addAll(matches);
            if (matches.isEmpty()) {
                onlyA.add(entry.item().pairedWith(entry.index()));
                continue;
            }
            Item sameCopy = null;
            for (int j : matches) {
                Indexed match = b.get(j);
                Map<String, Object> left = withoutSkipped(entry.json(), s);
                Map<String, Object> right = withoutSkipped(match.json(), s);
                boolean isSame;
                if (s.fuzzy()) {
                    isSame = left.entrySet().stream().allMatch(e -> equal.test(e.getValue(), value(right, e.getKey())));
                } else {
                    isSame = equal.test(left, right);
                }
                if (isSame) {
                    if (sameCopy == null) {
                        Indexed chosen = s.fuzzy() && s.resolve().equals("preferInput2") ? match : entry;
                        sameCopy = chosen.item().pairedWith(chosen.index());
                    }
                    continue;
                }
                different.add(
                        switch (s.resolve()) {
                            case "preferInput1" -> entry.item().pairedWith(entry.index());
                            case "preferInput2" -> withPaired(match.item(), match.paired());
                            case "mix" -> combine(entry, match, s);
                            default -> differences(entry, match, s, equal);
                        });
            }
            if (sameCopy != null && !sameCopy.json().isEmpty()) {
                same.add(sameCopy);
            }
        }
        List<Item> onlyB = new ArrayList<>();
        for (int j = 0; j < b.size(); j++) {
            if (!matchedB.contains(j)) {
                onlyB.add(withPaired(b.get(j).item(), b.get(j).paired()));
            }
        }
        return NodeOutput.ofOutputs(onlyA, same, different, onlyB);
    }

    private static Item withPaired(Item item, Item.PairedItem paired) {
        return new Item(item.json(), item.binary(), List.of(paired));
    }

    private static Object value(Map<String, Object> json, String key) {
        return json.containsKey(key) ? json.get(key) : Undefined.INSTANCE;
    }

    private static Map<String, Object> withoutSkipped(Map<String, Object> json, Settings s) {
        if (s.skipFields().stream().allMatch(String::isEmpty)) {
            return json;
        }
        Map<String, Object> copy = new LinkedHashMap<>(json);
        boolean paths = s.dotNotation() && s.skipFields().stream().anyMatch(f -> f.contains("."));
        for (String field : s.skipFields()) {
            if (paths) {
                FieldPath.unset(copy, field, false);
            } else {
                copy.remove(field);
            }
        }
        return copy;
    }

    // identity picks the other of the two indexed inputs
    @SuppressWarnings("ReferenceEquality")
    private static Item combine(Indexed a, Indexed b, Settings s) {
        Indexed entry = "input1".equals(s.preferWhenMix()) ? a : b;
        Indexed other = entry == a ? b : a;
        Map<String, Object> json = new LinkedHashMap<>(entry.json());
        for (String field : FieldPath.list(s.exceptWhenMix())) {
            if (!s.dotNotation()) {
                Object v = value(other.json(), field);
                if (v == Undefined.INSTANCE) {
                    json.remove(field);
                } else {
                    json.put(field, v);
                }
            } else {
                Object v = FieldPath.get(other.json(), field);
                // n8n sets the dotted name as one key (a path array), null when the other side lacks it
                json.put(field, v == Undefined.INSTANCE ? null : v);
            }
        }
        return new Item(json, entry.item().binary(), List.of(entry.paired()));
    }

    /** "Include Both Versions": keys, same, different (inputA/inputB per field) and skipped. */
    private static Item differences(Indexed a, Indexed b, Settings s, BiPredicate<Object, Object> equal) {
        Map<String, Object> keys = new LinkedHashMap<>();
        for (Pair pair : s.fields()) {
            Object v = value(a.json(), pair.field1());
            if (v != Undefined.INSTANCE) {
                keys.put(pair.field1(), v);
            }
        }
        Set<String> union = new LinkedHashSet<>(a.json().keySet());
        union.addAll(b.json().keySet());
        List<String> compared = s.fuzzy() && s.version() >= 2.1
                ? new ArrayList<>(union)
                : a.json().keySet().stream().filter(b.json()::containsKey).toList();
        Map<String, Object> same = new LinkedHashMap<>();
        for (String key : compared) {
            if (equal.test(value(a.json(), key), value(b.json(), key))) {
                Object v = value(a.json(), key);
                if (v != Undefined.INSTANCE) {
                    same.put(key, v);
                }
            }
        }
        String first = s.version() >= 2 ? "inputA" : "input1";
        String second = s.version() >= 2 ? "inputB" : "input2";
        Map<String, Object> different = new LinkedHashMap<>();
        Map<String, Object> skipped = new LinkedHashMap<>();
        for (String key : union) {
            if (same.containsKey(key)
                    || (compared.contains(key) && equal.test(value(a.json(), key), value(b.json(), key)))) {
                continue;
            }
            Object left = nullish(value(a.json(), key), s.version());
            Object right = nullish(value(b.json(), key), s.version());
            List<String> nested = s.skipFields().stream()
                    .filter(f -> f.startsWith(key) && f.contains("."))
                    .toList();
            if (s.version() >= 2.1 && s.dotNotation() && !s.skipFields().contains(key)) {
                if (!nested.isEmpty()) {
                    if (!objectLike(left) || !objectLike(right)) {
                        throw new NodeException(
                                "The field '" + key + "' is not an object. It is not possible to use dot notation.");
                    }
                    Map<String, Object> l = left instanceof Map<?, ?> lm ? copyOf(lm) : null;
                    Map<String, Object> r = right instanceof Map<?, ?> rm ? copyOf(rm) : null;
                    Map<String, Object> skippedLeft = new LinkedHashMap<>();
                    Map<String, Object> skippedRight = new LinkedHashMap<>();
                    for (String field : nested) {
                        String inner = field.replaceFirst(java.util.regex.Pattern.quote(key + "."), "");
                        if (l != null) {
                            setDefined(skippedLeft, inner, FieldPath.get(l, inner));
                            FieldPath.unset(l, inner, false);
                        }
                        if (r != null) {
                            setDefined(skippedRight, inner, FieldPath.get(r, inner));
                            FieldPath.unset(r, inner, false);
                        }
                    }
                    skipped.put(key, both(first, skippedLeft, second, skippedRight));
                    left = l;
                    right = r;
                }
                different.put(key, both(first, left, second, right));
            } else if (s.skipFields().contains(key)) {
                skipped.put(key, both(first, left, second, right));
            } else {
                different.put(key, both(first, left, second, right));
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("keys", keys);
        json.put("same", same);
        json.put("different", different);
        if (!skipped.isEmpty()) {
            json.put("skipped", skipped);
        }
        return new Item(json, Map.of(), List.of(a.paired(), b.paired()));
    }

    // typeof null is "object" too: n8n lets null through here
    private static boolean objectLike(Object v) {
        return v == null || v instanceof Map<?, ?> || v instanceof List<?>;
    }

    private static void setDefined(Map<String, Object> target, String path, Object value) {
        if (value != Undefined.INSTANCE) {
            FieldPath.set(target, path, value);
        }
    }

    private static Map<String, Object> both(String first, Object left, String second, Object right) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(first, left);
        m.put(second, right);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copyOf(Map<?, ?> m) {
        return new LinkedHashMap<>((Map<String, Object>) m);
    }

    /** Version 1 turns every falsy value into null; from 2 only a missing one. */
    private static Object nullish(Object v, double version) {
        if (version >= 2) {
            return v == Undefined.INSTANCE ? null : v;
        }
        return v == Undefined.INSTANCE || !ExpressionValues.truthy(v) ? null : v;
    }
}
