package io.hearth.expression;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The examples of n8n's expression reference (the {@code examples} its extension functions
 * document, at n8n commit 5fbc8d1f), beyond its test corpus: each gives what the reference says.
 */
class N8nDocExamplesTest {

    @ParameterizedTest
    @CsvSource(
            delimiterString = " ⇒ ",
            quoteCharacter = '\u00A4',
            value = {
                // strings
                "\"*bold*, [link]()\".removeMarkdown() ⇒ \"bold, link\"",
                "\"<b>bold</b>, <a>link</a>\".removeTags() ⇒ \"bold, link\"",
                "[\"true\".toBoolean(), \"false\".toBoolean(), \"0\".toBoolean(), \"hello\".toBoolean()] ⇒ [true,false,false,true]",
                "\"quick! brown FOX\".toSentenceCase() ⇒ \"Quick! Brown fox\"",
                "\"quick brown $FOX\".toSnakeCase() ⇒ \"quick_brown_fox\"",
                "\"name=Nathan Automat\".urlEncode() ⇒ \"name%3DNathan%20Automat\"",
                "\"name=Nathan Automat\".urlEncode(true) ⇒ \"name=Nathan%20Automat\"",
                "\"name%3DNathan%20Automat\".urlDecode() ⇒ \"name=Nathan Automat\"",
                "\"name%3DNathan%20Automat\".urlDecode(true) ⇒ \"name%3DNathan Automat\"",
                "\"déjà\".replaceSpecialChars() ⇒ \"deja\"",
                "[\"n8n.io\".isDomain(), \"http://n8n.io\".isDomain(), \"hello\".isDomain()] ⇒ [true,false,false]",
                "[\"me@example.com\".isEmail(), \"It's me@example.com\".isEmail(), \"hello\".isEmail()] ⇒ [true,false,false]",
                "[\"1.2234\".isNumeric(), \"hello\".isNumeric(), \"123E23\".isNumeric()] ⇒ [true,false,true]",
                "[\"https://n8n.io\".isUrl(), \"n8n.io\".isUrl(), \"hello\".isUrl()] ⇒ [true,false,false]",
                "[\"\".isEmpty(), \"hello\".isEmpty(), \"hello\".isNotEmpty(), \"\".isNotEmpty()] ⇒ [true,false,true,false]",
                "\"foo\".toJsonString() ⇒ \"\\\"foo\\\"\"",
                "\"My email is me@example.com\".extractEmail() ⇒ \"me@example.com\"",
                "\"me@example.com\".extractDomain() ⇒ \"example.com\"",
                "\"http://n8n.io/workflows\".extractDomain() ⇒ \"n8n.io\"",
                "\"Check out http://n8n.io\".extractUrl() ⇒ \"http://n8n.io\"",
                "\"http://n8n.io/workflows\".extractUrlPath() ⇒ \"/workflows\"",
                "\"hello\".hash() ⇒ \"5d41402abc4b2a76b9719d911017c592\"",
                "'Nathan says \"hi\"'.quote() ⇒ \"\\\"Nathan says \\\\\\\"hi\\\\\\\"\\\"\"",
                "'{\"name\":\"Nathan\"}'.parseJson() ⇒ {\"name\":\"Nathan\"}",
                "\"hello\".base64Encode() ⇒ \"aGVsbG8=\"",
                "\"aGVsbG8=\".base64Decode() ⇒ \"hello\"",
                "[\"123\".toNumber(), \"1.23E10\".toNumber()] ⇒ [123,12300000000]",
                // arrays
                "[12, 1, 5].average() ⇒ 6",
                "[2, null, 1, \"\"].compact() ⇒ [2,1]",
                "[[].isEmpty(), ['quick', 'brown', 'fox'].isEmpty(), ['quick'].isNotEmpty(), [].isNotEmpty()] ⇒ [true,false,true,false]",
                "[['quick', 'brown', 'fox'].first(), ['quick', 'brown', 'fox'].last()] ⇒ [\"quick\",\"fox\"]",
                "[[1, 12, 5].max(), [12, 1, 5].min(), [12, 1, 5].sum()] ⇒ [12,1,18]",
                "['quick', 'brown', 'fox'].includes(['quick', 'brown', 'fox'].randomItem()) ⇒ true",
                "[1, 2, 3, 4, 5, 6].chunk(2) ⇒ [[1,2],[3,4],[5,6]]",
                "[1, 2, 3].difference([2, 3]) ⇒ [1]",
                "[1, 2].intersection([2, 3]) ⇒ [2]",
                "[1, 2].union([2, 3]) ⇒ [1,2,3]",
                "['quick', 'brown', 'quick'].unique() ⇒ [\"quick\",\"brown\"]",
                "['forget', 'me'].append('not') ⇒ [\"forget\",\"me\",\"not\"]",
                "[9, 0, 2].append(1, 0) ⇒ [9,0,2,1,0]",
                // numbers
                "[(1.234).ceil(), (1.234).floor()] ⇒ [2,1]",
                "[(33).isEven(), (42).isEven(), (33).isOdd(), (42).isOdd()] ⇒ [false,true,true,false]",
                "(123456.789).format('de-DE') ⇒ \"123.456,789\"",
                "[(1.256).round(), (1.256).round(1), (1.256).round(2)] ⇒ [1,1.3,1.26]",
                "[(12).toBoolean(), (0).toBoolean(), (-1.3).toBoolean()] ⇒ [true,false,true]",
                "(1708695471).toDateTime('s').toMillis() ⇒ 1708695471000",
                "(1708695471000000).toDateTime('us').toMillis() ⇒ 1708695471000",
                "(45345).toDateTime('excel').toUTC().toISO() ⇒ \"2024-02-23T00:00:00.000Z\"",
                "[(-1.7).abs(), (1.7).abs()] ⇒ [1.7,1.7]",
                "[(4).isInteger(), (4.12).isInteger(), (-4).isInteger()] ⇒ [true,false,true]",
                // objects
                "[({'name': 'Nathan'}).isEmpty(), ({}).isEmpty(), ({'name': 'Nathan'}).isNotEmpty(), ({}).isNotEmpty()] ⇒ [false,true,true,false]",
                "({ x: null, y: 2, z: '' }).compact() ⇒ {\"y\":2}",
                "[({ name: 'Nathan', age: 42 }).hasField('name'), ({ name: 'Nathan' }).hasField('Name')] ⇒ [true,false]",
                "({ name: 'Mr Nathan', age: 42 }).keys() ⇒ [\"name\",\"age\"]",
                "({ name: 'Mr Nathan', age: 42 }).values() ⇒ [\"Mr Nathan\",42]",
                "({ name: 'Mr Nathan', city: 'hanoi', age: 42 }).removeFieldsContaining('Nathan') ⇒ {\"city\":\"hanoi\",\"age\":42}",
                "({ name: 'Mr Nathan', city: 'hanoi', age: 42 }).keepFieldsContaining('han') ⇒ {\"name\":\"Mr Nathan\",\"city\":\"hanoi\"}",
                "({ name: 'Mr Nathan', city: 'hanoi' }).urlEncode() ⇒ \"name=Mr+Nathan&city=hanoi\"",
                // booleans
                "[true.toNumber(), false.toNumber()] ⇒ [1,0]",
                // dates
                "(() => { const dt = '2024-03-30T18:49'.toDateTime(); return [dt.extract('month'), dt.extract('hour')] })() ⇒ [3,18]",
                "(() => { const dt = '2023-03-30T18:49:07.234'.toDateTime(); const none = null; return [dt.isEmpty(), none.isEmpty(), dt.isNotEmpty(), none.isNotEmpty()] })() ⇒ [false,true,true,false]",
            })
    void giveWhatTheReferenceSays(String expression, String expectedJson) {
        assertThat(Js.eval("JSON.stringify(" + expression + ")")).isEqualTo(expectedJson);
    }
}
