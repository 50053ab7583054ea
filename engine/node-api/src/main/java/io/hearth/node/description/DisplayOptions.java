package io.hearth.node.description;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * When a parameter (or credential) is shown, n8n style: every {@code show} entry must match (one
 * of its values), and no {@code hide} entry may match. Values are literals or {@link Condition}s.
 * <p>
 * Keys name sibling parameters; a key starting with {@code /} names a top-level parameter from
 * inside a collection; {@code @version} is the node's type version. A parameter whose controlling
 * value is an expression ({@code "=..."}) stays shown, since its value is only known at run time.
 */
public record DisplayOptions(Map<String, List<Object>> show, Map<String, List<Object>> hide) {

    public static final DisplayOptions ALWAYS = new DisplayOptions(Map.of(), Map.of());

    public DisplayOptions {
        show = copy(show);
        hide = copy(hide);
    }

    public static DisplayOptions show(String parameter, Object... values) {
        return ALWAYS.andShow(parameter, values);
    }

    public static DisplayOptions hide(String parameter, Object... values) {
        return ALWAYS.andHide(parameter, values);
    }

    public DisplayOptions andShow(String parameter, Object... values) {
        Map<String, List<Object>> s = new LinkedHashMap<>(show);
        s.put(parameter, Arrays.asList(values));
        return new DisplayOptions(s, hide);
    }

    public DisplayOptions andHide(String parameter, Object... values) {
        Map<String, List<Object>> h = new LinkedHashMap<>(hide);
        h.put(parameter, Arrays.asList(values));
        return new DisplayOptions(show, h);
    }

    public boolean isAlways() {
        return show.isEmpty() && hide.isEmpty();
    }

    /**
     * Whether the parameter is visible given the current values ({@code valueOf} returns the value
     * of a named parameter, its default when unset, or empty when it has none).
     */
    public boolean isVisible(Function<String, Optional<Object>> valueOf) {
        for (Map.Entry<String, List<Object>> e : show.entrySet()) {
            Object actual = valueOf.apply(e.getKey()).orElse(null);
            if (isExpression(actual)) {
                continue;
            }
            if (!matchesAny(actual, e.getValue())) {
                return false;
            }
        }
        for (Map.Entry<String, List<Object>> e : hide.entrySet()) {
            Object actual = valueOf.apply(e.getKey()).orElse(null);
            if (!isExpression(actual) && matchesAny(actual, e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesAny(Object actual, List<Object> expected) {
        for (Object candidate : expected) {
            if (candidate instanceof Condition c ? c.test(actual) : matchesLiteral(actual, candidate)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesLiteral(Object actual, Object expected) {
        if (actual instanceof List<?> list) {
            // multiOptions: shown when the chosen values include the expected one
            for (Object v : list) {
                if (sameValue(v, expected)) {
                    return true;
                }
            }
            return false;
        }
        return sameValue(actual, expected);
    }

    static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        if (a instanceof Boolean && b instanceof String s) {
            return a.toString().equals(s);
        }
        return a == null ? b == null : a.equals(b);
    }

    private static boolean isExpression(Object value) {
        return value instanceof String s && s.startsWith("=");
    }

    private static Map<String, List<Object>> copy(Map<String, List<Object>> m) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        if (m != null) {
            m.forEach((k, v) -> out.put(k, java.util.Collections.unmodifiableList(new java.util.ArrayList<>(v))));
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
