package io.hearth.expression;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsNumbersTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "-0.0, 0",
        "1, 1",
        "-1, -1",
        "1.5, 1.5",
        "0.1, 0.1",
        "100, 100",
        "1e20, 100000000000000000000",
        "1e21, 1e+21",
        "1.5e21, 1.5e+21",
        "123456789012345680000, 123456789012345680000",
        "0.000001, 0.000001",
        "1e-7, 1e-7",
        "1.23e-18, 1.23e-18",
        "0.30000000000000004, 0.30000000000000004",
        "9007199254740992, 9007199254740992",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        "4.9e-324, 5e-324",
        "123.456, 123.456",
        "-0.5, -0.5",
        "2.5e-6, 0.0000025",
        "1e300, 1e+300",
    })
    void printsDoublesLikeNumberToString(double value, String expected) {
        assertThat(JsNumbers.toString(value)).isEqualTo(expected);
    }

    @Test
    void printsSpecialValues() {
        assertThat(JsNumbers.toString(Double.NaN)).isEqualTo("NaN");
        assertThat(JsNumbers.toString(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(JsNumbers.toString(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    }

    @Test
    void printsIntegralJavaTypesExactly() {
        assertThat(JsNumbers.toString((Number) 9007199254740993L)).isEqualTo("9007199254740993");
        assertThat(JsNumbers.toString(new java.math.BigDecimal("1.50"))).isEqualTo("1.5");
    }

    @Test
    void boxesIntegralValuesAsLong() {
        assertThat(JsNumbers.box(42.0)).isEqualTo(42L);
        assertThat(JsNumbers.box(-0.0)).isEqualTo(-0.0);
        assertThat(JsNumbers.box(0.5)).isEqualTo(0.5);
        assertThat(JsNumbers.box(1e19)).isEqualTo(1e19);
        assertThat(JsNumbers.box(Double.NaN)).isEqualTo(Double.NaN);
    }

    @ParameterizedTest
    @CsvSource(
            value = {
                "'  12  ', 12",
                "'0x1F', 31",
                "'0b11', 3",
                "'1e3', 1000",
                "'', 0",
                "'.5', 0.5",
                "'5.', 5",
                "'-Infinity', -Infinity",
                "'12px', NaN",
                "'-', NaN",
                "'1e', NaN",
                "'0x', NaN",
                "'1d', NaN",
                "'NaN', NaN",
                "'0x1p3', NaN",
            })
    void parsesStringsLikeTheNumberFunction(String text, double expected) {
        assertThat(Double.compare(JsNumbers.parse(text), expected))
                .as("Number('%s')", text)
                .isZero();
    }

    @Test
    void parsesPrefixesLikeParseIntAndParseFloat() {
        assertThat(JsNumbers.parseInt("  -42abc", 0)).isEqualTo(-42);
        assertThat(JsNumbers.parseInt("ff", 16)).isEqualTo(255);
        assertThat(JsNumbers.parseInt("12345678901234567890", 10)).isEqualTo(1.2345678901234567e19);
        assertThat(JsNumbers.parseFloat("3.14abc")).isEqualTo(3.14);
        assertThat(JsNumbers.parseFloat("-.5e2x")).isEqualTo(-50);
        assertThat(JsNumbers.parseFloat("abc")).isNaN();
    }
}
