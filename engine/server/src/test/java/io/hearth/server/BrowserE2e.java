package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.testsupport.RealHomeAssistant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one of the editor's browser tests (editor/e2e/*.mjs: playwright-core driving Debian's Chromium). */
final class BrowserE2e {

    private BrowserE2e() {}

    /**
     * Runs {@code script} from editor/ with {@code args} and {@code --out out}; fails with its log when
     * it does not pass within {@code minutes}. Returns the log.
     */
    static String run(String script, Path out, int minutes, List<String> args) throws Exception {
        assertThat(Path.of("/usr/bin/chromium"))
                .as("Debian's chromium (.ci/run installs it: apt-get install chromium)")
                .exists();
        Path editor = RealHomeAssistant.repoRoot().resolve("editor");
        assertThat(editor.resolve("node_modules/playwright-core"))
                .as("the editor build (npm ci) ran")
                .exists();
        Files.createDirectories(out);
        List<String> command = new ArrayList<>(List.of("node", script, "--out", out.toString()));
        command.addAll(args);
        Path log = out.resolve("e2e.log");
        Process p = new ProcessBuilder(command)
                .directory(editor.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean done = p.waitFor(minutes, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(done).as("the browser test finished in time:%n%s", output).isTrue();
        assertThat(p.exitValue()).as("the browser test passed:%n%s", output).isZero();
        assertThat(output).doesNotContain("FAILED");
        return output;
    }
}
