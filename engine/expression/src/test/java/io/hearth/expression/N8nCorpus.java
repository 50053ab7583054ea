package io.hearth.expression;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * n8n's expression expectations and Jest's matchers over Hearth's values. Each case is evaluated
 * the way n8n's tests evaluate it: a node parameter {@code =...} for item {@code itemIndex} of
 * {@code items}, at the corpus' fixed clock in the workflow's time zone.
 */
record N8nCorpus(ZonedDateTime now, List<Case> cases) {

    /** Large enough for every case; the corpus has no resource bombs. */
    private static final ExpressionEngine ENGINE =
            new ExpressionEngine(new ExpressionLimits(Duration.ofSeconds(10), 50_000_000, 200, 10_000_000, 1_000_000));

    /** One expectation. {@code expected} holds the matcher's arguments, tags decoded. */
    record Case(
            String id,
            String file,
            String expression,
            List<Object> items,
            int itemIndex,
            String matcher,
            List<Object> expected,
            boolean expectsThrow,
            Optional<String> postProcess,
            Optional<String> skipReason) {

        /** Empty when Hearth gives what n8n expects, else what went wrong. */
        Optional<String> check(N8nCorpus corpus) {
            Object actual;
            try {
                actual = evaluate(corpus);
            } catch (ExpressionException e) {
                if (expectsThrow) {
                    return checkThrown(e);
                }
                return Optional.of("threw " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            if (expectsThrow) {
                return Optional.of("expected an error, got " + show(actual));
            }
            return checkValue(actual);
        }

        private Object evaluate(N8nCorpus corpus) {
            Object json = itemIndex >= 0 && itemIndex < items.size() ? items.get(itemIndex) : Undefined.INSTANCE;
            Scope scope = new TestScope(json, items, DateTimeValue.of(corpus.now()));
            Object value = ((CompiledTemplate) ENGINE.compile(expression.substring(1))).evaluateValue(scope);
            if (postProcess.isPresent()) {
                String rest = postProcess.get().substring("asDateTime()".length());
                if (!(value instanceof DateTimeValue)) {
                    throw new ExpressionException("postProcess " + postProcess.get() + " on " + show(value));
                }
                Object result = value;
                value = ((CompiledTemplate) ENGINE.compile("{{ $result" + rest + " }}"))
                        .evaluateValue(name -> name.equals("$result") ? result : Undefined.INSTANCE);
            }
            return value;
        }

        private Optional<String> checkThrown(ExpressionException e) {
            if (e instanceof ExpressionSyntaxException || e instanceof ExpressionLimitException) {
                return Optional.of("threw " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            if (expected.isEmpty()) {
                return Optional.empty();
            }
            Object want = expected.getFirst();
            if (want instanceof String text) {
                return e.getMessage() != null && e.getMessage().contains(text)
                        ? Optional.empty()
                        : Optional.of("threw '" + e.getMessage() + "', expected a message containing '" + text + "'");
            }
            if (want instanceof Tag.Function f && f.name().equals("ExpressionExtensionError")) {
                return Optional.empty(); // n8n's extension errors: any error Hearth reports (not syntax, not a limit)
            }
            if (want instanceof Tag.Thrown err) {
                return Objects.equals(e.getMessage(), err.message())
                        ? Optional.empty()
                        : Optional.of("threw '" + e.getMessage() + "', expected '" + err.message() + "'");
            }
            return Optional.of("cannot check thrown " + want);
        }

        private Optional<String> checkValue(Object actual) {
            boolean ok = switch (matcher) {
                case "toEqual" -> equal(expected.getFirst(), actual, false);
                case "toStrictEqual" -> equal(expected.getFirst(), actual, true);
                case "toBe" -> same(expected.getFirst(), actual);
                case "toBeUndefined" -> actual == Undefined.INSTANCE;
                case "not.toBeUndefined", "toBeDefined" -> actual != Undefined.INSTANCE;
                case "toBeNaN" -> actual instanceof Number n && Double.isNaN(n.doubleValue());
                case "toBeInstanceOf" ->
                    expected.getFirst() instanceof Tag.Function f
                            && f.name().equals("DateTime")
                            && actual instanceof DateTimeValue;
                default -> false;
            };
            return ok ? Optional.empty() : Optional.of(matcher + " " + show(expected) + " but got " + show(actual));
        }
    }

    /** The tagged values of the corpus' JSON. */
    sealed interface Tag {
        record Function(String name) implements Tag {}

        record Thrown(String type, String message) implements Tag {}

        record ArrayContaining(List<Object> sample) implements Tag {}

        record SourceStub(String what) implements Tag {}
    }

    @SuppressWarnings("unchecked")
    static N8nCorpus read(Path file) throws IOException {
        Map<String, Object> root = (Map<String, Object>)
                JsonParser.parse(EvalContext.standalone(), Files.readString(file, StandardCharsets.UTF_8));
        Map<String, Object> clock = (Map<String, Object>) root.get("clock");
        List<Case> cases = new ArrayList<>();
        for (Object o : (List<Object>) root.get("cases")) {
            Map<String, Object> c = (Map<String, Object>) o;
            String source = (String) c.get("source");
            String id = (String) c.get("id");
            List<Object> expected = (List<Object>) decode(c.get("expected"));
            Optional<String> skip = Optional.ofNullable((String) c.get("skipReason"));
            if (skip.isEmpty() && expected.stream().anyMatch(e -> e instanceof Tag.SourceStub)) {
                skip = Optional.of("expected value computed by n8n's own source");
            }
            cases.add(new Case(
                    id,
                    source.substring(source.lastIndexOf('/') + 1),
                    (String) c.get("expression"),
                    (List<Object>) decode(c.get("items")),
                    ((Number) c.get("itemIndex")).intValue(),
                    (String) c.get("matcher"),
                    expected,
                    Boolean.TRUE.equals(c.get("expectedIsFunctionResult"))
                            && ((String) c.get("matcher")).startsWith("toThrow"),
                    Optional.ofNullable((String) c.get("postProcess")),
                    skip));
        }
        return new N8nCorpus(N8nCorpusTest.now(clock), List.copyOf(cases));
    }

    /** Turns the corpus' tagged objects into Hearth values (dates, undefined, NaN) or {@link Tag}s. */
    @SuppressWarnings("unchecked")
    private static Object decode(Object v) {
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object e : l) {
                out.add(decode(e));
            }
            return out;
        }
        if (!(v instanceof Map<?, ?> raw)) {
            return v;
        }
        Map<String, Object> m = (Map<String, Object>) raw;
        if (m.containsKey("$date")) {
            return DateTimeValue.utc(Instant.parse((String) m.get("$date")).toEpochMilli());
        }
        if (m.containsKey("$undefined")) {
            return Undefined.INSTANCE;
        }
        if (m.containsKey("$number")) {
            return switch ((String) m.get("$number")) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                default -> Double.NEGATIVE_INFINITY;
            };
        }
        if (m.containsKey("$function")) {
            return new Tag.Function((String) m.get("$function"));
        }
        if (m.containsKey("$error")) {
            return new Tag.Thrown((String) m.get("$error"), (String) m.get("message"));
        }
        if (m.containsKey("$asymmetric")) {
            if (!"ArrayContaining".equals(m.get("$asymmetric"))) {
                throw new IllegalStateException("unknown asymmetric matcher " + m);
            }
            return new Tag.ArrayContaining((List<Object>) decode(m.get("sample")));
        }
        if (m.containsKey("$n8nSrcStub")) {
            return new Tag.SourceStub((String) m.get("$n8nSrcStub"));
        }
        java.util.LinkedHashMap<String, Object> out = new java.util.LinkedHashMap<>();
        m.forEach((k, e) -> out.put(k, decode(e)));
        return out;
    }

    /** Jest's recursive equality; {@code strict} also tells undefined properties from missing ones. */
    static boolean equal(Object want, Object got, boolean strict) {
        if (want instanceof Tag.ArrayContaining ac) {
            if (!(got instanceof List<?> list)) {
                return false;
            }
            return ac.sample().stream().allMatch(s -> list.stream().anyMatch(g -> equal(s, g, false)));
        }
        if (want == Undefined.INSTANCE || want == null || got == null || got == Undefined.INSTANCE) {
            return Objects.equals(want, got);
        }
        if (want instanceof Number w && got instanceof Number g) {
            double x = w.doubleValue();
            double y = g.doubleValue();
            return x == y || (Double.isNaN(x) && Double.isNaN(y));
        }
        if (want instanceof DateTimeValue w && got instanceof DateTimeValue g) {
            return w.isValid() && g.isValid() && w.millis() == g.millis();
        }
        if (want instanceof List<?> w && got instanceof List<?> g) {
            if (w.size() != g.size()) {
                return false;
            }
            for (int i = 0; i < w.size(); i++) {
                if (!equal(w.get(i), g.get(i), strict)) {
                    return false;
                }
            }
            return true;
        }
        if (want instanceof Map<?, ?> w && got instanceof Map<?, ?> g) {
            for (Map.Entry<?, ?> e : w.entrySet()) {
                Object gv = g.containsKey(e.getKey()) ? g.get(e.getKey()) : Undefined.INSTANCE;
                if (strict && e.getValue() == Undefined.INSTANCE && g.containsKey(e.getKey()) != true) {
                    return false;
                }
                if (!equal(e.getValue(), gv, strict)) {
                    return false;
                }
            }
            for (Map.Entry<?, ?> e : g.entrySet()) {
                if (!w.containsKey(e.getKey()) && (strict || e.getValue() != Undefined.INSTANCE)) {
                    return false;
                }
            }
            return true;
        }
        return want.equals(got);
    }

    /** Jest's toBe (Object.is) for the primitives the corpus uses. */
    static boolean same(Object want, Object got) {
        if (want instanceof Number || want == null || want == Undefined.INSTANCE || got == null) {
            return equal(want, got, true);
        }
        return want.equals(got);
    }

    static String show(Object v) {
        if (v instanceof String s) {
            return '"' + s + '"';
        }
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(v);
    }

    /** What n8n's expression tests bind: the item's $json, $input, $item(i), $runIndex, $now, $today. */
    private record TestScope(Object json, List<Object> items, DateTimeValue now) implements Scope {
        @Override
        public Object lookup(String name) {
            return switch (name) {
                case "$json" -> json;
                case "$runIndex" -> 0L;
                case "$now" -> now;
                case "$today" -> DateTimeValue.of(now.time().truncatedTo(ChronoUnit.DAYS));
                case "$item" ->
                    (ExpressionFunction) args -> {
                        int i = args.isEmpty() ? 0 : ((Number) args.getFirst()).intValue();
                        Object itemJson = i < items.size() ? items.get(i) : Undefined.INSTANCE;
                        return (ExpressionObject)
                                p -> p.equals("$json") ? itemJson : new TestScope(itemJson, items, now).lookup(p);
                    };
                case "$input" ->
                    (ExpressionObject) p -> switch (p) {
                        case "all" -> (ExpressionFunction) args -> wrap(items);
                        case "first" ->
                            (ExpressionFunction)
                                    args -> items.isEmpty() ? Undefined.INSTANCE : Map.of("json", items.getFirst());
                        case "item" -> Map.of("json", json);
                        default -> Undefined.INSTANCE;
                    };
                default -> Undefined.INSTANCE;
            };
        }

        private static List<Object> wrap(List<Object> items) {
            List<Object> out = new ArrayList<>();
            for (Object i : items) {
                out.add(Map.of("json", i));
            }
            return out;
        }
    }
}
