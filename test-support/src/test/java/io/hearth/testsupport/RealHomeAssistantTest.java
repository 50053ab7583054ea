package io.hearth.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RealHomeAssistantTest {

    @Test
    void parsesHaEnvLinesAndDerivesHostAndPortFromTheUrl() {
        Map<String, String> env = HaTestEnvScript.parseEnv(List.of(
                "# comment", "", "HEARTH_HA_URL=https://127.0.0.1:18443", "HEARTH_HA_TOKEN=\"abc.def\"", "garbage"));
        assertThat(env)
                .containsEntry("HEARTH_HA_URL", "https://127.0.0.1:18443")
                .containsEntry("HEARTH_HA_TOKEN", "abc.def")
                .containsEntry("HEARTH_HA_HOST", "127.0.0.1")
                .containsEntry("HEARTH_HA_PORT", "18443")
                .doesNotContainKey("garbage");
    }

    @Test
    void keepsExplicitHostAndPort() {
        Map<String, String> env = HaTestEnvScript.parseEnv(
                List.of("HEARTH_HA_URL=http://localhost:8123/", "HEARTH_HA_HOST=127.0.0.1", "HEARTH_HA_PORT=9999"));
        assertThat(env).containsEntry("HEARTH_HA_HOST", "127.0.0.1").containsEntry("HEARTH_HA_PORT", "9999");
    }

    @Test
    void findsTheRepositoryRootWithTheHaScript() {
        assertThat(RepoRoot.path().resolve(".mvn")).isDirectory();
        assertThat(Files.isRegularFile(RepoRoot.path().resolve("scripts/ha/ha-test-env.sh")))
                .isTrue();
    }
}
