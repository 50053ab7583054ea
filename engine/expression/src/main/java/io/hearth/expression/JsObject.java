package io.hearth.expression;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plain object created by an expression. Only the evaluation that created it may change it
 * ({@link #owner}): data handed in by the runtime, and objects a previous evaluation returned, are
 * read-only.
 */
final class JsObject extends LinkedHashMap<String, Object> {

    final Object owner;

    JsObject(EvalContext ctx) {
        this.owner = ctx.owner();
    }

    JsObject(EvalContext ctx, Map<String, Object> entries) {
        super(entries);
        this.owner = ctx.owner();
    }
}
