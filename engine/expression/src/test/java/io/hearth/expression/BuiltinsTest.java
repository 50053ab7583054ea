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

class BuiltinsTest {

    /** Renders a result as JSON text so one table can hold strings, numbers, arrays and objects. */
    private static String json(String expression) {
        Object v = eval("JSON.stringify(" + expression + ")");
        return v == Undefined.INSTANCE ? "undefined" : (String) v;
    }

    @Nested
    class Strings {

        @ParameterizedTest
        @CsvSource(
                delimiterString = " ⇒ ",
                quoteCharacter = '\u00A4',
                value = {
                    "'abc'.length ⇒ 3",
                    "'Ab'.toUpperCase() + 'Ab'.toLowerCase() ⇒ \"ABab\"",
                    "'  x \\n'.trim() + '|' + '  x'.trimStart() + '|' + 'x  '.trimEnd() ⇒ \"x|x|x\"",
                    "'\\u00A0x\\uFEFF'.trim() ⇒ \"x\"",
                    "'a,b,,c'.split(',') ⇒ [\"a\",\"b\",\"\",\"c\"]",
                    "'a,b,c'.split(',', 2) ⇒ [\"a\",\"b\"]",
                    "'abc'.split('') ⇒ [\"a\",\"b\",\"c\"]",
                    "'abc'.split() ⇒ [\"abc\"]",
                    "'a1b22c'.split(/\\d+/) ⇒ [\"a\",\"b\",\"c\"]",
                    "'a1b2'.split(/(\\d)/) ⇒ [\"a\",\"1\",\"b\",\"2\",\"\"]",
                    "'test'.split(/(?:)/) ⇒ [\"t\",\"e\",\"s\",\"t\"]",
                    "''.split(',') ⇒ [\"\"]",
                    "'hello'.includes('ell') && 'hello'.startsWith('he') && 'hello'.endsWith('lo') ⇒ true",
                    "'hello'.startsWith('l', 2) ⇒ true",
                    "'banana'.indexOf('an') + ',' + 'banana'.lastIndexOf('an') + ',' + 'banana'.indexOf('x') ⇒ \"1,3,-1\"",
                    "'hello'.slice(1, -1) + '|' + 'hello'.slice(-2) ⇒ \"ell|lo\"",
                    "'hello'.substring(3, 1) + '|' + 'hello'.substr(1, 3) + '|' + 'hello'.substr(-3) ⇒ \"el|ell|llo\"",
                    "'aaa'.replace('a', 'b') + '|' + 'aaa'.replaceAll('a', 'b') ⇒ \"baa|bbb\"",
                    "'a-b-c'.replace(/-/g, '+') ⇒ \"a+b+c\"",
                    "'John Smith'.replace(/(\\w+)\\s(\\w+)/, '$2, $1') ⇒ \"Smith, John\"",
                    "'x'.replace('x', '$$-$&-$`') ⇒ \"$-x-\"",
                    "'2024-01-02'.replace(/(?<y>\\d+)-(?<m>\\d+)-(?<d>\\d+)/, '$<d>.$<m>.$<y>') ⇒ \"02.01.2024\"",
                    "'abc'.replace(/b/, m => m.toUpperCase()) ⇒ \"aBc\"",
                    "'a1b2'.replace(/\\d/g, (m, offset) => `[${m}@${offset}]`) ⇒ \"a[1@1]b[2@3]\"",
                    "'aaa'.replaceAll(/a/g, 'b') ⇒ \"bbb\"",
                    "'Hello World'.match(/o/g) ⇒ [\"o\",\"o\"]",
                    "'Hello'.match(/x/) ⇒ null",
                    "'key=value'.match(/(\\w+)=(\\w+)/).slice(1) ⇒ [\"key\",\"value\"]",
                    "'key=value'.match(/(?<k>\\w+)=/).groups.k ⇒ \"key\"",
                    "'a1b2'.match(/\\d/).index ⇒ 1",
                    "[...'a1b2'.matchAll(/[a-z](\\d)/g)].map(m => m[1]) ⇒ [\"1\",\"2\"]",
                    "'abc'.search(/c/) ⇒ 2",
                    "'5'.padStart(3, '0') + '|' + 'ab'.padEnd(5, 'xy') ⇒ \"005|abxyx\"",
                    "'ab'.repeat(3) ⇒ \"ababab\"",
                    "'abc'.charAt(1) + 'abc'.charCodeAt(1) + 'abc'.at(-1) ⇒ \"b98c\"",
                    "'a'.concat('b', 1, null) ⇒ \"ab1null\"",
                    "'a'.localeCompare('b') + ',' + 'b'.localeCompare('a') + ',' + 'a'.localeCompare('a') ⇒ \"-1,1,0\"",
                    "'\\u0065\\u0301'.normalize().length ⇒ 1",
                    "/^a.c$/i.test('ABC') ⇒ true",
                    "/(\\d+)/.exec('ab12').slice() ⇒ [\"12\",\"12\"]",
                    "/a$/.test('a\\n') ⇒ false",
                    "/^b/m.test('a\\nb') ⇒ true",
                    "/[[]/.test('[') ⇒ true",
                    "/a{/.test('a{') ⇒ true",
                })
        void behaveLikeJavaScript(String expression, String expectedJson) {
            assertThat(json(expression)).isEqualTo(expectedJson);
        }

