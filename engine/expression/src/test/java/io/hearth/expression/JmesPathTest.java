package io.hearth.expression;

import static io.hearth.expression.Js.evalJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** n8n's {@code $jmespath(data, query)} with the JMESPath specification's examples. */
class JmesPathTest {

    private static final String DATA = """
            {"a": {"b": {"c": [{"d": [0, [1, 2]]}, {"d": [3, 4]}]}},
             "list": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
             "people": [{"first": "James", "age": 30, "state": {"name": "up"}},
                        {"first": "Jacob", "age": 40, "state": {"name": "down"}},
                        {"first": "Jayden", "age": 20, "state": {"name": "up"}},
                        {"missing": "different"}],
             "ops": {"functionA": {"numArgs": 2}, "functionB": {"numArgs": 3}, "functionC": {"variadic": true}},
             "reservations": [{"instances": [{"state": "running"}, {"state": "stopped"}]},
                              {"instances": [{"state": "terminated"}, {"state": "running"}]}],
             "machines": [{"name": "a", "state": "running"}, {"name": "b", "state": "stopped"},
                          {"name": "c", "state": "running"}],
             "nested": [[0, 1], 2, [3], 4, [5, [6, 7]]],
             "foo": null, "bar": "value", "empty": []}""";

    private static String search(String query) {
        Object data = Js.eval("JSON.parse(" + Json.stringify(EvalContext.standalone(), DATA, Undefined.INSTANCE) + ")");
        return (String) evalJson("JSON.stringify($jmespath($json, " + quote(query) + ") ?? null)", data);
    }

    private static String quote(String s) {
        return (String) Json.stringify(EvalContext.standalone(), s, Undefined.INSTANCE);
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " ⇒ ",
            quoteCharacter = '\u00A4',
            value = {
                "bar ⇒ \"value\"",
                "a.b.c[0].d[1][0] ⇒ 1",
                "missing.deeper ⇒ null",
                "list[1] ⇒ 1",
                "list[-1] ⇒ 9",
                "list[0:3] ⇒ [0,1,2]",
                "list[::3] ⇒ [0,3,6,9]",
                "list[5:0:-2] ⇒ [5,3,1]",
                "list[::-1] | [0] ⇒ 9",
                "people[*].first ⇒ [\"James\",\"Jacob\",\"Jayden\"]",
                "people[:2].first ⇒ [\"James\",\"Jacob\"]",
                "ops.*.numArgs ⇒ [2,3]",
                "reservations[*].instances[*].state ⇒ [[\"running\",\"stopped\"],[\"terminated\",\"running\"]]",
                "reservations[].instances[].state ⇒ [\"running\",\"stopped\",\"terminated\",\"running\"]",
                "nested[] ⇒ [0,1,2,3,4,5,[6,7]]",
                "machines[?state=='running'].name ⇒ [\"a\",\"c\"]",
                "people[?age > `25`].first ⇒ [\"James\",\"Jacob\"]",
                "people[?age > `25` && state.name == 'up'].first ⇒ [\"James\"]",
                "people[?!age].missing ⇒ [\"different\"]",
                "people[*].first | [0] ⇒ \"James\"",
                "people[:2].[first, state.name] ⇒ [[\"James\",\"up\"],[\"Jacob\",\"down\"]]",
                "people[:1].{Name: first, State: state.name} ⇒ [{\"Name\":\"James\",\"State\":\"up\"}]",
                "foo || bar ⇒ \"value\"",
                "bar && foo ⇒ null",
                "`{\"x\": [1, true]}` ⇒ {\"x\":[1,true]}",
                "'raw string' ⇒ \"raw string\"",
                "length(people) ⇒ 4",
                "max_by(people[:3], &age).first ⇒ \"Jacob\"",
                "min_by(people[:3], &age).first ⇒ \"Jayden\"",
                "sort_by(people[:3], &age)[].first ⇒ [\"Jayden\",\"James\",\"Jacob\"]",
                "sort(people[:3].first) ⇒ [\"Jacob\",\"James\",\"Jayden\"]",
                "avg(people[:3].age) ⇒ 30",
                "sum(list) ⇒ 45",
                "max(list) ⇒ 9",
                "contains(people[*].first, 'Jacob') ⇒ true",
                "join(', ', people[:2].first) ⇒ \"James, Jacob\"",
                "keys(ops) ⇒ [\"functionA\",\"functionB\",\"functionC\"]",
                "map(&numArgs, values(ops)) ⇒ [2,3,null]",
                "[type(bar), type(list), type(foo), type(ops), type(`1`)] ⇒ [\"string\",\"array\",\"null\",\"object\",\"number\"]",
                "not_null(foo, missing, bar) ⇒ \"value\"",
                "reverse('abc') ⇒ \"cba\"",
                "[starts_with(bar, 'va'), ends_with(bar, 'x')] ⇒ [true,false]",
                "[to_number('1.5'), to_string(`[1]`), to_array(bar)] ⇒ [1.5,\"[1]\",[\"value\"]]",
                "merge(`{\"a\": 1}`, `{\"b\": 2}`) ⇒ {\"a\":1,\"b\":2}",
                "[abs(`-2`), ceil(`1.2`), floor(`1.8`)] ⇒ [2,2,1]",
                "empty[0] ⇒ null",
            })
    void answersLikeJmesPath(String query, String expectedJson) {
        assertThat(search(query)).isEqualTo(expectedJson);
    }

    @Test
    void isAlsoSpelledJmesPathAsN8nDocumentsIt() {
        assertThat(evalJson("$jmesPath($json, 'a')", Map.of("a", 1))).isEqualTo(1);
    }

    @Test
    void refusesWhatN8nRefuses() {
        assertThatThrownBy(() -> Js.eval("$jmespath('text', 'a')"))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("expected two arguments (Object, string) for this function");
        assertThat(Js.caught("$jmespath({}, 'a[')")).asString().startsWith("Error: ");
        assertThat(Js.caught("$jmespath({a: 'x'}, 'abs(a)')"))
                .isEqualTo("Error: TypeError: abs() received an invalid type: string");
    }
}
