package io.hearth.expression;

/** A function implemented by the engine (built-in, arrow closure or bound method). */
interface JsCallable {

    Object call(EvalContext ctx, Object[] args);

    /** False for namespaces like {@code Math} that only hold members. */
    default boolean isCallable() {
        return true;
    }
}