        @ParameterizedTest
        @CsvSource(
                delimiterString = " ⇒ ",
                quoteCharacter = '\u00A4',
                value = {
                    "''.isEmpty() && !'a'.isEmpty() && 'a'.isNotEmpty() ⇒ true",
                    "' 42 '.toNumber() + '3.5'.toFloat() + '12px'.toInt() ⇒ 57.5",
                    "['true', 'yes', '1', 'false', 'no', '0', ''].map(s => s.toBoolean()) ⇒ [true,true,true,false,false,false,false]",
                    "'Contact: ada@example.com today'.extractEmail() ⇒ \"ada@example.com\"",
                    "'see https://n8n.io/docs?a=1 now'.extractUrl() ⇒ \"https://n8n.io/docs?a=1\"",
                    "'https://www.example.org/path'.extractDomain() + ' ' + 'x@mail.example.com'.extractDomain() ⇒ \"www.example.org mail.example.com\"",
                    "'a b&c'.urlEncode() + ' ' + 'a%20b%26c'.urlDecode() ⇒ \"a%20b%26c a b&c\"",
                    "'héllo'.base64Encode() ⇒ \"aMOpbGxv\"",
                    "'aMOpbGxv'.base64Decode() ⇒ \"héllo\"",
                    "'the lord of the rings'.toTitleCase() ⇒ \"The Lord of the Rings\"",
                    "'hello WORLD. how are you'.toSentenceCase() ⇒ \"Hello world. How are you\"",
                    "'Hello World-fooBar'.toSnakeCase() ⇒ \"hello_world_foobar\"", // n8n: lower case, then ' ' and '-'
                    // to '_'
                    "'hello world-foo'.toCamelCase() ⇒ \"helloWorldFoo\"",
                    "'<p>Hi <b>there</b></p>'.removeTags() ⇒ \"Hi there\"",
                    "'say \"hi\"'.quote() ⇒ \"\\\"say \\\\\\\"hi\\\\\\\"\\\"\"",
                    "'ada@example.com'.isEmail() && !'nope'.isEmail() ⇒ true",
                    "'https://n8n.io'.isUrl() && !'n8n.io'.isUrl() ⇒ true",
                    "'n8n.io'.isDomain() ⇒ true",
                    "'12.5'.isNumeric() && !'12a'.isNumeric() && !'1 2'.isNumeric() ⇒ true",
                    "'Crème brûlée'.replaceSpecialChars() ⇒ \"Creme brulee\"",
                    "'{\"a\":[1]}'.parseJson().a[0] ⇒ 1",
                })
        void includeN8nExtensions(String expression, String expectedJson) {
            assertThat(json(expression)).isEqualTo(expectedJson);
        }

        @Test
        void refuseToConvertNonNumericText() {
            assertThatThrownBy(() -> eval("'abc'.toNumber()"))
                    .isInstanceOf(ExpressionException.class)
                    .hasMessageContaining("cannot convert to number");
        }

