package io.hearth.uischema;

import io.hearth.node.description.ParameterType;
import io.hearth.node.description.ParameterType.CollectionType;
import io.hearth.node.description.ParameterType.FixedCollectionType;
import io.hearth.node.description.ParameterType.NoticeType;

/** n8n expressions: string values starting with {@code =}, evaluated at run time. */
final class Expressions {

    private Expressions() {}

    static boolean isExpression(Object value) {
        return value instanceof String s && s.startsWith("=");
    }

    /**
     * Whether a whole value of this type may be an expression. Collections and fixed collections
     * may not (as in n8n, only their fields may); notices hold no value.
     */
    static boolean allowedIn(ParameterType type) {
        return !(type instanceof CollectionType
                || type instanceof FixedCollectionType
                || type instanceof NoticeType
                || type instanceof ParameterType.FilterType);
    }
}
