package io.hearth.expression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JavaScript {@code Map} or {@code Set} (a Set is a Map whose values are its keys). Keys compare
 * like JavaScript's SameValueZero: primitives by value (1 and 1.0 are one key, NaN equals NaN),
 * objects by identity. Only the evaluation that created it may change it.
 */
final class JsCollection {

    final Object owner;
    final boolean isSet;
    private final LinkedHashMap<Object, Object> entries = new LinkedHashMap<>();

    JsCollection(EvalContext ctx, boolean isSet) {
        this.owner = ctx.owner();
        this.isSet = isSet;
    }

    /** Identity for objects: {@code new Map([[{}, 1]]).get({})} is undefined. */
    private record ObjectKey(Object value) {
        // JavaScript's === compares objects by identity
        @SuppressWarnings("ReferenceEquality")
        @Override
        public boolean equals(Object o) {
            return o instanceof ObjectKey k && k.value == value;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(value);
        }
    }

    private static Object normalize(Object key) {
        if (key instanceof Number n) {
            double d = n.doubleValue();
            return d == 0 ? (Object) 0L : JsNumbers.box(d);
        }
        if (key == null || key instanceof String || key instanceof Boolean || key == Undefined.INSTANCE) {
            return key == null ? NullKey.NULL : key;
        }
        return new ObjectKey(key);
    }

    /** LinkedHashMap holds null keys, but a marker keeps the unwrapping in one place. */
    private enum NullKey {
        NULL
    }

    private static Object unwrap(Object key) {
        if (key instanceof ObjectKey k) {
            return k.value;
        }
        return key == NullKey.NULL ? null : key;
    }

    int size() {
        return entries.size();
    }

    boolean has(Object key) {
        return entries.containsKey(normalize(key));
    }

    Object get(Object key) {
        Object k = normalize(key);
        Object v = entries.get(k);
        return v == null && !entries.containsKey(k) ? Undefined.INSTANCE : v;
    }

    void put(EvalContext ctx, Object key, Object value) {
        entries.put(normalize(key), value);
        ctx.checkCollection(entries.size());
    }

    boolean delete(Object key) {
        Object k = normalize(key);
        boolean had = entries.containsKey(k);
        entries.remove(k);
        return had;
    }

    void clear() {
        entries.clear();
    }

    /** Snapshot of the keys, values or [key, value] pairs (iteration order is insertion order). */
    List<Object> list(EvalContext ctx, int kind) {
        ctx.allocate(entries.size());
        List<Object> out = new JsArray(ctx, entries.size());
        for (Map.Entry<Object, Object> e : entries.entrySet()) {
            Object key = unwrap(e.getKey());
            out.add(
                    switch (kind) {
                        case 0 -> key;
                        case 1 -> e.getValue();
                        default -> {
                            JsArray pair = new JsArray(ctx, 2);
                            pair.add(key);
                            pair.add(isSet ? key : e.getValue());
                            yield pair;
                        }
                    });
        }
        return out;
    }

    /** What for-of and spread see: a Set's values, a Map's [key, value] pairs. */
    List<Object> iteration(EvalContext ctx) {
        return list(ctx, isSet ? 0 : 2);
    }

    List<Object> keysSnapshot() {
        List<Object> out = new ArrayList<>(entries.size());
        for (Object k : entries.keySet()) {
            out.add(unwrap(k));
        }
        return out;
    }

    @Override
    public String toString() {
        return isSet ? "[object Set]" : "[object Map]";
    }
}
