package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.testsupport.RealHomeAssistant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Authoring in the editor as a person does it, in a real browser (Debian Chromium driven by
 * playwright-core) against this server: typing with human delays, dragging at zoom 1 and after Fit
 * view, stopping runs, saving unfinished work, leaving with unsaved changes. Each step of
 * editor/e2e/authoring.e2e.mjs pins one numbered problem of the editor issue; screenshots go to
 * target/e2e-authoring.
 */
@Tag("browser")
class EditorAuthoringBrowserIT extends ApiTestSupport {

    @Test
    void authorsRunsStopsAndSavesLikeAPerson() throws Exception {
        assertThat(Path.of("/usr/bin/chromium"))
                .as("Debian's chromium (.ci/run installs it: apt-get install chromium)")
                .exists();
        Path editor = RealHomeAssistant.repoRoot().resolve("editor");
        assertThat(editor.resolve("node_modules/playwright-core"))
                .as("the editor build (npm ci) ran")
                .exists();
        Path out = Path.of("target/e2e-authoring").toAbsolutePath();
        Files.createDirectories(out);
        List<String> command = List.of(
                "node",
                "e2e/authoring.e2e.mjs",
                "--base-url",
                baseUrl(),
                "--out",
                out.toString(),
                "--email",
                "owner@test.example",
                "--password",
                "owner-pass-123");
        Path log = out.resolve("e2e.log");
        Process p = new ProcessBuilder(command)
                .directory(editor.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean done = p.waitFor(15, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(done).as("the browser test finished in time:%n%s", output).isTrue();
        assertThat(p.exitValue()).as("the browser test passed:%n%s", output).isZero();
        assertThat(output).doesNotContain("FAILED");
    }
}
