package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.testsupport.RepoRoot;
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
        Attempt first = attempt(script, out, minutes, args);
        if (first.passed()) {
            return first.output();
        }
        // A safety net, not a pass: the drags that connected nothing (React Flow losing a new node's handles) and the
        // clicks that missed (an animated fit of the view moving the nodes) were found and fixed in the editor, and
        // editor/e2e/drag-stress.mjs reproduces the former; what still makes a run fail now and then is a request
        // the loaded test server answers late (a page left "Loading nodes…"). The whole test runs once more, into
        // out/retry, and must pass then; the failed attempt's log and screenshots stay in out, and its log is printed.
        System.err.printf("The browser test %s failed; running it once more. Its log:%n%s%n", script, first.output());
        Attempt second = attempt(script, out.resolve("retry"), minutes, args);
        assertThat(second.finished())
                .as("the browser test finished in time:%n%s", second.output())
                .isTrue();
        assertThat(second.passed())
                .as("the browser test passed:%n%s", second.output())
                .isTrue();
        return second.output();
    }

    private record Attempt(boolean finished, boolean passed, String output) {}

    private static Attempt attempt(String script, Path out, int minutes, List<String> args) throws Exception {
        assertThat(Path.of("/usr/bin/chromium"))
                .as("Debian's chromium (.ci/run installs it: apt-get install chromium)")
                .exists();
        Path editor = RepoRoot.path().resolve("editor");
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
        return new Attempt(done, done && p.exitValue() == 0 && !output.contains("FAILED"), output);
    }
}
