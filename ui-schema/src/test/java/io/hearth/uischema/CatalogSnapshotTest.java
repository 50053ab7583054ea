package io.hearth.uischema;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The full schemas of the test descriptions, compared with reviewed files under
 * {@code src/test/resources/snapshots}. After an intended change, regenerate them with
 * {@code -Dsnapshots.update=true} and review the diff.
 */
class CatalogSnapshotTest {

    private static final Path DIR = Path.of("src/test/resources/snapshots");

    @Test
    void homeAssistantNodeSchemaMatchesSnapshot() throws IOException {
        assertSnapshot("homeAssistant.node.json", NodeSchemas.forNode(TestDescriptions.homeAssistant()));
    }

    @Test
    void switchNodeSchemaMatchesSnapshot() throws IOException {
        assertSnapshot("switch.node.json", NodeSchemas.forNode(TestDescriptions.switchNode()));
    }

    @Test
    void homeAssistantCredentialSchemaMatchesSnapshot() throws IOException {
        assertSnapshot(
                "homeAssistantApi.credential.json", NodeSchemas.forCredential(TestDescriptions.homeAssistantApi()));
    }

    private static void assertSnapshot(String name, Object schema) throws IOException {
        String actual = pretty(schema, "") + "\n";
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("snapshots.update")) {
            Files.createDirectories(DIR);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file)
                .as("snapshot %s (create it with -Dsnapshots.update=true)", file)
                .exists();
        assertThat(actual).as("snapshot %s", name).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Indented JSON; lists of plain values stay on one line so enums read well in diffs. */
    private static String pretty(Object value, String indent) {
        if (value instanceof Map<?, ?> m && !m.isEmpty()) {
            StringBuilder sb = new StringBuilder("{\n");
            String inner = indent + "  ";
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(inner)
                        .append(Json.write(String.valueOf(e.getKey())))
                        .append(": ")
                        .append(pretty(e.getValue(), inner))
                        .append(++i < m.size() ? ",\n" : "\n");
            }
            return sb.append(indent).append('}').toString();
        }
        if (value instanceof List<?> l && l.stream().anyMatch(v -> v instanceof Map || v instanceof List)) {
            StringBuilder sb = new StringBuilder("[\n");
            String inner = indent + "  ";
            for (int i = 0; i < l.size(); i++) {
                sb.append(inner).append(pretty(l.get(i), inner)).append(i + 1 < l.size() ? ",\n" : "\n");
            }
            return sb.append(indent).append(']').toString();
        }
        return Json.write(value).replace("\",\"", "\", \"");
    }
}
