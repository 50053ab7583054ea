package io.hearth.runtime.execution;

import io.hearth.common.SecretRedactor;
import io.hearth.node.Item;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies of node runs with secrets masked, for the execution record. Items are copied only when a
 * secret actually occurs in them; the originals keep flowing to the next nodes.
 */
public final class RedactedRun {

    private RedactedRun() {}

    public static NodeRun of(NodeRun run, SecretRedactor redactor) {
        return run.withData(
                lists(run.input(), redactor),
                lists(run.output(), redactor),
                run.error(),
                run.console().stream().map(redactor::redact).toList(),
                run.metadata());
    }

    /** The items with secrets masked (the same instances where nothing needed masking). */
    public static List<Item> items(List<Item> items, SecretRedactor redactor) {
        return redactor.isEmpty() ? items : lists(List.of(items), redactor).getFirst();
    }

    /** What a node keeps between runs (JSON-like values and item lists), with secrets masked. */
    public static Map<String, Object> nodeState(Map<String, Object> state, SecretRedactor redactor) {
        Map<String, Object> out = new LinkedHashMap<>();
        state.forEach((k, v) -> out.put(k, isItems(v) ? items(castItems(v), redactor) : value(v, redactor)));
        return out;
    }

    /** Whether {@code v} is a non-empty list of items (as opposed to a JSON list). */
    public static boolean isItems(Object v) {
        return v instanceof List<?> l && !l.isEmpty() && l.getFirst() instanceof Item;
    }

    @SuppressWarnings("unchecked")
    private static List<Item> castItems(Object v) {
        return (List<Item>) v;
    }

    // identity tells whether a value was replaced: copy only on change
    @SuppressWarnings("ReferenceEquality")
    private static List<List<Item>> lists(List<List<Item>> lists, SecretRedactor redactor) {
        List<List<Item>> out = new ArrayList<>(lists.size());
        for (List<Item> items : lists) {
            if (items instanceof DroppedItems) {
                out.add(items);
                continue;
            }
            List<Item> copy = new ArrayList<>(items.size());
            for (Item item : items) {
                Object json = value(item.json(), redactor);
                copy.add(json == item.json() ? item : item.withJson(asMap(json)));
            }
            out.add(copy);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    /** The value with secrets masked; the same instance when nothing needed masking. */
    // identity tells whether a value was replaced: copy only on change
    @SuppressWarnings("ReferenceEquality")
    private static Object value(Object v, SecretRedactor redactor) {
        if (v instanceof String s) {
            String r = redactor.redact(s);
            return r.equals(s) ? s : r;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> copy = null;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object r = value(e.getValue(), redactor);
                if (r != e.getValue() && copy == null) {
                    copy = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> before : m.entrySet()) {
                        if (before == e) {
                            break;
                        }
                        copy.put(String.valueOf(before.getKey()), before.getValue());
                    }
                }
                if (copy != null) {
                    copy.put(String.valueOf(e.getKey()), r);
                }
            }
            return copy == null ? v : copy;
        }
        if (v instanceof List<?> l) {
            List<Object> copy = null;
            for (int i = 0; i < l.size(); i++) {
                Object r = value(l.get(i), redactor);
                if (r != l.get(i) && copy == null) {
                    copy = new ArrayList<>(l.subList(0, i));
                }
                if (copy != null) {
                    copy.add(r);
                }
            }
            return copy == null ? v : copy;
        }
        return v;
    }
}
