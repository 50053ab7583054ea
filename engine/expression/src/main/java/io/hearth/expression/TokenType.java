package io.hearth.expression;

enum TokenType {
  NUMBER, STRING, IDENT, REGEX,
  /** A template literal without substitutions. */
  TEMPLATE_FULL,
  /** {@code `text${}: the cooked text before the first substitution. */
  TEMPLATE_HEAD,
  TEMPLATE_MIDDLE,
  TEMPLATE_TAIL,
  LPAREN, RPAREN, LBRACKET, RBRACKET, LBRACE, RBRACE,
  COMMA, DOT, QUESTION_DOT, ELLIPSIS, SEMICOLON, COLON, QUESTION, ARROW,
  PLUS, MINUS, STAR, SLASH, PERCENT, STAR_STAR,
  LT, GT, LE, GE, EQ, NE, STRICT_EQ, STRICT_NE,
  AND, OR, NULLISH, NOT, TILDE, AMP, PIPE, CARET, SHL, SHR, USHR,
  /** Any assignment operator: {@code = += -= ??= ...}. */
  ASSIGN,
  INCREMENT, DECREMENT,
  /** The closing {@code }}} of the segment. */
  END
}
