package io.hearth.expression;

import java.util.List;
import java.util.Set;

/** Map.prototype and Set.prototype. */
final class CollectionMethods {

    static final Set<String> MAP_NAMES =
            Set.of("get", "set", "has", "delete", "clear", "keys", "values", "entries", "forEach", "toString");
    static final Set<String> SET_NAMES =
            Set.of("add", "has", "delete", "clear", "keys", "values", "entries", "forEach", "toString");

    private CollectionMethods() {}

    static Object call(EvalContext ctx, JsCollection c, String name, Object[] a) {
        Object a0 = JsOps.arg(a, 0);
        return switch (name) {
            case "get" -> c.isSet ? Members.NOT_FOUND : c.get(a0);
            case "has" -> c.has(a0);
            case "set" -> {
                if (c.isSet) {
                    yield Members.NOT_FOUND;
                }
                writable(ctx, c);
                c.put(ctx, a0, JsOps.arg(a, 1));
                yield c;
            }
            case "add" -> {
                if (!c.isSet) {
                    yield Members.NOT_FOUND;
                }
                writable(ctx, c);
                c.put(ctx, a0, a0);
                yield c;
            }
            case "delete" -> {
                writable(ctx, c);
                yield c.delete(a0);
            }
            case "clear" -> {
                writable(ctx, c);
                c.clear();
                yield Undefined.INSTANCE;
            }
            case "keys" -> c.list(ctx, 0);
            case "values" -> c.list(ctx, c.isSet ? 0 : 1);
            case "entries" -> c.list(ctx, 2);
            case "forEach" -> {
                Object fn = Members.requireFunction(a0, name);
                for (Object key : c.keysSnapshot()) {
                    if (c.has(key)) {
                        Members.invoke(ctx, fn, c.isSet ? key : c.get(key), key, c);
                    }
                }
                yield Undefined.INSTANCE;
            }
            case "toString" -> c.toString();
            default -> Members.NOT_FOUND;
        };
    }

    private static void writable(EvalContext ctx, JsCollection c) {
        if (!ctx.owns(c.owner)) {
            throw new ExpressionSandboxException(
                    "a " + (c.isSet ? "Set" : "Map") + " created by another evaluation is read-only");
        }
    }

    /** {@code new Map(entries)} / {@code new Set(values)}. */
    static JsCollection create(EvalContext ctx, boolean isSet, Object source) {
        JsCollection c = new JsCollection(ctx, isSet);
        if (JsOps.isNullish(source)) {
            return c;
        }
        List<?> items = Interpreter.iterate(ctx, source);
        ctx.steps(items.size());
        for (Object item : items) {
            if (isSet) {
                c.put(ctx, item, item);
            } else if (item instanceof List<?> pair) {
                c.put(
                        ctx,
                        pair.isEmpty() ? Undefined.INSTANCE : pair.get(0),
                        pair.size() < 2 ? Undefined.INSTANCE : pair.get(1));
            } else {
                throw JsThrow.typeError("Iterator value " + JsOps.describe(item) + " is not an entry object");
            }
        }
        return c;
    }
}
