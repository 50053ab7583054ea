package io.hearth.expression;

import java.util.List;

/** Statements of function bodies ({@code (() => { ... })()}, {@code function () { ... }}). */
sealed interface Stmt {

    /**
     * A block. {@code scope} says whether it gets its own environment at run time (it declares
     * variables that a function inside it may capture) and how large; {@code functions} are the
     * function declarations hoisted to its start.
     */
    record Block(List<Stmt> body, BlockScope scope, List<FunctionDecl> functions) implements Stmt {}

    record Expression(Node expression) implements Stmt {}

    /** {@code var}, {@code let} or {@code const}; a declarator without initializer has a null init. */
    record Declaration(DeclKind kind, List<Declarator> declarators) implements Stmt {}

    record Declarator(Pattern target, Node init) {}

    /** A hoisted function declaration: its closure is stored into {@code target} at block entry. */
    record FunctionDecl(Node.Ref target, Node.Function function) implements Stmt {}

    record If(Node test, Stmt then, Stmt otherwise) implements Stmt {}

    /**
     * {@code for (init; test; update) body}; {@code scope} is the environment of {@code let}
     * variables of the head, copied for each iteration when a closure may capture them.
     */
    record For(Stmt init, Node test, Node update, Stmt body, BlockScope scope, List<String> labels) implements Stmt {}

    /** {@code for (target of iterable)} or {@code for (target in object)}. */
    record ForEach(
            boolean of, DeclKind kind, Pattern target, Node iterable, Stmt body, BlockScope scope, List<String> labels)
            implements Stmt {}

    record While(Node test, Stmt body, List<String> labels) implements Stmt {}

    record DoWhile(Stmt body, Node test, List<String> labels) implements Stmt {}

    /** {@code break} / {@code continue}, with an optional label. */
    record Jump(Completion completion) implements Stmt {}

    record Return(Node value) implements Stmt {}

    record Throw(Node value) implements Stmt {}

    /** {@code param} is null for {@code catch {}} without a binding; {@code handler}/{@code finalizer} may be null. */
    record Try(Block block, Pattern param, BlockScope catchScope, Block handler, Block finalizer) implements Stmt {}

    record Switch(Node discriminant, List<Case> cases, BlockScope scope, List<FunctionDecl> functions)
            implements Stmt {}

    /** A {@code case test:} clause, or {@code default:} when {@code test} is null. */
    record Case(Node test, List<Stmt> body) {}

    /** {@code label: statement} around anything but a loop (loops carry their labels). */
    record Labeled(String label, Stmt body) implements Stmt {}

    record Empty() implements Stmt {}

    enum DeclKind {
        VAR,
        LET,
        CONST
    }

    /** How a statement ended other than normally: break/continue (with a label) or return. */
    final class Completion {
        static final Completion BREAK = new Completion(true, null);
        static final Completion CONTINUE = new Completion(false, null);
        /** The value is in {@link EvalContext#returnValue}. */
        static final Completion RETURN = new Completion(false, null);

        final boolean isBreak;
        final String label;

        Completion(boolean isBreak, String label) {
            this.isBreak = isBreak;
            this.label = label;
        }

        boolean isContinue() {
            return !isBreak && this != RETURN;
        }
    }
}
