package io.hearth.expression;

/**
 * The subject of a regex match. java.util.regex reads it through {@link #charAt}, so checking the
 * evaluation deadline there bounds catastrophic backtracking ({@code /(a+)+$/}) by the timeout.
 */
final class DeadlineCharSequence implements CharSequence {

    private final String s;
    private final EvalContext ctx;
    private int countdown = 4096;

    DeadlineCharSequence(String s, EvalContext ctx) {
        this.s = s;
        this.ctx = ctx;
    }

    @Override
    public char charAt(int index) {
        if (--countdown == 0) {
            countdown = 4096;
            ctx.checkDeadline();
        }
        return s.charAt(index);
    }

    @Override
    public int length() {
        return s.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return s.substring(start, end);
    }

    @Override
    public String toString() {
        return s;
    }
}
