package io.hearth.expression;

/**
 * A lexed token; {@code value} is the identifier name, the cooked string, the number (Double) or
 * the {@link JsRegExp}.
 */
record Token(TokenType type, int start, int end, Object value) {

    String text() {
        return (String) value;
    }

    boolean isIdent(String name) {
        return type == TokenType.IDENT && name.equals(value);
    }
}
