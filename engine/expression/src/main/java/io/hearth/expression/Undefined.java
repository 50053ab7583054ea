package io.hearth.expression;

/** The JavaScript {@code undefined} value ({@code null} is JavaScript's {@code null}). */
public final class Undefined {

    public static final Undefined INSTANCE = new Undefined();

    private Undefined() {}

    @Override
    public String toString() {
        return "undefined";
    }
}
