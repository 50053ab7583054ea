package io.hearth.expression;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An array created by an expression. Only the evaluation that created it may change it ({@link
 * #owner}): data handed in by the runtime, and arrays a previous evaluation returned, are read-only.
 */
class JsArray extends ArrayList<Object> {

    final Object owner;
    /** Named properties set on the array ({@code list.label = 'x'}); rare, so created on demand. */
    private Map<String, Object> properties;

    JsArray(EvalContext ctx) {
        this.owner = ctx.owner();
    }

    JsArray(EvalContext ctx, int capacity) {
        super(capacity);
        this.owner = ctx.owner();
    }

    JsArray(EvalContext ctx, Collection<?> elements) {
        super(elements);
        this.owner = ctx.owner();
    }

    Object property(String name) {
        return properties == null ? null : properties.get(name);
    }

    boolean hasProperty(String name) {
        return properties != null && properties.containsKey(name);
    }

    void setProperty(String name, Object value) {
        if (properties == null) {
            properties = new LinkedHashMap<>();
        }
        properties.put(name, value);
    }

    void deleteProperty(String name) {
        if (properties != null) {
            properties.remove(name);
        }
    }
}
