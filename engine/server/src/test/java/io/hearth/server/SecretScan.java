package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/** Looks for secrets (as they are, base64- and URL-encoded) in the database files, the log and API answers. */
final class SecretScan {

    private SecretScan() {}

    static List<String> forms(String secret) {
        return List.of(
                secret,
                Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)),
                java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8));
    }

    /** Fails naming the place and the form when a secret shows anywhere. */
    static void assertNowhere(List<String> secrets, List<String> answers, String log, Path dataDir) {
        String allAnswers = String.join("\n", answers);
        for (String secret : secrets) {
            for (String form : forms(secret)) {
                assertThat(allAnswers).as("API answers hold %s", form).doesNotContain(form);
                assertThat(log).as("the log holds %s", form).doesNotContain(form);
                try (Stream<Path> files = Files.walk(dataDir)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        byte[] bytes = Files.readAllBytes(f);
                        assertThat(CredentialApiTest.indexOf(bytes, form.getBytes(StandardCharsets.UTF_8)))
                                .as("%s holds %s", f, form)
                                .isEqualTo(-1);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
