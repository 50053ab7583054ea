package io.hearth.expression;

import java.util.Map;

/**
 * A built-in global such as {@code Math}, {@code JSON} or {@code Array}: a fixed table of members,
 * and for the standard constructors a call behaviour ({@code String(x)}) and a construct behaviour
 * ({@code new Map()}). Immutable: an expression cannot add or change members.
 */
final class Namespace implements ExpressionObject, JsCallable {

    private final String name;
    private final Map<String, Object> members;
    private final Builtin.Impl callImpl;
    private final Builtin.Impl constructImpl;

    Namespace(String name, Map<String, Object> members, Builtin.Impl callImpl) {
        this(name, members, callImpl, null);
    }

    Namespace(String name, Map<String, Object> members, Builtin.Impl callImpl, Builtin.Impl constructImpl) {
        this.name = name;
        this.members = members;
        this.callImpl = callImpl;
        this.constructImpl = constructImpl;
    }

    @Override
    public Object get(String property) {
        Object v = members.get(property);
        if (v == null) {
            return property.equals("name") && callImpl != null ? name : Undefined.INSTANCE;
        }
        return v;
    }

    @Override
    public Object call(EvalContext ctx, Object[] args) {
        if (callImpl == null) {
            throw JsThrow.typeError(name + " is not a function");
        }
        return callImpl.call(ctx, args);
    }

    @Override
    public boolean isCallable() {
        return callImpl != null;
    }

    boolean isConstructor() {
        return constructImpl != null;
    }

    Object construct(EvalContext ctx, Object[] args) {
        return constructImpl.call(ctx, args);
    }

    String name() {
        return name;
    }

    @Override
    public String toString() {
        return callImpl == null ? "[object " + name + "]" : "function " + name + "() { [native code] }";
    }
}
