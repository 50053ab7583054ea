package io.hearth.expression;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * {@code Intl.NumberFormat} and {@code Intl.DateTimeFormat} with the en-US formats Hearth's
 * {@code toLocaleString} produces; other locales format as en-US.
 */
final class IntlFormats {

    private IntlFormats() {}

    static Namespace namespace() {
        return new Namespace(
                "Intl",
                Map.of(
                        "NumberFormat", formatter("NumberFormat", false),
                        "DateTimeFormat", formatter("DateTimeFormat", true)),
                null);
    }

    private static Namespace formatter(String name, boolean dates) {
        Builtin.Impl create = (ctx, a) -> new Formatter(dates, JsOps.arg(a, 0), JsOps.arg(a, 1));
        return new Namespace(name, Map.of(), create, create);
    }

    /** A formatter object: {@code format(value)} and {@code resolvedOptions()}. */
    private record Formatter(boolean dates, Object locale, Object options) implements ExpressionObject {

        @Override
        public Object get(String property) {
            return switch (property) {
                case "format" -> new Builtin("format", (ctx, a) -> format(ctx, JsOps.arg(a, 0)));
                case "resolvedOptions" ->
                    new Builtin("resolvedOptions", (ctx, a) -> {
                        JsObject out = new JsObject(ctx);
                        out.put("locale", locale instanceof String s ? s : "en-US");
                        if (options instanceof Map<?, ?> m) {
                            m.forEach((k, v) -> out.put(String.valueOf(k), v));
                        }
                        return out;
                    });
                default -> Undefined.INSTANCE;
            };
        }

        private Object format(EvalContext ctx, Object value) {
            if (dates) {
                DateTimeValue d = value instanceof DateTimeValue v
                        ? v
                        : value == Undefined.INSTANCE
                                ? DateTimeValue.of(ctx.now())
                                : JsDateGlobal.newDate(ctx, new Object[] {value});
                if (!d.isValid()) {
                    throw JsThrow.rangeError("Invalid time value");
                }
                return LuxonFormat.format(d.time(), DateTimeMethods.localeMacro(options));
            }
            return NumberMethods.localeString(JsOps.toNumber(value), new Object[] {locale, options});
        }

        @Override
        public Collection<String> keys() {
            return List.of();
        }
    }
}
