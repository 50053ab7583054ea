package io.hearth.server;

import java.nio.file.Path;
import java.util.List;
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
        BrowserE2e.run(
                "e2e/authoring.e2e.mjs",
                Path.of("target/e2e-authoring").toAbsolutePath(),
                15,
                List.of("--base-url", baseUrl(), "--email", "owner@test.example", "--password", "owner-pass-123"));
    }
}
