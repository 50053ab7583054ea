package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.testsupport.RealHomeAssistant;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * "Sign in with Home Assistant" in Debian's Chromium: the editor's credential form opens Home Assistant's
 * real login page (its frontend's {@code /auth/authorize}), the test signs in there as a person would, Home
 * Assistant sends the browser back to this server's callback, and the form shows the credential signed in;
 * Test and Disconnect follow. The scenario lives in editor/e2e/signin.e2e.mjs; screenshots go to
 * target/e2e-signin.
 */
@Tag("browser")
@Tag("home-assistant")
class HomeAssistantSignInBrowserIT extends ApiTestSupport {

    @Test
    void signsInOnHomeAssistantsOwnPage() throws Exception {
        RealHomeAssistant ha = RealHomeAssistant.shared();
        Path out = Path.of("target/e2e-signin").toAbsolutePath();
        String log = BrowserE2e.run(
                "e2e/signin.e2e.mjs",
                out,
                10,
                List.of(
                        "--base-url",
                        baseUrl(),
                        "--ha-host",
                        ha.host(),
                        "--ha-port",
                        String.valueOf(ha.port()),
                        "--ha-username",
                        ha.environment().get("HEARTH_HA_OWNER_USERNAME"),
                        "--ha-password",
                        ha.environment().get("HEARTH_HA_OWNER_PASSWORD"),
                        "--email",
                        "owner@test.example",
                        "--password",
                        "owner-pass-123"));
        assertThat(log).contains("7 passed, 0 failed");
        assertThat(out.resolve("ha-login-page.png")).exists();
    }
}