        @Test
        void refuseARegexWhereJavaScriptDoes() {
            assertThat(Js.caught("'abc'.includes(/a/)"))
                    .isEqualTo(
                            "TypeError: First argument to String.prototype.includes must not be a regular expression");
        }
    }

    @Nested
    class Arrays_ {

        @ParameterizedTest
        @CsvSource(
                delimiterString = " ⇒ ",
                quoteCharacter = '\u00A4',
                value = {
                    "[1, 2, 3].map((x, i) => x * i) ⇒ [0,2,6]",
                    "[1, 2, 3, 4].filter(x => x % 2) ⇒ [1,3]",
                    "[1, 2, 3].find(x => x > 1) + [1, 2, 3].findIndex(x => x > 1) ⇒ 3",
                    "[1, 2, 3].findLast(x => x < 3) + [1, 2, 3].findLastIndex(x => x > 5) ⇒ 1",
                    "[1, 2, 3].find(x => x > 5) ⇒ undefined",
                    "[1, 2].some(x => x > 1) && [1, 2].every(x => x > 0) && ![].some(x => true) ⇒ true",
                    "[1, 2, 3].reduce((a, b) => a + b) + [1, 2, 3].reduce((a, b) => a + b, 10) ⇒ 22",
                    "['a', 'b', 'c'].reduceRight((a, b) => a + b) ⇒ \"cba\"",
                    "[1, 2].forEach(x => x) ⇒ undefined",
                    "[1, NaN, 3].includes(NaN) && ![1, 2].includes('1') ⇒ true",
                    "[1, 2, 1].indexOf(1) + [1, 2, 1].lastIndexOf(1) + [1].indexOf(9) ⇒ 1",
                    "[1, [2, 3], null, undefined].join('-') ⇒ \"1-2,3--\"",
                    "[1, 2, 3, 4].slice(1, -1) ⇒ [2,3]",
                    "[1].concat([2, 3], 4, [[5]]) ⇒ [1,2,3,4,[5]]",
                    "[1, [2, [3, [4]]]].flat() ⇒ [1,2,[3,[4]]]",
                    "[1, [2, [3, [4]]]].flat(Infinity) ⇒ [1,2,3,4]",
                    "[1, 2].flatMap(x => [x, x * 10]) ⇒ [1,10,2,20]",
                    "[3, 1, 2].reverse() ⇒ [2,1,3]",
                    "[10, 9, 1, 100].sort() ⇒ [1,10,100,9]",
                    "[10, 9, 1, 100].sort((a, b) => a - b) ⇒ [1,9,10,100]",
                    "[{n: 'b', i: 1}, {n: 'a', i: 2}, {n: 'b', i: 3}].toSorted((x, y) => x.n.localeCompare(y.n)).map(o => o.i) ⇒ [2,1,3]",
                    "[3, undefined, 1].sort() ⇒ [1,3,null]",
                    "[1, 2, 3].toReversed() ⇒ [3,2,1]",
                    "[1, 2, 3, 4].toSpliced(1, 2, 'x') ⇒ [1,\"x\",4]",
                    "[1, 2, 3].with(-1, 9) ⇒ [1,2,9]",
                    "Array(3).fill(0) ⇒ [0,0,0]",
                    "[1, 2, 3, 4].fill(0, 1, 3) ⇒ [1,0,0,4]",
                    "[...['a', 'b'].keys()] ⇒ [0,1]",
                    "['a', 'b'].entries() ⇒ [[0,\"a\"],[1,\"b\"]]",
                    "[1, 2, 3].at(-1) ⇒ 3",
                    "[1, 2].toString() ⇒ \"1,2\"",
                })
        void behaveLikeJavaScript(String expression, String expectedJson) {
            assertThat(json(expression)).isEqualTo(expectedJson);
        }

