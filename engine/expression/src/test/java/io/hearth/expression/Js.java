package io.hearth.expression;

import java.util.HashMap;
import java.util.Map;

/** Test helper: evaluates one expression as the template {@code {{ expression }}}. */
final class Js {

    static final ExpressionEngine ENGINE = new ExpressionEngine();

    private Js() {}

    static Object eval(String expression) {
        return ENGINE.evaluate("{{ " + expression + " }}", Scope.empty());
    }

    /**
     * The JavaScript error the expression raises, as {@code name: message}, caught inside the
     * expression (an uncaught one makes the {{ }} undefined, as in n8n); "no error" if none.
     */
    static Object caught(String expression) {
        return eval("(() => { try { " + expression
                + "; return 'no error' } catch (e) { return e.name + ': ' + e.message } })()");
    }

    /** Evaluates with {@code $json} bound to {@code json}. */
    static Object evalJson(String expression, Object json) {
        return ENGINE.evaluate("{{ " + expression + " }}", scope("$json", json));
    }

    static Scope scope(Object... namesAndValues) {
        Map<String, Object> bindings = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            bindings.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return name -> bindings.containsKey(name) ? bindings.get(name) : Undefined.INSTANCE;
    }
}
