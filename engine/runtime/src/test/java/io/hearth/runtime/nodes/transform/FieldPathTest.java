package io.hearth.runtime.nodes.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.expression.Undefined;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldPathTest {

    @Test
    void parsesLodashPaths() {
        assertThat(FieldPath.parse("a.b[0]['c.d'].e")).containsExactly("a", "b", "0", "c.d", "e");
        assertThat(FieldPath.parse("list.1.name")).containsExactly("list", "1", "name");
        assertThat(FieldPath.parse("[\"x y\"]")).containsExactly("x y");
        assertThat(FieldPath.parse(".a")).containsExactly("", "a");
    }

    @Test
    void readsNestedValuesAndTellsMissingFromNull() {
        Map<String, Object> json =
                Map.of("a", Map.of("b", List.of(10, 20)), "n", java.util.Collections.singletonMap("x", null));
        assertThat(FieldPath.get(json, "a.b[1]")).isEqualTo(20);
        assertThat(FieldPath.get(json, "a.b.0")).isEqualTo(10);
        assertThat(FieldPath.get(json, "a.c")).isSameAs(Undefined.INSTANCE);
        assertThat(FieldPath.get(json, "n.x")).isNull();
        assertThat(FieldPath.get(json, "a.b", true)).isSameAs(Undefined.INSTANCE);
    }

    @Test
    void aKeyWithADotIsReadAsItIs() {
        assertThat(FieldPath.get(Map.of("a.b", 1), "a.b")).isEqualTo(1);
    }

    @Test
    void writesCopyContainersSoInputsStayUntouched() {
        Map<String, Object> nested = new LinkedHashMap<>(Map.of("city", "Utrecht"));
        Map<String, Object> input = new LinkedHashMap<>(Map.of("address", nested));
        Map<String, Object> out = new LinkedHashMap<>(input);
        FieldPath.set(out, "address.zip", "3511");
        FieldPath.set(out, "tags[1]", "b");
        FieldPath.unset(out, "address.city", false);
        assertThat(out).isEqualTo(Map.of("address", Map.of("zip", "3511"), "tags", java.util.Arrays.asList(null, "b")));
        assertThat(nested).isEqualTo(Map.of("city", "Utrecht"));
    }
}
