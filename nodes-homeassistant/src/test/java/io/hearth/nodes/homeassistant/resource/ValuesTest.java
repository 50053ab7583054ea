package io.hearth.nodes.homeassistant.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void typesValuesTheWayUsersMeanThem() {
        assertThat(Values.typed("120")).isEqualTo(120);
        assertThat(Values.typed("-1.5")).isEqualTo(-1.5);
        assertThat(Values.typed("true")).isEqualTo(true);
        assertThat(Values.typed(" false ")).isEqualTo(false);
        assertThat(Values.typed("null")).isNull();
        assertThat(Values.typed("[255, 0, 0]")).isEqualTo(List.of(255, 0, 0));
        assertThat(Values.typed("{\"a\": 1}")).isEqualTo(Map.of("a", 1));
        assertThat(Values.typed("01234")).isEqualTo("01234");
        assertThat(Values.typed("1.2.3")).isEqualTo("1.2.3");
        assertThat(Values.typed("[not json")).isEqualTo("[not json");
        assertThat(Values.typed("{broken}")).isEqualTo("{broken}");
        assertThat(Values.typed("hello")).isEqualTo("hello");
        assertThat(Values.typed(7)).isEqualTo(7);
    }

    @Test
    void parsesDateTimes() {
        ZoneId amsterdam = ZoneId.of("Europe/Amsterdam");
        assertThat(dt("2024-03-01T08:00:00Z", amsterdam)).isEqualTo("2024-03-01T08:00:00.000000+00:00");
        assertThat(dt("2024-03-01T08:00:00+01:00", amsterdam)).isEqualTo("2024-03-01T08:00:00.000000+01:00");
        assertThat(dt("2024-03-01T08:00", amsterdam)).isEqualTo("2024-03-01T08:00:00.000000+01:00");
        assertThat(dt("2024-07-01", amsterdam)).isEqualTo("2024-07-01T00:00:00.000000+02:00");
        assertThat(dt("2024-03-01T08:00:00.123Z[UTC]", amsterdam))
                .isEqualTo("2024-03-01T08:00:00.123000Z".replace("Z", "+00:00"));
        Map<String, Object> epoch = new HashMap<>();
        epoch.put("t", 0L);
        assertThat(Values.dateTime(ParameterValues.of(epoch), "t", amsterdam))
                .hasValue("1970-01-01T00:00:00.000000+00:00");
        assertThat(Values.dateTime(ParameterValues.of(Map.of("t", "")), "t", amsterdam))
                .isEmpty();
        assertThatThrownBy(() -> dt("yesterday", amsterdam))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("'t'");
    }

    @Test
    void readsIdListsInEveryForm() {
        assertThat(Values.ids(ParameterValues.of(Map.of("x", List.of("a.b", "c.d"))), "x"))
                .containsExactly("a.b", "c.d");
        assertThat(Values.ids(ParameterValues.of(Map.of("x", "a.b, c.d,,a.b")), "x"))
                .containsExactly("a.b", "c.d");
        assertThat(Values.ids(ParameterValues.of(Map.of("x", "[\"a.b\"]")), "x"))
                .containsExactly("a.b");
        assertThat(Values.ids(ParameterValues.of(Map.of()), "x")).isEmpty();
    }

    private static String dt(String text, ZoneId zone) {
        return Values.dateTime(ParameterValues.of(Map.of("t", text)), "t", zone).orElseThrow();
    }
}
