package io.hearth.nodes.code;

/** What one call of the user's code ended with. */
sealed interface JsOutcome {

    /**
     * The code returned (or its promise resolved to) a value.
     *
     * @param type the JavaScript type: undefined, null, array, object, string, number, boolean...
     * @param json the value as JSON text (empty for undefined, functions and symbols)
     */
    record Returned(String type, String json) implements JsOutcome {}

    /**
     * The code threw (or its promise rejected).
     *
     * @param name    the error's name (TypeError...), empty for a thrown non-Error value
     * @param message its message
     * @param line    the line of the user's code it came from, 0 when unknown
     */
    record Threw(String name, String message, int line) implements JsOutcome {}
}
