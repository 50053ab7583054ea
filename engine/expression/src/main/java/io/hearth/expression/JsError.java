package io.hearth.expression;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * An Error object ({@code new Error('x')}, or what {@code catch (e)} receives for an error the engine
 * raised): {@code name}, {@code message}, {@code stack}, {@code cause}, and any property the
 * expression that created it sets.
 */
final class JsError implements ExpressionObject {

    /** The error constructors an expression can reach, each a kind of Error. */
    static final List<String> TYPES =
            List.of("Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError", "EvalError", "URIError");

    final Object owner;
    /** The constructor: Error, TypeError... */
    final String type;

    final LinkedHashMap<String, Object> properties = new LinkedHashMap<>();

    JsError(EvalContext ctx, String type, String name, String message) {
        this.owner = ctx.owner();
        this.type = type;
        properties.put("name", name);
        properties.put("message", message);
    }

    String name() {
        return properties.get("name") instanceof String s ? s : "Error";
    }

    String message() {
        Object m = properties.get("message");
        return m == null || m == Undefined.INSTANCE ? "" : m instanceof String s ? s : String.valueOf(m);
    }

    /** {@code e instanceof TypeError}: its own constructor, or Error for any of them. */
    boolean isA(String constructor) {
        return constructor.equals("Error") || constructor.equals(type);
    }

    @Override
    public Object get(String property) {
        if (property.equals("stack")) {
            return this + "\n    at <expression>";
        }
        Object v = properties.get(property);
        return v == null && !properties.containsKey(property) ? Undefined.INSTANCE : v;
    }

    /** Own enumerable properties: as in JavaScript, not name, message or stack. */
    @Override
    public Collection<String> keys() {
        return properties.keySet().stream()
                .filter(k -> !k.equals("name") && !k.equals("message"))
                .toList();
    }

    @Override
    public String toString() {
        String message = message();
        return message.isEmpty() ? name() : name() + ": " + message;
    }
}
