package io.hearth.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.credential.CredentialData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {

    static final String TOKEN = "abc+def/ghi jkl&mno=pqr";
    final SecretRedactor redactor = SecretRedactor.of(TOKEN);

    @Test
    void replacesTheSecretEverywhereInAText() {
        assertThat(redactor.redact("a " + TOKEN + " b " + TOKEN)).isEqualTo("a ****** b ******");
    }

    @Test
    void replacesTheUrlEncodedForms() {
        String form = URLEncoder.encode(TOKEN, StandardCharsets.UTF_8);

        assertThat(redactor.redact("GET /api?token=" + form + "&x=1")).isEqualTo("GET /api?token=******&x=1");
        assertThat(redactor.redact("t=" + form.replace("+", "%20"))).isEqualTo("t=******");
        // TOKEN's letters are all lower case, so this only lowers the hex digits: %2B -> %2b
        assertThat(redactor.redact("t=" + form.toLowerCase(java.util.Locale.ROOT)))
                .isEqualTo("t=******");
    }

    @Test
    void replacesTheBase64FormsStandardAndUrlSafe() {
        byte[] bytes = TOKEN.getBytes(StandardCharsets.UTF_8);

        assertThat(redactor.redact("x " + Base64.getEncoder().encodeToString(bytes) + " y"))
                .isEqualTo("x ****** y");
        assertThat(redactor.redact(
                        "x " + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + " y"))
                .isEqualTo("x ****** y");
    }

    @Test
    void replacesTheSecretInsideALongerBase64TextAtAnyAlignment() {
        for (String user : List.of("u", "us", "usr")) {
            String header = "Authorization: Basic "
                    + Base64.getEncoder().encodeToString((user + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));

            String redacted = redactor.redact(header);

            assertThat(redacted).contains("******");
            String leftover = redacted.substring(redacted.indexOf("Basic ") + 6).replace("******", "");
            assertThat(leftover.length())
                    .as("at most the characters mixing user and secret bits remain")
                    .isLessThanOrEqualTo(user.length() * 4 / 3 + 6);
        }
    }

    @Test
    void replacesTheJsonEscapedForm() {
        SecretRedactor quoted = SecretRedactor.of("pa\"ss\\word");

        assertThat(quoted.redact("{\"password\":\"pa\\\"ss\\\\word\"}")).isEqualTo("{\"password\":\"******\"}");
    }

    @Test
    void overlappingSecretsBecomeOneMask() {
        SecretRedactor two = SecretRedactor.of("abcdef", "defghi");

        assertThat(two.redact("xx abcdefghi yy")).isEqualTo("xx ****** yy");
    }

    @Test
    void textWithoutSecretsComesBackAsTheSameInstance() {
        String text = "nothing to see here, just a log line with abc and def";

        assertThat(redactor.redact(text)).isSameAs(text);
        assertThat(SecretRedactor.none().redact(text)).isSameAs(text);
    }

    @Test
    void emptyAndVeryShortSecretsAreIgnored() {
        SecretRedactor shortOnes = SecretRedactor.of("", "a", "ab");

        assertThat(shortOnes.isEmpty()).isTrue();
        assertThat(shortOnes.redact("a banana at the abbey")).isEqualTo("a banana at the abbey");
    }

    @Test
    void secretAtTheVeryStartAndEnd() {
        assertThat(redactor.redact(TOKEN)).isEqualTo("******");
        assertThat(redactor.redact(TOKEN + TOKEN)).isEqualTo("************");
    }

    @Test
    void redactsAThrowableChainIntoANewException() {
        IOException root = new IOException("connect to https://ha.local?token=" + TOKEN + " failed");
        IllegalStateException top = new IllegalStateException("call with " + TOKEN, new UncheckedIOException(root));
        top.addSuppressed(new RuntimeException("suppressed " + TOKEN));

        RedactedException copy = redactor.redact(top);

        assertThat(copy.getMessage()).isEqualTo("call with ******");
        assertThat(copy.originalType()).isEqualTo(IllegalStateException.class.getName());
        assertThat(copy.toString()).startsWith("java.lang.IllegalStateException: call with ******");
        assertThat(copy.getStackTrace()).isEqualTo(top.getStackTrace());
        assertThat(copy.getCause()).isInstanceOf(RedactedException.class);
        assertThat(((RedactedException) copy.getCause()).originalType())
                .isEqualTo(UncheckedIOException.class.getName());
        assertThat(copy.getCause().getCause().getMessage())
                .isEqualTo("connect to https://ha.local?token=****** failed");
        assertThat(copy.getSuppressed())
                .singleElement()
                .satisfies(s -> assertThat(s.getMessage()).isEqualTo("suppressed ******"));
        assertThat(stackTraceText(copy)).doesNotContain(TOKEN);
    }

    @Test
    void describesAThrowableChainAsOneLine() {
        Exception e = new IllegalStateException("outer " + TOKEN, new IOException("inner " + TOKEN));

        assertThat(redactor.describe(e))
                .isEqualTo(
                        "java.lang.IllegalStateException: outer ******; caused by java.io.IOException: inner ******");
    }

    @Test
    void survivesACauseCycle() {
        RuntimeException a = new RuntimeException("a " + TOKEN);
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        assertThat(redactor.redact(a).getCause().getCause()).isNotNull();
        assertThat(redactor.describe(a)).doesNotContain(TOKEN);
    }

    @Test
    void redactsJsonLikeExecutionData() {
        Object data = Map.of("headers", Map.of("authorization", "Bearer " + TOKEN), "list", List.of(TOKEN, 42));

        assertThat(redactor.redactValue(data))
                .isEqualTo(Map.of("headers", Map.of("authorization", "Bearer ******"), "list", List.of("******", 42)));
    }

    @Test
    void isBuiltFromTheSecretValuesOfCredentials() {
        CredentialData data = new CredentialData(
                "testApi",
                Map.of("host", "ha.local", "accessToken", "the-token", "clientSecret", "the-client-secret"),
                Set.of("accessToken", "clientSecret"));

        SecretRedactor forData = SecretRedactor.forCredentials(List.of(data));

        assertThat(forData.redact("ha.local the-token the-client-secret")).isEqualTo("ha.local ****** ******");
        assertThat(forData.with(List.of("more-secret")).redact("the-token more-secret"))
                .isEqualTo("****** ******");
    }

    @Test
    void toStringRevealsNothing() {
        assertThat(redactor.toString()).doesNotContain(TOKEN).doesNotContain("abc");
    }

    private static String stackTraceText(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