        @ParameterizedTest
        @CsvSource(
                delimiterString = " ⇒ ",
                quoteCharacter = '\u00A4',
                value = {
                    "[1, 2, 3].first() + [1, 2, 3].last() ⇒ 4",
                    "[].first() ⇒ undefined",
                    "[].isEmpty() && [1].isNotEmpty() ⇒ true",
                    "[1, 2, 3.5].sum() ⇒ 6.5",
                    "[1, 2, 3, 4].average() + [].average() ⇒ 2.5",
                    "[3, 1, 2].min() + [3, 1, 2].max() ⇒ 4",
                    "[1, 1, 2, {a: 1}, {a: 1}, [1], [1]].unique() ⇒ [1,2,{\"a\":1},[1]]",
                    "[{id: 1, n: 'a'}, {id: 1, n: 'b'}, {id: 2, n: 'c'}].removeDuplicates('id').map(o => o.n) ⇒ [\"a\",\"c\"]",
                    "[{a: 1, b: 2}, {a: 3}, {c: 4}].pluck('a') ⇒ [1,3]",
                    "[{a: 1, b: 2}, {a: 3}].pluck('a', 'b') ⇒ [[1,2],3]",
                    "[0, 1, null, '', undefined, 'x', {}].compact() ⇒ [0,1,\"x\"]",
                    "[1, 2, 3, 4, 5].chunk(2) ⇒ [[1,2],[3,4],[5]]",
                    "[1, 2, 3].difference([2]) ⇒ [1,3]",
                    "[1, 2, 3].intersection([3, 2, 7]) ⇒ [2,3]",
                    "[1, 2].union([2, 3]) ⇒ [1,2,3]",
                    "[1].append(2, [3]) ⇒ [1,2,[3]]",
                    "[{k: 'a', v: 1}, {k: 'b', v: 2}].smartJoin('k', 'v') ⇒ {\"a\":1,\"b\":2}",
                    "[1, {a: 'x'}].toJsonString() ⇒ \"[1,{\\\"a\\\":\\\"x\\\"}]\"",
                    "[5].randomItem() ⇒ 5",
                })
        void includeN8nExtensions(String expression, String expectedJson) {
            assertThat(json(expression)).isEqualTo(expectedJson);
        }

        @Test
        void reportReduceOfAnEmptyArray() {
            assertThat(Js.caught("[].reduce((a, b) => a + b)"))
                    .isEqualTo("TypeError: Reduce of empty array with no initial value");
        }

        @Test
        void reportNonFunctionCallbacks() {
            assertThat(eval("(() => { try { [1].map(5) } catch (e) { return e.message } })()"))
                    .asString()
                    .contains("5 is not a function");
        }

        @Test
        void sortWithAnInconsistentComparatorWithoutFailing() {
            assertThat(
                            (List<?>)
                                    eval(
                                            "[5, 1, 4, 2, 3, 9, 8, 7, 6, 0, 11, 15, 13, 12, 14, 10, 16, 19, 17, 18, 20, 25, 21, 22, 23, 24, 26, 31, 27, 28, 29, 30, 32, 33].sort(() => Math.random() - 0.5)"))
                    .hasSize(34);
        }

        @Test
        void sumRefusesNonNumbers() {
            assertThatThrownBy(() -> eval("[1, {}].sum()"))
                    .isInstanceOf(ExpressionException.class)
                    .hasMessageContaining("all array elements must be numbers");
        }
    }

    @Nested
    class Numbers {

        @ParameterizedTest
        @CsvSource(
                delimiterString = " ⇒ ",
                quoteCharacter = '\u00A4',
                value = {
                    "(123.456).toFixed(2) ⇒ \"123.46\"",
                    "(1.005).toFixed(2) ⇒ \"1.00\"",
                    "(-1.5).toFixed(0) ⇒ \"-2\"",
                    "(0).toFixed(2) ⇒ \"0.00\"",
                    "(123.456).toPrecision(4) ⇒ \"123.5\"",
                    "(123456).toPrecision(2) ⇒ \"1.2e+5\"",
                    "(0.000123).toPrecision(2) ⇒ \"0.00012\"",
                    "(255).toString(16) + (5).toString(2) + (0.5).toString(2) ⇒ \"ff1010.1\"",
                    "(12345.678).toExponential(2) ⇒ \"1.23e+4\"",
                    "(1234567.891).toLocaleString() ⇒ \"1,234,567.891\"",
                    "(-1234.5).toLocaleString() ⇒ \"-1,234.5\"",
                    "(1.2345).round(2) + (1.5).round() + (2.7).floor() + (2.1).ceil() + (-3).abs() ⇒ 11.23",
                    "(4).isEven() && (3).isOdd() && (3).isInteger() && !(3.5).isInteger() ⇒ true",
                    "(0).toBoolean() || !(2).toBoolean() ⇒ false",
                    "(0).toDateTime().toUTC().toISO() ⇒ \"1970-01-01T00:00:00.000Z\"",
                    "(86400).toDateTime('s').toUTC().toISODate() ⇒ \"1970-01-02\"",
                    "(45658).toDateTime('excel').toUTC().toISODate() ⇒ \"2025-01-01\"",
                    "true.toString() + false.toInt() ⇒ \"true0\"",
                })
        void behaveLikeJavaScriptAndN8n(String expression, String expectedJson) {
            assertThat(json(expression)).isEqualTo(expectedJson);
        }

