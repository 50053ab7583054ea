package io.hearth.uischema;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.common.Json;
import java.util.List;
import java.util.Map;

/** Navigating and comparing JSON-like values in tests. */
final class JsonAssertions {

    private JsonAssertions() {}

    /** The value at a {@code /}-separated path of keys and list indexes, e.g. {@code properties/limit/anyOf/0}. */
    static Object at(Object json, String path) {
        Object current = json;
        for (String segment : path.split("/", -1)) {
            if (current instanceof Map<?, ?> m) {
                assertThat(m.containsKey(segment))
                        .as("key '%s' of path %s", segment, path)
                        .isTrue();
                current = m.get(segment);
            } else if (current instanceof List<?> l) {
                current = l.get(Integer.parseInt(segment));
            } else {
                throw new AssertionError("no '" + segment + "' in " + Json.write(current) + " (path " + path + ")");
            }
        }
        return current;
    }

    /** The object at a path (see {@link #at}). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object json, String path) {
        return (Map<String, Object>) at(json, path);
    }

    /** Same JSON, key order included; numbers compare by their written form (1 == 1L == 1.0). */
    static void assertJson(Object actual, String expectedJson) {
        assertThat(Json.write(actual)).isEqualTo(Json.write(Json.parse(expectedJson)));
    }
}
