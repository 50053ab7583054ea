package io.hearth.expression;

/** The template could not be parsed; the message ends with the line and column of the problem. */
public class ExpressionSyntaxException extends ExpressionException {

    private final int position;
    private final int line;
    private final int column;

    public ExpressionSyntaxException(String message, String source, int position) {
        super(message + location(source, position));
        this.position = position;
        this.line = lineOf(source, position);
        this.column = columnOf(source, position);
    }

    /** Zero-based offset in the template (the parameter value without its leading '='). */
    public int position() {
        return position;
    }

    /** One-based line. */
    public int line() {
        return line;
    }

    /** One-based column. */
    public int column() {
        return column;
    }

    static String location(String source, int position) {
        int line = lineOf(source, position);
        int column = columnOf(source, position);
        return line == 1 ? " (column " + column + ")" : " (line " + line + ", column " + column + ")";
    }

    private static int lineOf(String source, int position) {
        int line = 1;
        for (int i = 0; i < Math.min(position, source.length()); i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int columnOf(String source, int position) {
        int p = Math.min(position, source.length());
        int lineStart = source.lastIndexOf('\n', p - 1) + 1;
        return p - lineStart + 1;
    }
}
