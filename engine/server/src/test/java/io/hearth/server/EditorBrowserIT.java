package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.testsupport.RealHomeAssistant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The editor in a real browser (Debian Chromium driven by playwright-core) against this server and
 * a real Home Assistant: credential form + Test, drag two nodes, connect, fill the forms with a live
 * entity dropdown, save, run, see the output, activate and call the production webhook.
 * The scenario lives in editor/e2e/editor.e2e.mjs; screenshots go to target/e2e.
 */
@Tag("browser")
@Tag("home-assistant")
class EditorBrowserIT extends ApiTestSupport {

    @Test
    void buildsRunsAndActivatesAHomeAssistantWorkflowInTheEditor() throws Exception {
        assertThat(Path.of("/usr/bin/chromium"))
                .as("Debian's chromium (.ci/run installs it: apt-get install chromium)")
                .exists();
        Path editor = RealHomeAssistant.repoRoot().resolve("editor");
        assertThat(editor.resolve("node_modules/playwright-core"))
                .as("the editor build (npm ci) ran")
                .exists();
        RealHomeAssistant ha = RealHomeAssistant.shared();
        Path out = Path.of("target/e2e").toAbsolutePath();
        Files.createDirectories(out);
        List<String> command = new ArrayList<>(List.of(
                "node",
                "e2e/editor.e2e.mjs",
                "--base-url",
                baseUrl(),
                "--ha-url",
                ha.url(),
                "--ha-host",
                ha.host(),
                "--ha-port",
                String.valueOf(ha.port()),
                "--ha-token",
                ha.token(),
                "--out",
                out.toString(),
                "--email",
                "owner@test.example",
                "--password",
                "owner-pass-123"));
        Path log = out.resolve("e2e.log");
        Process p = new ProcessBuilder(command)
                .directory(editor.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(done).as("the browser test finished in time:%n%s", output).isTrue();
        assertThat(p.exitValue()).as("the browser test passed:%n%s", output).isZero();
        assertThat(out.resolve("report.json")).exists();
        try (var shots = Files.list(out)) {
            assertThat(shots.filter(f -> f.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(10);
        }
    }
}
