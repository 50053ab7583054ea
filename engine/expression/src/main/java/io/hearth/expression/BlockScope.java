package io.hearth.expression;

/**
 * Run-time shape of a block's scope, decided by the parser when the block closes: a block gets an
 * environment of its own only when it declares variables a function inside it may capture;
 * otherwise its variables live in the enclosing environment.
 */
final class BlockScope {

    static final BlockScope NONE = new BlockScope();

    boolean materialized;
    int size;

    Env enter(Env env) {
        if (!materialized) {
            return env;
        }
        Object[] slots = new Object[size];
        java.util.Arrays.fill(slots, Undefined.INSTANCE);
        return new Env(slots, env);
    }
}