        @Test
        void refuseParityOfFractions() {
            assertThatThrownBy(() -> eval("(1.5).isEven()"))
                    .isInstanceOf(ExpressionException.class)
                    .hasMessageContaining("isEven() is only callable on integers");
        }
    }

    @Nested
    class Objects {

        @ParameterizedTest
        @CsvSource(
                delimiterString = " ⇒ ",
                quoteCharacter = '\u00A4',
                value = {
                    "({a: 1}).hasOwnProperty('a') && !({a: 1}).hasOwnProperty('toString') ⇒ true",
                    "({}).isEmpty() && ({a: 1}).isNotEmpty() ⇒ true",
                    "({a: 1}).hasField('a') ⇒ true",
                    "({a: 1, b: 2}).removeField('a') ⇒ {\"b\":2}",
                    "({a: 1, b: 2}).merge({b: 3, c: 4}) ⇒ {\"a\":1,\"b\":2,\"c\":4}",
                    "({a: null, b: '', c: 0, d: {}, e: 'x'}).compact() ⇒ {\"c\":0,\"e\":\"x\"}",
                    "({a: 1, b: 2}).keys() ⇒ [\"a\",\"b\"]",
                    "({a: 1, b: 2}).values() ⇒ [1,2]",
                    "({a: 'x y', b: 1}).urlEncode() ⇒ \"a=x+y&b=1\"",
                    "({a: [1]}).toJsonString() ⇒ \"{\\\"a\\\":[1]}\"",
                    "({a: 'foo', b: 'bar'}).keepFieldsContaining('fo') ⇒ {\"a\":\"foo\"}",
                    "({a: 'foo', b: 'bar'}).removeFieldsContaining('fo') ⇒ {\"b\":\"bar\"}",
                    "String({}) ⇒ \"[object Object]\"",
                })
        void includeN8nExtensions(String expression, String expectedJson) {
            assertThat(json(expression)).isEqualTo(expectedJson);
        }

        @Test
        void preferDataOverMethodsOfTheSameName() {
            Map<String, Object> json = Map.of("keys", "data", "isEmpty", 1);

            assertThat(evalJson("$json.keys", json)).isEqualTo("data");
            assertThat(evalJson("(() => { try { $json.isEmpty() } catch (e) { return e.message } })()", json))
                    .isEqualTo("$json.isEmpty is not a function");
        }
    }

    @Nested
    class Globals_ {

