package io.hearth.expression;

/**
 * Resolves the root identifiers of an expression ({@code $json}, {@code $input}, {@code $now}...).
 * Looked up before the built-in globals, so the runtime can shadow them.
 */
@FunctionalInterface
public interface Scope {

    /** Returns the value bound to {@code rootIdentifier}, or {@link Undefined#INSTANCE} when unknown. */
    Object lookup(String rootIdentifier);

    /** A scope without any binding. */
    static Scope empty() {
        return name -> Undefined.INSTANCE;
    }
}
