package io.hearth.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    private final ExpressionEngine engine = new ExpressionEngine();

    private Object render(String template) {
        return engine.evaluate(template, Scope.empty());
    }

    @Test
    void isASingleExpressionOnlyWithoutAnyTextAround() {
        assertThat(engine.compile("{{ $json.x }}").isSingleExpression()).isTrue();
        assertThat(engine.compile("{{$json.x}}").isSingleExpression()).isTrue();
        assertThat(engine.compile(" {{ $json.x }}").isSingleExpression()).isFalse();
        assertThat(engine.compile("{{ $json.x }}\n").isSingleExpression()).isFalse();
        assertThat(engine.compile("a{{ 1 }}").isSingleExpression()).isFalse();
        assertThat(engine.compile("{{ 1 }}{{ 2 }}").isSingleExpression()).isFalse();
        assertThat(engine.compile("plain text").isSingleExpression()).isFalse();
    }

    @Test
    void keepsItsSource() {
        assertThat(engine.compile("Hi {{ $json.name }}").source()).isEqualTo("Hi {{ $json.name }}");
    }

    @Test
    void rendersPlainTextAsIs() {
        assertThat(render("just text, no braces")).isEqualTo("just text, no braces");
        assertThat(render("")).isEqualTo("");
    }

    @Test
    void rendersASingleExpressionWithBlanksAroundAsText() {
        assertThat(render(" {{ 40 + 2 }} ")).isEqualTo(" 42 ");
    }

    @Test
    void rendersValuesInTextTheWayN8nDoes() {
        DateTimeValue d = DateTimeValue.of(ZonedDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
        Object text = engine.evaluate(
                "{{ 'a' }}|{{ 1.5 }}|{{ true }}|{{ null }}|{{ undefined }}|{{ [1, 'b'] }}|{{ {k: [null]} }}|{{ $d }}",
                Js.scope("$d", d));

        assertThat(text).isEqualTo("a|1.5|true|||[1,\"b\"]|{\"k\":[null]}|2024-01-02T03:04:05.000Z");
    }

    @Test
    void findsTheClosingBracesStructurally() {
        assertThat(render("{{ '}}' + \"}}\" }}")).isEqualTo("}}}}");
        assertThat(render("{{ ({a: {b: 1}}).a.b }}")).isEqualTo(1L);
        assertThat(render("{{ {a: {b: 2}}.a.b }}")).isEqualTo(2L);
        assertThat(render("{{ `x${ [1, 2].map(v => `<${v}>`).join('') }y` }}")).isEqualTo("x<1><2>y");
        assertThat(render("{{ 1 }}}")).isEqualTo("1}");
    }

    @Test
    void treatsAnEscapedOpeningAsText() {
        assertThat(render("\\{{ not code }} and {{ 1 }}")).isEqualTo("{{ not code }} and 1");
    }

    @Test
    void evaluatesAnEmptyExpressionToUndefined() {
        assertThat(render("{{ }}")).isSameAs(Undefined.INSTANCE);
        assertThat(render("a{{}}b")).isEqualTo("ab");
    }

    @Test
    void toleratesATrailingSemicolonButNotASecondStatement() {
        assertThat(render("{{ 1 + 1; }}")).isEqualTo(2L);
        assertThatThrownBy(() -> engine.compile("{{ 1; 2 }}"))
                .isInstanceOf(ExpressionSyntaxException.class)
                .hasMessageContaining("only one expression is allowed");
    }

    @Test
    void skipsComments() {
        assertThat(render("{{ 1 /* one */ + 2 // two\n }}")).isEqualTo(3L);
    }

    @Test
    void reportsAMissingClosingBrace() {
        assertThatThrownBy(() -> engine.compile("Hello {{ $json.name"))
                .isInstanceOf(ExpressionSyntaxException.class)
                .hasMessage("missing '}}' to close the expression (column 20)");
    }

    @Test
    void reportsLineAndColumnInMultiLineTemplates() {
        assertThatThrownBy(() -> engine.compile("line one\n{{ [1, 2\n  3] }}"))
                .isInstanceOfSatisfying(ExpressionSyntaxException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Unexpected number (line 3, column 3)");
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isEqualTo(3);
                    assertThat(e.position()).isEqualTo(20);
                });
    }

    @Test
    void reportsUnterminatedStrings() {
        assertThatThrownBy(() -> engine.compile("{{ 'abc }}"))
                .isInstanceOf(ExpressionSyntaxException.class)
                .hasMessageStartingWith("unterminated string (column 4)");
    }

    @Test
    void reportsInvalidRegularExpressionsAtCompileTime() {
        assertThatThrownBy(() -> engine.compile("{{ 'a'.match(/(a/) }}"))
                .isInstanceOf(ExpressionSyntaxException.class)
                .hasMessageContaining("Invalid regular expression");
    }

    @Test
    void evaluatesCompiledTemplatesRepeatedlyWithDifferentScopes() {
        Template t = engine.compile("{{ $json.n + 1 }}");

        assertThat(t.evaluate(Js.scope("$json", Map.of("n", 1)))).isEqualTo(2L);
        assertThat(t.evaluate(Js.scope("$json", Map.of("n", 41)))).isEqualTo(42L);
        assertThat(t.evaluate(Js.scope("$json", Map.of("n", "1")))).isEqualTo("11");
    }

    @Test
    void rendersEverySegmentOfALongTemplate() {
        assertThat(engine.evaluate(
                        "{{ $json.a }}-{{ $json.b.join('+') }}-{{ $json.c ?? 'none' }}",
                        Js.scope("$json", Map.of("a", "x", "b", List.of(1, 2)))))
                .isEqualTo("x-1+2-none");
    }
}
