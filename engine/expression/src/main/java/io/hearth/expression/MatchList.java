package io.hearth.expression;

import java.util.ArrayList;

/** The array returned by exec/match: the match and its groups, plus index, input and groups. */
final class MatchList extends ArrayList<Object> {

    final long index;
    final String input;
    final Object groups;

    MatchList(int capacity, long index, String input, Object groups) {
        super(capacity);
        this.index = index;
        this.input = input;
        this.groups = groups;
    }

    Object property(String name) {
        return switch (name) {
            case "index" -> index;
            case "input" -> input;
            case "groups" -> groups;
            default -> Members.NOT_FOUND;
        };
    }
}
