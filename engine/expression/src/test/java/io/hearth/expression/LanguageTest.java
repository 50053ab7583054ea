package io.hearth.expression;

import static io.hearth.expression.Js.eval;
import static io.hearth.expression.Js.evalJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageTest {

    /** Evaluates and renders like JSON.stringify so that one table covers many types. */
    private static String json(String expression) {
        return (String) eval("JSON.stringify(" + expression + ")");
    }

    @Nested
    class Literals {

        @ParameterizedTest
        @CsvSource(
                delimiterString = " ⇒ ",
                quoteCharacter = '\u00A4',
                value = {
                    "1e3 ⇒ 1000",
                    "0x1F ⇒ 31",
                    "0b101 ⇒ 5",
                    "0o17 ⇒ 15",
                    ".5 ⇒ 0.5",
                    "5. ⇒ 5",
                    "1_000_000 ⇒ 1000000",
                    "-2.5e-3 ⇒ -0.0025",
                    "'a\\nb' ⇒ \"a\\nb\"",
                    "\"\\u0041\\x42\" ⇒ \"AB\"",
                    "'\\u{1F600}'.length ⇒ 2",
                    "`a ${1 + 1} b` ⇒ \"a 2 b\"",
                    "[1, , 3] ⇒ [1,null,3]",
                    "[1, ...[2, 3], ...'ab'] ⇒ [1,2,3,\"a\",\"b\"]",
                    "{a: 1, 'b c': 2, 3: 4, ['k' + 1]: 5} ⇒ {\"a\":1,\"b c\":2,\"3\":4,\"k1\":5}",
                    "{...{a: 1, b: 2}, b: 3, ...[9]} ⇒ {\"a\":1,\"b\":3,\"0\":9}",
                    "[true, false, null] ⇒ [true,false,null]",
                    "/a+/gi.flags ⇒ \"gi\"",
                })
        void evaluateToTheirValues(String expression, String expectedJson) {
            assertThat(json(expression)).isEqualTo(expectedJson);
        }

        @Test
        void supportsShorthandProperties() {
            assertThat(eval("[1].map(a => ({a}))[0]")).isEqualTo(Map.of("a", 1L));
        }
    }

    @Nested
    class Operators {

        @ParameterizedTest
        @CsvSource(
                delimiterString = " ⇒ ",
                quoteCharacter = '\u00A4',
                value = {
                    "7 / 2 ⇒ 3.5",
                    "2 ** 10 ⇒ 1024",
                    "(-2) ** 2 ⇒ 4",
                    "2 ** 3 ** 2 ⇒ 512",
                    "-5 % 3 ⇒ -2",
                    "1 / 0 ⇒ Infinity",
                    "-1 / 0 ⇒ -Infinity",
                    "'3' * '4' ⇒ 12",
                    "'3' + 4 ⇒ 34",
                    "3 + 4 + '5' ⇒ 75",
                    "null + 1 ⇒ 1",
                    "undefined + 1 ⇒ NaN",
                    "true + true ⇒ 2",
                    "[] + [] ⇒ ''",
                    "[1, 2] + '' ⇒ 1,2",
                    "({}) + '' ⇒ [object Object]",
                    "'10' < '9' ⇒ true",
                    "10 < 9 ⇒ false",
                    "'10' < 9 ⇒ false",
                    "null >= 0 ⇒ true",
                    "undefined == null ⇒ true",
                    "undefined === null ⇒ false",
                    "NaN == NaN ⇒ false",
                    "[1] == 1 ⇒ true",
                    "'' == 0 ⇒ true",
                    "'0' == false ⇒ true",
                    "1 === 1.0 ⇒ true",
                    "({}) === ({}) ⇒ false",
                    "5 & 3 ⇒ 1",
                    "5 | 3 ⇒ 7",
                    "5 ^ 3 ⇒ 6",
                    "~5 ⇒ -6",
                    "1 << 3 ⇒ 8",
                    "-16 >> 2 ⇒ -4",
                    "-1 >>> 28 ⇒ 15",
                    "!'' && !0 && !null && !undefined && !NaN ⇒ true",
                    "!![] && !!{} ⇒ true",
                    "'a' in {a: 1} ⇒ true",
                    "1 in [5, 6] ⇒ true",
                    "2 in [5, 6] ⇒ false",
                    "typeof 1 ⇒ number",
                    "typeof 'x' ⇒ string",
                    "typeof null ⇒ object",
                    "typeof undefined ⇒ undefined",
                    "typeof nothingHere ⇒ undefined",
                    "typeof [].map ⇒ function",
                    "typeof Math ⇒ object",
                    "typeof (x=>x) ⇒ function",
                    "void 0 ⇒ undefined",
                    "(1, 2, 3) ⇒ 3",
                    "true ? 'y' : 'n' ⇒ y",
                    "0 || null || 'z' ⇒ z",
                    "1 && 0 && 2 ⇒ 0",
                    "0 ?? 1 ⇒ 0",
                })
        void followJavaScriptSemantics(String expression, String expected) {
            Object v = eval(expression);
            String shown = v == Undefined.INSTANCE ? "undefined" : ExpressionValues.toDisplayString(v);
            assertThat(shown).isEqualTo(expected.equals("''") ? "" : expected);
        }

        @Test
        void shortCircuitsWithoutEvaluatingTheOtherSide() {
            assertThat(eval("false && notDefinedAnywhere")).isEqualTo(false);
            assertThat(eval("true || notDefinedAnywhere")).isEqualTo(true);
            assertThat(eval("1 ?? notDefinedAnywhere")).isEqualTo(1L);
            assertThat(eval("true ? 1 : notDefinedAnywhere")).isEqualTo(1L);
        }

        @Test
        void refusesAnUnparenthesisedUnaryBeforeExponentiation() {
            assertThatThrownBy(() -> eval("-2 ** 2"))
                    .isInstanceOf(ExpressionSyntaxException.class)
                    .hasMessageContaining("add parentheses");
        }
    }

    @Nested
    class ArrowFunctions {

        @Test
        void captureTheirEnclosingParameters() {
            assertThat(eval("[1, 2].map(x => [10, 20].map(y => x + y))"))
                    .isEqualTo(List.of(List.of(11L, 21L), List.of(12L, 22L)));
        }

        @Test
        void canBeStoredInvokedAndPassedAround() {
            assertThat(eval("(f => f(3))(x => x * 2)")).isEqualTo(6L);
            assertThat(eval("((a, b) => a + b)(1, 2)")).isEqualTo(3L);
            assertThat(eval("(() => 'none')()")).isEqualTo("none");
            assertThat(eval("(x => y => x * y)(3)(4)")).isEqualTo(12L);
            assertThat(eval("({f: x => x + 1}).f(1)")).isEqualTo(2L);
        }

        @Test
        void acceptReturnBlockBodies() {
            assertThat(eval("[1, 2].map(x => { return x * 2; })")).isEqualTo(List.of(2L, 4L));
            assertThat(eval("(() => {})()")).isSameAs(Undefined.INSTANCE);
        }

        @Test
        void runStatementsInBlockBodies() {
            assertThat(eval("[1].map(x => { const y = x + 1; return y })")).isEqualTo(List.of(2L));
        }

        @Test
        void destructureObjectsAndArraysAndCollectRestParameters() {
            assertThat(eval("((a, {b, c: d}, [e, , f]) => a + b + d + e + f)(1, {b: 2, c: 3}, [4, 9, 5])"))
                    .isEqualTo(15L);
            assertThat(eval("((first, ...rest) => rest)(1, 2, 3)")).isEqualTo(List.of(2L, 3L));
            assertThat(eval("[{n: 'a'}, {n: 'b'}].map(({n}) => n).join()")).isEqualTo("a,b");
        }

        @Test
        void bindMissingArgumentsToUndefined() {
            assertThat(eval("((a, b) => b)(1)")).isSameAs(Undefined.INSTANCE);
        }
    }

    @Nested
    class MembersAndCalls {

        @Test
        void readsByNameIndexAndComputedKey() {
            Map<String, Object> json = Map.of("a b", 1, "list", List.of("x", "y"), "key", "list");

            assertThat(evalJson("$json['a b']", json)).isEqualTo(1);
            assertThat(evalJson("$json.list[1]", json)).isEqualTo("y");
            assertThat(evalJson("$json[$json.key][0]", json)).isEqualTo("x");
            assertThat(evalJson("$json.list['1']", json)).isEqualTo("y");
            assertThat(evalJson("$json.list[5]", json)).isSameAs(Undefined.INSTANCE);
            assertThat(evalJson("$json.list.length", json)).isEqualTo(2L);
            assertThat(evalJson("'abc'[1]", json)).isEqualTo("b");
        }

        @Test
        void spreadsArgumentsIntoCalls() {
            assertThat(eval("Math.max(...[1, 5, 3], 4)")).isEqualTo(5L);
        }

        @Test
        void callsMethodsReadAsValues() {
            assertThat(eval("['a', 'b'].map('x'.concat)")).isEqualTo(List.of("xa0a,b", "xb1a,b"));
        }

        @Test
        void allowsNewDateOnly() {
            assertThat(eval("new Date(0).getTime()")).isEqualTo(0L);
            assertThat(eval("new Date('2024-01-02T00:00:00Z').getUTCDate()")).isEqualTo(2L);
        }
    }

    @Nested
    class RefusedSyntax {

        @ParameterizedTest
        @CsvSource(
                delimiterString = " ⇒ ",
                quoteCharacter = '\u00A4',
                value = {
                    "1 = 2 ⇒ Invalid left-hand side in assignment",
                    "a + 1 = 2 ⇒ Invalid left-hand side in assignment",
                    "++1 ⇒ Invalid left-hand side in assignment",
                    "if (a) b ⇒ 'if' is not allowed here: a {{ }} holds a single expression",
                    "var a = 1 ⇒ 'var' is not allowed here",
                    "(() => { const a; })() ⇒ Missing initializer in const declaration",
                    "(() => { let a = 1; let a = 2 })() ⇒ Identifier 'a' has already been declared",
                    "(() => { break })() ⇒ Illegal break statement",
                    "(() => { while (1) { continue x } })() ⇒ Undefined label 'x'",
                    "(() => { try {} })() ⇒ Missing catch or finally after try",
                    "({a = 1}) ⇒ Invalid shorthand property initializer",
                    "(() => { return })(); return 1 ⇒ only one expression is allowed",
                    "class A {} ⇒ classes are not supported",
                    "a`x` ⇒ tagged templates are not supported",
                    "({ get f() { return 1 } }) ⇒ getters, setters and async methods are not supported",
                    "1 2 ⇒ Unexpected number",
                    "( ⇒ Unexpected end of expression",
                    "'\\0' + '\\01' ⇒ octal escape sequences are not allowed",
                    "10n ⇒ BigInt literals are not supported",
                })
        void withAClearMessage(String expression, String message) {
            assertThatThrownBy(() -> Js.ENGINE.compile("{{ " + expression + " }}"))
                    .isInstanceOf(ExpressionSyntaxException.class)
                    .hasMessageContaining(message)
                    .hasMessageContaining("column");
        }
    }

    @Test
    void convertsNestedUndefinedLikeJson() {
        assertThat(eval("[undefined, 1]")).isEqualTo(Arrays.asList(null, 1L));
    }
}
