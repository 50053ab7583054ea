package io.hearth.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ExpressionEngineTest {

    private final ExpressionEngine engine = new ExpressionEngine();

    private Object eval(String template, Object... bindings) {
        return engine.evaluate(template, Js.scope(bindings));
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void doublesANumberFromTheWebhookBody() {
        Object json = map("body", map("n", 21));

        Object result = eval("{{ $json.body.n * 2 }}", "$json", json);

        assertThat(result).isEqualTo(42L);
    }

    @Test
    void recognisesParameterValuesThatAreExpressions() {
        assertThat(ExpressionEngine.isExpression("={{ $json.a }}")).isTrue();
        assertThat(ExpressionEngine.isExpression("=plain")).isTrue();
        assertThat(ExpressionEngine.isExpression("{{ $json.a }}")).isFalse();
        assertThat(ExpressionEngine.isExpression(42)).isFalse();
        assertThat(ExpressionEngine.isExpression(null)).isFalse();
    }

    @Test
    void warmsUpWithAnExpressionThatEvaluates() {
        assertThat(engine.evaluate(ExpressionEngine.WARM_UP, Scope.empty())).isEqualTo(17L);
    }

    @Test
    void cachesCompiledTemplatesBySource() {
        assertThat(engine.compile("{{ 1 + 1 }}")).isSameAs(engine.compile("{{ 1 + 1 }}"));
    }

    @Test
    void keepsWorkingWhenTheCacheOverflows() {
        for (int i = 0; i < 12_000; i++) {
            assertThat(engine.evaluate("{{ " + i + " + 1 }}", Scope.empty())).isEqualTo(i + 1L);
        }
    }

    @Test
    void greetsByNameInAMixedTemplate() {
        assertThat(eval("Hello {{ $json.name.toUpperCase() }}!", "$json", map("name", "ada")))
                .isEqualTo("Hello ADA!");
    }

    @Test
    void sumsMappedPrices() {
        Object json = map("items", List.of(map("price", 1.5), map("price", 2), map("price", 3)));

        assertThat(eval("{{ $json.items.map(i => i.price).sum() }}", "$json", json))
                .isEqualTo(6.5);
    }

    @Test
    void fallsBackToADefaultOnlyForNullOrUndefined() {
        assertThat(eval("{{ $json.a ?? 'default' }}", "$json", map())).isEqualTo("default");
        assertThat(eval("{{ $json.a ?? 'default' }}", "$json", map("a", null))).isEqualTo("default");
        assertThat(eval("{{ $json.a ?? 'default' }}", "$json", map("a", 0))).isEqualTo(0);
        assertThat(eval("{{ $json.a || 'default' }}", "$json", map("a", 0))).isEqualTo("default");
    }

    @Test
    void countsFilteredElements() {
        assertThat(eval("{{ $json.list.filter(x => x > 2).length }}", "$json", map("list", List.of(1, 2, 3, 4))))
                .isEqualTo(2L);
    }

    @Test
    void stringifiesTheItemAsJson() {
        Object json = map("a", 1, "b", List.of("x", true), "c", map("d", null), "e", 1.5);

        assertThat(eval("{{ JSON.stringify($json) }}", "$json", json))
                .isEqualTo("{\"a\":1,\"b\":[\"x\",true],\"c\":{\"d\":null},\"e\":1.5}");
    }

    @Test
    void rendersTwoSegmentsWithTextAround() {
        assertThat(eval("Dear {{ $json.first }} {{ $json.last }},", "$json", map("first", "Ada", "last", "Lovelace")))
                .isEqualTo("Dear Ada Lovelace,");
    }

    @Test
    void printsNumbersInTextLikeJavaScript() {
        assertThat(
                        eval(
                                "{{ 21 * 2 }}|{{ 3 / 2 }}|{{ 1e21 }}|{{ 0.1 + 0.2 }}|{{ 1 / 3 }}|{{ -1e-7 }}|{{ 0 / 0 }}|{{ 2 ** 70 }}"))
                .isEqualTo("42|1.5|1e+21|0.30000000000000004|0.3333333333333333|-1e-7|NaN|1.1805916207174113e+21");
    }

    @Test
    void returnsIntegralResultsAsLongAndOthersAsDouble() {
        assertThat(eval("{{ 21 * 2 }}")).isEqualTo(42L);
        assertThat(eval("{{ 0.1 + 0.2 }}")).isEqualTo(0.30000000000000004);
        assertThat(eval("{{ 10 / 4 }}")).isEqualTo(2.5);
        assertThat(eval("{{ -0 }}")).isEqualTo(0L);
    }

    @Test
    void rendersUndefinedAndNullAsEmptyTextInAMixedTemplate() {
        assertThat(eval("[{{ $json.missing }}][{{ null }}]", "$json", map())).isEqualTo("[][]");
    }

    @Test
    void returnsUndefinedForAMissingFieldInASingleExpression() {
        assertThat(eval("{{ $json.missing }}", "$json", map())).isSameAs(Undefined.INSTANCE);
    }

    @Test
    void formatsNowWithAFixedClockFromTheScope() {
        DateTimeValue now = DateTimeValue.of(ZonedDateTime.of(2024, 3, 5, 10, 20, 30, 0, ZoneOffset.UTC));

        assertThat(eval("{{ $now.toFormat('yyyy-MM-dd') }}", "$now", now)).isEqualTo("2024-03-05");
        assertThat(eval("{{ DateTime.now().toISO() }}", "$now", now)).isEqualTo("2024-03-05T10:20:30.000Z");
        assertThat(eval("{{ $now }}", "$now", now)).isEqualTo("2024-03-05T10:20:30.000Z");
    }

    @Test
    void rewritesWithRegexCaptureGroups() {
        assertThat(eval("{{ $json.s.replace(/(\\w+)@(\\w+)/, '$2 at $1') }}", "$json", map("s", "ada@example")))
                .isEqualTo("example at ada");
    }

    @Test
    void optionalChainingOnMissingFieldsYieldsUndefined() {
        Object json = map("a", null, "list", List.of());

        assertThat(eval("{{ $json.a?.b }}", "$json", json)).isSameAs(Undefined.INSTANCE);
        assertThat(eval("{{ $json.x?.b.c.d }}", "$json", json)).isSameAs(Undefined.INSTANCE);
        assertThat(eval("{{ $json.list[0]?.name }}", "$json", json)).isSameAs(Undefined.INSTANCE);
        assertThat(eval("{{ $json.x?.[0] }}", "$json", json)).isSameAs(Undefined.INSTANCE);
        assertThat(eval("{{ $json.fn?.() }}", "$json", json)).isSameAs(Undefined.INSTANCE);
        assertThat(eval("{{ $json.x?.y ?? 'none' }}", "$json", json)).isEqualTo("none");
    }

    @Test
    void givesUndefinedForAMissingIntermediateFieldAsN8nDoes() {
        assertThat(eval("{{ $json.a.b.c }}", "$json", map())).isSameAs(Undefined.INSTANCE);
        assertThat(eval("Name: {{ $json.a.b }}!", "$json", map("a", null))).isEqualTo("Name: !");
    }

    @Test
    void raisesTheTypeErrorJavaScriptWouldInsideTheExpression() {
        String caught = "{{ (() => { try { return %s } catch (e) { return e.name + ': ' + e.message } })() }}";

        assertThat(eval(caught.formatted("$json.a.b.c"), "$json", map()))
                .isEqualTo("TypeError: Cannot read properties of undefined (reading 'b')");
        assertThat(eval(caught.formatted("$json.a.b"), "$json", map("a", null)))
                .isEqualTo("TypeError: Cannot read properties of null (reading 'b')");
        assertThat(eval(caught.formatted("$json.name.shout()"), "$json", map("name", "ada")))
                .isEqualTo("TypeError: $json.name.shout is not a function");
    }

    @Test
    void evaluatesUnknownIdentifiersToUndefinedAsN8nDoes() {
        assertThat(eval("{{ $jsn }}")).isSameAs(Undefined.INSTANCE);
        assertThat(eval("{{ typeof $jsn }}")).isEqualTo("undefined");
    }

    @Test
    void reportsSyntaxErrorsWithTheirColumn() {
        assertThatThrownBy(() -> engine.compile("Total: {{ $json.a + }}"))
                .isInstanceOfSatisfying(ExpressionSyntaxException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Unexpected end of expression (column 21)");
                    assertThat(e.column()).isEqualTo(21);
                    assertThat(e.line()).isEqualTo(1);
                });
    }

    @Test
    void readsHostObjectsAndCallsHostFunctions() {
        ExpressionObject item = new ExpressionObject() {
            @Override
            public Object get(String property) {
                return property.equals("json") ? map("x", 7) : Undefined.INSTANCE;
            }

            @Override
            public Collection<String> keys() {
                return List.of("json");
            }
        };
        ExpressionFunction nodeLookup = args -> {
            assertThat(args).containsExactly("Webhook");
            return new ExpressionObject() {
                @Override
                public Object get(String property) {
                    return property.equals("item") ? item : Undefined.INSTANCE;
                }
            };
        };
        ExpressionObject input = property -> switch (property) {
            case "all" -> (ExpressionFunction) args -> List.of(item, item);
            case "first" -> (ExpressionFunction) args -> item;
            default -> Undefined.INSTANCE;
        };

        assertThat(eval("{{ $('Webhook').item.json.x + 1 }}", "$", nodeLookup)).isEqualTo(8L);
        assertThat(eval("{{ $input.all().map(i => i.json.x) }}", "$input", input))
                .isEqualTo(List.of(7, 7));
        assertThat(eval("{{ $input.first() }}", "$input", input)).isEqualTo(Map.of("json", Map.of("x", 7)));
        assertThat(eval("{{ $input.missing }}", "$input", input)).isSameAs(Undefined.INSTANCE);
    }

    @Test
    void letsHostFunctionsCallArrowFunctionsTheyReceive() {
        ExpressionFunction applyTwice = args -> {
            ExpressionFunction f = (ExpressionFunction) args.get(0);
            return f.call(List.of(f.call(List.of(args.get(1)))));
        };

        assertThat(eval("{{ $twice(x => x * 3, 2) }}", "$twice", applyTwice)).isEqualTo(18L);
    }

    @Test
    void refusesToReturnAFunction() {
        ExpressionObject input = property -> (ExpressionFunction) args -> List.of();

        assertThatThrownBy(() -> eval("{{ $input.all }}", "$input", input))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("expression returned a function");
    }

    @Test
    void wrapsExceptionsThrownByHostFunctions() {
        ExpressionFunction failing = args -> {
            throw new IllegalStateException("node 'X' has not run");
        };

        assertThatThrownBy(() -> eval("{{ $('X') }}", "$", failing))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("node 'X' has not run")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void neverMutatesListsAndMapsFromTheScope() {
        List<Object> list = new ArrayList<>(List.of(3, 1, 2));
        Map<String, Object> json = map("list", Collections.unmodifiableList(list), "a", 1);
        Map<String, Object> frozen = Collections.unmodifiableMap(json);

        assertThat(eval("{{ $json.list.sort() }}", "$json", frozen)).isEqualTo(List.of(1, 2, 3));
        assertThat(eval("{{ $json.list.reverse() }}", "$json", frozen)).isEqualTo(List.of(2, 1, 3));
        assertThat(eval("{{ $json.list.fill(0) }}", "$json", frozen)).isEqualTo(List.of(0L, 0L, 0L));
        assertThat(eval("{{ $json.list.toSorted((a, b) => b - a) }}", "$json", frozen))
                .isEqualTo(List.of(3, 2, 1));
        assertThat(eval("{{ Object.assign({}, $json, {a: 2}).a }}", "$json", frozen))
                .isEqualTo(2L);
        assertThat(eval("{{ $json.removeField('a') }}", "$json", frozen)).isEqualTo(Map.of("list", List.of(3, 1, 2)));
        assertThat(eval("{{ ({...$json, b: 1}).b }}", "$json", frozen)).isEqualTo(1L);
        assertThatThrownBy(() -> eval("{{ $json.list.push(4) }}", "$json", frozen))
                .isInstanceOf(ExpressionSandboxException.class)
                .hasMessageContaining("read-only");
        assertThatThrownBy(() -> eval("{{ Object.assign($json, {a: 2}) }}", "$json", frozen))
                .isInstanceOf(ExpressionSandboxException.class)
                .hasMessageContaining("read-only");

        assertThat(list).containsExactly(3, 1, 2);
        assertThat(json).containsOnlyKeys("list", "a").containsEntry("a", 1);
    }

    @Test
    void returnsScopeDataWithoutCopyingIt() {
        Map<String, Object> json = map("a", List.of(1, 2), "b", map("c", "d"));

        assertThat(eval("{{ $json }}", "$json", json)).isSameAs(json);
    }

    @Test
    void convertsResultsToPlainJsonValues() {
        DateTimeValue date = DateTimeValue.of(ZonedDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(1)));

        assertThat(eval("{{ [1, 'a', null, true, undefined, $d] }}", "$d", date))
                .isEqualTo(Arrays.asList(1L, "a", null, true, null, "2024-01-02T03:04:05.000+01:00"));
        assertThat(eval("{{ ({a: undefined, b: 1, f: x => x}) }}")).isEqualTo(Map.of("b", 1L));
    }

    @Test
    void letsTheScopeShadowBuiltIns() {
        assertThat(eval("{{ Math }}", "Math", "mine")).isEqualTo("mine");
    }

    @Test
    void evaluatesOneTemplateFromManyThreadsAtOnce() throws Exception {
        Template template = engine.compile("{{ $json.values.map(v => v * $json.factor).reduce((a, b) => a + b, 0) }}");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int factor = t + 1;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        Map<String, Object> json = map("values", List.of(i, 1, 2), "factor", factor);
                        Object r = template.evaluate(Js.scope("$json", json));
                        if (!r.equals((long) (i + 3) * factor)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
