package io.hearth.uischema;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.common.Json;
import io.hearth.node.description.Condition;
import io.hearth.node.description.DisplayOptions;
import io.hearth.node.description.Parameter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared visibility vectors ({@code visibility-vectors.json}), which the editor's
 * {@code visibilityVectors.test.ts} runs too: the Java rules and the editor's copy decide alike.
 */
class VisibilityVectorsTest {

    @SuppressWarnings("unchecked")
    static Stream<Map<String, Object>> vectors() throws IOException {
        try (InputStream in = VisibilityVectorsTest.class.getResourceAsStream("/visibility-vectors.json")) {
            Map<String, Object> root =
                    (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return ((List<Map<String, Object>>) root.get("vectors")).stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    @SuppressWarnings("unchecked")
    void decidesAsTheSharedVectorSays(Map<String, Object> vector) {
        List<Parameter> fields = new ArrayList<>();
        for (Map<String, Object> f : (List<Map<String, Object>>) vector.get("fields")) {
            fields.add(Parameter.string(String.valueOf(f.get("name")))
                    .defaultValue(f.get("default"))
                    .displayOptions(displayOptions((Map<String, Object>) f.get("displayOptions")))
                    .build());
        }
        Object version = vector.get("version");
        Scope scope = Scope.root(
                (Map<String, Object>) vector.get("values"),
                fields,
                version instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty());
        Set<String> visible = new LinkedHashSet<>();
        for (Parameter p : fields) {
            if (scope.isVisible(p)) {
                visible.add(p.name());
            }
        }
        assertThat(new ArrayList<>(visible))
                .as(String.valueOf(vector.get("name")))
                .isEqualTo(vector.get("visible"));
    }

    /** n8n's wire form: {@code {"show": {"key": [value | {"_cnd": {"op": operand}}]}, "hide": {...}}}. */
    @SuppressWarnings("unchecked")
    private static DisplayOptions displayOptions(Map<String, Object> wire) {
        DisplayOptions out = DisplayOptions.ALWAYS;
        if (wire == null) {
            return out;
        }
        for (String kind : List.of("show", "hide")) {
            if (wire.get(kind) instanceof Map<?, ?> keys) {
                for (Map.Entry<?, ?> e : keys.entrySet()) {
                    Object[] values = ((List<Object>) e.getValue())
                            .stream()
                                    .map(v -> v instanceof Map<?, ?> m && m.get("_cnd") instanceof Map<?, ?> c
                                            ? (Object) condition((Map<String, Object>) c)
                                            : v)
                                    .toArray();
                    out = kind.equals("show")
                            ? out.andShow(String.valueOf(e.getKey()), values)
                            : out.andHide(String.valueOf(e.getKey()), values);
                }
            }
        }
        return out;
    }

    private static Condition condition(Map<String, Object> cnd) {
        Map.Entry<String, Object> e = cnd.entrySet().iterator().next();
        return Condition.of(Condition.Operator.fromWireName(e.getKey()), e.getValue());
    }
}
