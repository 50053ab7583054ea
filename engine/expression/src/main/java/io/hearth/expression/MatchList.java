package io.hearth.expression;

/** The array returned by exec/match: the match and its groups, plus index, input and groups. */
final class MatchList extends JsArray {

    final long index;
    final String input;
    final Object groups;

    MatchList(EvalContext ctx, int capacity, long index, String input, Object groups) {
        super(ctx, capacity);
        this.index = index;
        this.input = input;
        this.groups = groups;
    }

    @Override
    Object property(String name) {
        return switch (name) {
            case "index" -> index;
            case "input" -> input;
            case "groups" -> groups;
            default -> Members.NOT_FOUND;
        };
    }
}
