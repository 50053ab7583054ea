package io.hearth.node.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MiniJsonTest {

    @Test
    @SuppressWarnings("unchecked")
    void readsWholeNumbersAsLongAndOthersAsDoubleAsTheEngineDoes() {
        Object parsed = MiniJson.parse("[0, -0, 7, -42, 255, 9223372036854775807, -9223372036854775808,"
                + " 9223372036854775808, 1.5, -0.25, 30.0, 1e3, 2E-2, 6.02e+23]");

        assertThat((List<Object>) parsed)
                .containsExactly(
                        0L,
                        0L,
                        7L,
                        -42L,
                        255L,
                        Long.MAX_VALUE,
                        Long.MIN_VALUE,
                        new BigInteger("9223372036854775808"),
                        1.5,
                        -0.25,
                        30.0,
                        1000.0,
                        0.02,
                        6.02e23);
    }

    @Test
    void refusesNumbersJsonDoesNotAllowNamingThem() {
        for (String bad : List.of("01", "-", "1.", "1e", "1e+", "-01.5", "-.5")) {
            assertThatThrownBy(() -> MiniJson.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bad number");
        }
        assertThatThrownBy(() -> MiniJson.parse("+1")).hasMessageContaining("unexpected character '+'");
        assertThatThrownBy(() -> MiniJson.parse(".5")).hasMessageContaining("unexpected character '.'");
        assertThatThrownBy(() -> MiniJson.parse("[1-2]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsStringsWithAndWithoutEscapes() {
        Object parsed = MiniJson.parse("{\"plain\": \"light.kitchen\", \"empty\": \"\","
                + " \"escaped\": \"a\\\"b\\\\c\\/d\\n\\t\\u00e9\", \"tail\": \"x\\u0041\"}");

        assertThat(parsed)
                .isEqualTo(Map.of("plain", "light.kitchen", "empty", "", "escaped", "a\"b\\c/d\n\té", "tail", "xA"));
        assertThatThrownBy(() -> MiniJson.parse("\"open")).hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> MiniJson.parse("\"a\\q\"")).hasMessageContaining("bad escape");
    }

    @Test
    @SuppressWarnings("unchecked")
    void keepsTheOrderOfPropertiesAndReadsLiterals() {
        Object parsed = MiniJson.parse(" {\"b\": true, \"a\": [null, false], \"c\": {}} ");

        assertThat(((Map<String, Object>) parsed).keySet()).containsExactly("b", "a", "c");
        assertThat(((Map<?, ?>) parsed).get("a")).isEqualTo(Arrays.asList(null, false));
        assertThatThrownBy(() -> MiniJson.parse("{\"a\": 1} x")).hasMessageContaining("after the JSON value");
    }

    @Test
    void writesWhatItReadsBack() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("id", 17L);
        value.put("brightness", 180);
        value.put("hs_color", List.of(30.5, 40.0));
        value.put("price", new BigDecimal("1.10"));
        value.put("name", "Küche \"A\"\n");
        value.put("nothing", null);
        value.put("on", true);

        String text = MiniJson.write(value);

        assertThat(text)
                .isEqualTo("{\"id\":17,\"brightness\":180,\"hs_color\":[30.5,40],\"price\":1.10,"
                        + "\"name\":\"Küche \\\"A\\\"\\n\",\"nothing\":null,\"on\":true}");
        Map<String, Object> readBack = new LinkedHashMap<>(value);
        readBack.put("brightness", 180L);
        readBack.put("hs_color", List.of(30.5, 40L));
        readBack.put("price", 1.1);
        assertThat(MiniJson.parse(text)).isEqualTo(readBack);
    }
}