        @ParameterizedTest
        @CsvSource(
                delimiterString = " ⇒ ",
                quoteCharacter = '\u00A4',
                value = {
                    "[Math.abs(-2), Math.ceil(1.2), Math.floor(1.8), Math.round(2.5), Math.round(-2.5), Math.trunc(-1.7), Math.sign(-3)] ⇒ [2,2,1,3,-2,-1,-1]",
                    "[Math.min(3, 1), Math.max(3, 1), Math.min(), Math.pow(2, 8), Math.sqrt(16), Math.cbrt(27)] ⇒ [1,3,null,256,4,3]",
                    "[Math.log10(1000), Math.log2(8), Math.exp(0), Math.hypot(3, 4), Math.log(1)] ⇒ [3,3,1,5,0]",
                    "Math.PI > 3.14 && Math.E > 2.71 && Math.random() < 1 ⇒ true",
                    "JSON.stringify({a: [1, {b: 2}], c: 'x'}, null, 2) ⇒ \"{\\n  \\\"a\\\": [\\n    1,\\n    {\\n      \\\"b\\\": 2\\n    }\\n  ],\\n  \\\"c\\\": \\\"x\\\"\\n}\"",
                    "JSON.stringify({a: undefined, f: x => x, n: NaN, d: [undefined]}) ⇒ \"{\\\"n\\\":null,\\\"d\\\":[null]}\"",
                    "JSON.stringify('a\"b\\n') ⇒ \"\\\"a\\\\\\\"b\\\\n\\\"\"",
                    "JSON.parse('{\"a\": [1, 2.5, \"x\", true, null], \"b\": {}}') ⇒ {\"a\":[1,2.5,\"x\",true,null],\"b\":{}}",
                    "Object.keys({a: 1, b: 2}) ⇒ [\"a\",\"b\"]",
                    "Object.values({a: 1, b: 2}) ⇒ [1,2]",
                    "Object.entries({a: 1}) ⇒ [[\"a\",1]]",
                    "Object.keys(['x', 'y']) ⇒ [\"0\",\"1\"]",
                    "Object.assign({}, {a: 1}, {b: 2}, null) ⇒ {\"a\":1,\"b\":2}",
                    "Object.fromEntries([['a', 1], ['b', 2]]) ⇒ {\"a\":1,\"b\":2}",
                    "Array.isArray([]) && !Array.isArray({}) ⇒ true",
                    "Array.from('abc') ⇒ [\"a\",\"b\",\"c\"]",
                    "Array.from({length: 3}, (_, i) => i * 2) ⇒ [0,2,4]",
                    "Array.of(1, 2) ⇒ [1,2]",
                    "Array(2) ⇒ [null,null]",
                    "[String(12), String(null), String([1, 2]), String(true)] ⇒ [\"12\",\"null\",\"1,2\",\"true\"]",
                    "[Number('12'), Number(''), Number('0x10'), Number('1e3'), Number(null), Number([5])] ⇒ [12,0,16,1000,0,5]",
                    "isNaN(Number('12px')) && !isNaN(undefined) && !isNaN('12') ⇒ true", // n8n: isNaN is Number.isNaN
                    "[Number.isInteger(5), Number.isInteger(5.5), Number.isFinite(Infinity), Number.isNaN('x')] ⇒ [true,false,false,false]",
                    "[Boolean(''), Boolean('a'), Boolean(0), Boolean([])] ⇒ [false,true,false,true]",
                    "[parseInt('42px'), parseInt('0x1F'), parseInt('101', 2), parseFloat('3.5e1x'), parseFloat('.5')] ⇒ [42,31,5,35,0.5]",
                    "isNaN(parseInt('px')) && !isFinite('12') && isFinite(12) && !isFinite(Infinity) ⇒ true",
                    "encodeURIComponent('a b&c/d?é') ⇒ \"a%20b%26c%2Fd%3F%C3%A9\"",
                    "encodeURI('http://x.io/a b?q=1&r=é#h') ⇒ \"http://x.io/a%20b?q=1&r=%C3%A9#h\"",
                    "decodeURIComponent('a%20b%26c%C3%A9') ⇒ \"a b&cé\"",
                    "decodeURI('a%20b%26c') ⇒ \"a b%26c\"",
                    "Number.MAX_SAFE_INTEGER ⇒ 9007199254740991",
                    "String.fromCharCode(72, 105) ⇒ \"Hi\"",
                })
        void behaveLikeJavaScript(String expression, String expectedJson) {
            assertThat(json(expression)).isEqualTo(expectedJson);
        }

        @Test
        void reportMalformedJson() {
            assertThat(Js.caught("JSON.parse('{\"a\": }')"))
                    .isEqualTo("SyntaxError: Unexpected token '}' in JSON at position 6");
            assertThat(Js.caught("JSON.parse('[1')")).isEqualTo("SyntaxError: Unexpected end of JSON input");
        }

        @Test
        void reportMalformedUris() {
            assertThat(Js.caught("decodeURIComponent('%E0%A4%A')")).isEqualTo("URIError: URI malformed");
        }

        @Test
        void parseJsonIntoPlainJavaValues() {
            assertThat(eval("JSON.parse('[1, 2.5, \"a\", null, {\"k\": false}]')"))
                    .isEqualTo(Arrays.asList(1L, 2.5, "a", null, Map.of("k", false)));
        }
    }
}
