package io.hearth.nodes.code;

import io.hearth.common.Json;
import io.hearth.expression.DateTimeValue;
import io.hearth.expression.ExpressionEngine;
import io.hearth.expression.ExpressionFunction;
import io.hearth.expression.ExpressionObject;
import io.hearth.expression.ExpressionValues;
import io.hearth.expression.Scope;
import io.hearth.expression.Undefined;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The one host function a run's JavaScript can call ({@code host(op, ...)}): workflow data through
 * the expression variables, DateTime/Duration methods through the expression engine (so the Code
 * node and expressions share their Luxon semantics), {@code $jmespath}, console lines. Answers
 * {@code [tag, payload]} pairs (see sandbox.js); a failure becomes {@code ['e', message]}, which the
 * script throws as an Error at the user's line.
 */
final class HostBridge implements ProxyExecutable {

    private static final ExpressionEngine EXPRESSIONS = new ExpressionEngine();

    private final IntFunction<Scope> scopes;
    private final ZoneId zone;
    private final ConsoleLines console;
    private final StaticDataAccess staticData;

    HostBridge(IntFunction<Scope> scopes, ZoneId zone, ConsoleLines console, StaticDataAccess staticData) {
        this.scopes = scopes;
        this.zone = zone;
        this.console = console;
        this.staticData = staticData;
    }

    /** Workflow static data ({@code $getWorkflowStaticData}). */
    interface StaticDataAccess {
        Map<String, Object> read(String type);
    }

    @Override
    public Object execute(Value... args) {
        try {
            String op = args[0].asString();
            return switch (op) {
                case "console" -> {
                    console.add(args[1].asString(), args[2].asString());
                    yield answer("u", null);
                }
                case "member" -> member(handle(args[1]), args[2].asString());
                case "call" -> call(handle(args[1]), args[2].asString(), arguments(args[3], args[4]));
                case "static" -> statics(args[1].asString(), args[2].asString(), arguments(args[3], args[4]));
                case "node" -> node(args[1].asString(), args[2].asString(), args[3].asInt(), args[4]);
                case "items" ->
                    encode(evaluate("$items(...$a)", args[1].asInt(), Map.of("$a", arguments(args[2], null))));
                case "jmespath" -> jmespath(args[1], args[2].asString());
                case "staticData" -> answer("j", Json.write(staticData.read(args[1].asString())));
                case "evaluate" -> evaluateExpression(args[1].asString(), args[2].asInt());
                default -> answer("e", "unknown host operation " + op);
            };
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return answer("e", message);
        }
    }

    private static ProxyArray answer(String tag, Object payload) {
        return ProxyArray.fromArray(tag, payload);
    }

    /** A Java value handed to the script: handles for DateTime and other host objects, JSON otherwise. */
    private ProxyArray encode(Object raw) {
        if (raw == Undefined.INSTANCE) {
            return answer("u", null);
        }
        if (raw instanceof DateTimeValue d) {
            return answer("d", new Handle(d));
        }
        if (raw instanceof ExpressionObject o) {
            // Luxon Intervals and Durations are the expression engine's own host objects.
            return answer(o.getClass().getSimpleName().equals("LuxonInterval") ? "I" : "D", new Handle(o));
        }
        return answer("j", Json.write(ExpressionValues.toJson(raw)));
    }

    private Object member(Object target, String name) {
        Object[] out = new Object[2];
        evaluate("$out(typeof $t[$m], $t[$m])", 0, Map.of("$t", target, "$m", name), out);
        return "function".equals(out[0]) ? answer("f", null) : encode(out[1]);
    }

    private Object call(Object target, String name, List<Object> args) {
        return encode(evaluate("$t[$m](...$a)", 0, Map.of("$t", target, "$m", name, "$a", args)));
    }

    private Object statics(String namespace, String name, List<Object> args) {
        if (!namespace.equals("DateTime") && !namespace.equals("Duration") && !namespace.equals("Interval")) {
            throw new IllegalArgumentException(namespace + " is not available");
        }
        Object[] out = new Object[2];
        evaluate("$out(typeof " + namespace + "[$m])", 0, Map.of("$m", name), out);
        if (!"function".equals(out[0])) {
            throw new IllegalArgumentException(namespace + "." + name + " is not a function");
        }
        return encode(evaluate(namespace + "[$m](...$a)", 0, Map.of("$m", name, "$a", args)));
    }

