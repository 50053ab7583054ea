/**
 * Hearth's expression language: the {@code {{ ... }}} templates of n8n-style node parameters.
 *
 * <p>An interpreter for a subset of JavaScript expressions. A template is lexed and parsed once
 * into an immutable AST ({@link io.hearth.expression.ExpressionEngine#compile}) and evaluated by a
 * tree-walking interpreter per item. It is a sandbox by construction: the only values an
 * expression can reach are JSON-like data ({@code null}, {@link io.hearth.expression.Undefined},
 * booleans, numbers, strings, {@link java.util.List}, {@link java.util.Map}), the host objects and
 * functions the runtime puts in the {@link io.hearth.expression.Scope}, dates
 * ({@link io.hearth.expression.DateTimeValue}) and an allowlist of built-in functions. There is no
 * reflection, no prototype chain and no access to any other Java object; CPU time, evaluation
 * steps, call depth and the size of produced strings and collections are bounded by
 * {@link io.hearth.expression.ExpressionLimits}.
 *
 * <p>Lists and maps handed in by the runtime are never mutated; every array or object operation
 * returns a new {@link java.util.ArrayList} or {@link java.util.LinkedHashMap}. Conversely, a value
 * returned by an expression may share structure with its inputs and must be treated as read-only.
 */
package io.hearth.expression;
