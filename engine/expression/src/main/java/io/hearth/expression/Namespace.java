package io.hearth.expression;

import java.util.Map;

/**
 * A built-in global such as {@code Math}, {@code JSON} or {@code Array}: a fixed table of members
 * and, for {@code Array}/{@code String}/{@code Number}/{@code Boolean}/{@code Date}, a call behaviour.
 */
final class Namespace implements ExpressionObject, JsCallable {

    private final String name;
    private final Map<String, Object> members;
    private final Builtin.Impl callImpl;

    Namespace(String name, Map<String, Object> members, Builtin.Impl callImpl) {
        this.name = name;
        this.members = members;
        this.callImpl = callImpl;
    }

    @Override
    public Object get(String property) {
        Object v = members.get(property);
        return v == null ? Undefined.INSTANCE : v;
    }

    @Override
    public Object call(EvalContext ctx, Object[] args) {
        if (callImpl == null) {
            throw new ExpressionException(name + " is not a function");
        }
        return callImpl.call(ctx, args);
    }

    @Override
    public boolean isCallable() {
        return callImpl != null;
    }

    String name() {
        return name;
    }

    @Override
    public String toString() {
        return callImpl == null ? "[object " + name + "]" : "function " + name + "() { [native code] }";
    }
}