    private Object node(String name, String property, int itemIndex, Value argsJson) {
        Map<String, Object> bound = new LinkedHashMap<>();
        bound.put("$n", name);
        bound.put("$p", property);
        if (argsJson.isNull()) {
            return encode(evaluate("$($n)[$p]", itemIndex, bound));
        }
        bound.put("$a", arguments(argsJson, null));
        return encode(evaluate("$($n)[$p](...$a)", itemIndex, bound));
    }

    /** {@code $jmespath} of the expression engine, so the Code node and expressions query alike. */
    private Object jmespath(Value dataJson, String expression) {
        List<Object> data = arguments(dataJson, null);
        Map<String, Object> bound = new LinkedHashMap<>();
        bound.put("$d", data.isEmpty() ? null : data.getFirst());
        bound.put("$e", expression);
        return encode(evaluate("$jmespath($d, $e)", 0, bound));
    }

    private Object evaluateExpression(String expression, int itemIndex) {
        String template = expression.startsWith("=") ? expression.substring(1) : expression;
        return answer(
                "j", Json.write(ExpressionValues.toJson(EXPRESSIONS.evaluate(template, scopes.apply(itemIndex)))));
    }

    /** Evaluates {@code {{ $out(<expression>) }}} and returns the raw value $out received. */
    private Object evaluate(String expression, int itemIndex, Map<String, Object> bound) {
        Object[] out = new Object[1];
        evaluate("$out(" + expression + ")", itemIndex, bound, out);
        return out[0];
    }

    private void evaluate(String call, int itemIndex, Map<String, Object> bound, Object[] out) {
        Scope item = scopes.apply(itemIndex);
        ExpressionFunction capture = values -> {
            for (int i = 0; i < out.length && i < values.size(); i++) {
                out[i] = values.get(i);
            }
            return Undefined.INSTANCE;
        };
        Scope scope = name -> {
            if (name.equals("$out")) {
                return capture;
            }
            Object v = bound.get(name);
            return v != null || bound.containsKey(name) ? v : item.lookup(name);
        };
        EXPRESSIONS.evaluate("{{ " + call + " }}", scope);
    }

    private static Object handle(Value v) {
        if (v.isProxyObject() && v.asProxyObject() instanceof Handle h) {
            return h.value();
        }
        throw new IllegalArgumentException("not a DateTime or Duration");
    }

    /** Decodes the script's JSON arguments, putting handles and dates back in place of their placeholders. */
    private List<Object> arguments(Value json, Value handles) {
        Object parsed = Json.parse(json.asString());
        List<Object> hs = new ArrayList<>();
        if (handles != null && handles.hasArrayElements()) {
            for (long i = 0; i < handles.getArraySize(); i++) {
                hs.add(handle(handles.getArrayElement(i)));
            }
        }
        Object restored = restore(parsed, hs);
        return restored instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(List.of(restored));
    }

    private Object restore(Object v, List<Object> hs) {
        if (v instanceof Map<?, ?> m) {
            if (m.size() == 1 && m.get("\u0000h") instanceof Number n) {
                return hs.get(n.intValue());
            }
            if (m.size() == 1 && m.get("\u0000d") instanceof Number n) {
                return DateTimeValue.of(Instant.ofEpochMilli(n.longValue()).atZone(zone));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), restore(x, hs)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) {
                out.add(restore(x, hs));
            }
            return out;
        }
        return v;
    }

    /** An opaque reference to a host value (a DateTime, a Duration) held by the script. */
    record Handle(Object value) implements ProxyObject {
        @Override
        public Object getMember(String key) {
            return null;
        }

        @Override
        public Object getMemberKeys() {
            return ProxyArray.fromArray();
        }

        @Override
        public boolean hasMember(String key) {
            return false;
        }

        @Override
        public void putMember(String key, Value value) {
            throw new UnsupportedOperationException("read-only");
        }
    }
}
