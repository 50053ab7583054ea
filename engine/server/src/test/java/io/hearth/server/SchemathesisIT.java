package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.testsupport.RepoRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Schemathesis (PyPI; installed by scripts/schemathesis/install.sh, as .ci/run does) generates requests from the
 * server's own OpenAPI document — valid and invalid ones — for a bounded number of examples per operation, and
 * checks that no answer is a 5xx and every status code is one the document lists.
 */
class SchemathesisIT extends ApiTestSupport {

    private static final int EXAMPLES_PER_OPERATION = 10;

    @Test
    void theApiAnswersGeneratedRequestsAsDocumentedAndNeverWith5xx() throws Exception {
        Path root = RepoRoot.path();
        Path out = root.resolve("engine/server/target/schemathesis");
        Files.createDirectories(out);
        String st = run(
                        List.of(
                                "bash",
                                root.resolve("scripts/schemathesis/install.sh").toString()),
                        root,
                        out.resolve("install.log"),
                        15)
                .strip()
                .lines()
                .reduce((a, b) -> b)
                .orElseThrow();

        // The document is built on its first request (LazyApiDocs), which on a loaded machine can outlast
        // schemathesis's fixed 10 s timeout for loading the schema: ask for it once first.
        anonymous.get().uri("/v3/api-docs").exchange().expectStatus().isOk();

        List<String> command = new ArrayList<>(List.of(
                st,
                "run",
                baseUrl() + "/v3/api-docs",
                "--header",
                "X-Hearth-Api-Key: " + apiKey(),
                "--checks",
                "not_a_server_error,status_code_conformance",
                // the coverage phase's case count grows with the schema, not with --max-examples
                "--phases",
                "examples,fuzzing",
                "--max-examples",
                String.valueOf(EXAMPLES_PER_OPERATION),
                "--seed",
                "13",
                "--workers",
                "1",
                // a shared CI machine can be slow; a request that gets no answer at all still fails the run
                "--request-timeout",
                "180",
                "--suppress-health-check",
                "all",
                // key rotation re-encrypts every credential of the shared test server, and deleting an API key by
                // id deleted the key the other tests of this server use (all later answered 401): both have their
                // own tests. (A second server in this JVM was tried instead: after it closed, requests to the shared
                // server hung now and then; not yet explained.)
                "--exclude-path-regex",
                "rotate-encryption-key|/api-keys/",
                "--report",
                "junit",
                "--report-dir",
                out.toString()));
        Path log = out.resolve("schemathesis.log");
        int exit = runForExit(command, out, log, 20);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(exit).as("schemathesis failed:\n%s", tail(output)).isZero();
        assertThat(output).doesNotContain("Server error");
    }

    private static String tail(String s) {
        return s.length() > 20_000 ? s.substring(s.length() - 20_000) : s;
    }

    private static String run(List<String> command, Path dir, Path log, int minutes) throws Exception {
        int exit = runForExit(command, dir, log, minutes);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + exit + "):\n" + tail(output));
        }
        return output;
    }

    private static int runForExit(List<String> command, Path dir, Path log, int minutes) throws Exception {
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(command.getFirst() + " did not finish within " + minutes + " min");
        }
        return p.exitValue();
    }
}
