package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.testsupport.RealHomeAssistant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        RealHomeAssistant ha = RealHomeAssistant.shared();
        Path out = Path.of("target/e2e").toAbsolutePath();
        BrowserE2e.run(
                "e2e/editor.e2e.mjs",
                out,
                10,
                List.of(
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
                        "--email",
                        "owner@test.example",
                        "--password",
                        "owner-pass-123"));
        assertThat(out.resolve("report.json")).exists();
        try (var shots = Files.list(out)) {
            assertThat(shots.filter(f -> f.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(10);
        }
    }
}
