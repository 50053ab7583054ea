package io.hearth.nodes.email;

import io.hearth.node.NodeException;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.CredentialDescription;
import io.hearth.node.credential.CredentialTestResult;
import io.hearth.node.credential.CredentialType;
import io.hearth.node.credential.FieldError;
import io.hearth.node.description.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The SMTP credential ({@code smtp}), field-compatible with n8n's: {@code user}, {@code password}, {@code host},
 * {@code port} (465), {@code secure} ("SSL/TLS", on), {@code disableStartTls} (only with SSL/TLS off) and
 * {@code hostName} (the client host name said in EHLO). The Test button connects, upgrades to TLS and signs
 * in, then says QUIT; a failure names the reply code and text, or "connection refused" / "TLS handshake
 * failed" / "unknown host" when there was no reply. It verifies the server's certificate (n8n's test does too).
 */
public final class SmtpCredentialType implements CredentialType {

    public static final String NAME = "smtp";

    private static final CredentialDescription DESCRIPTION = new CredentialDescription(
            NAME,
            "SMTP",
            Parameter.all(
                    Parameter.string("user").displayName("User").description("Empty: send without signing in"),
                    Parameter.secret("password").displayName("Password"),
                    Parameter.string("host").displayName("Host").required().placeholder("smtp.example.com"),
                    Parameter.number("port", 1, 65535)
                            .displayName("Port")
                            .defaultValue(SmtpSettings.DEFAULT_PORT)
                            .description("465 with SSL/TLS on; 587 (or 25) with SSL/TLS off and STARTTLS"),
                    Parameter.bool("secure")
                            .displayName("SSL/TLS")
                            .defaultValue(true)
                            .description("TLS from the first byte (implicit TLS, usually port 465). Off: a plain "
                                    + "connection upgraded with STARTTLS when the server offers it"),
                    Parameter.bool("disableStartTls")
                            .displayName("Disable STARTTLS")
                            .defaultValue(false)
                            .description("Never upgrade the plain connection, even when the server offers STARTTLS")
                            .show("secure", false),
                    Parameter.string("hostName")
                            .displayName("Client Host Name")
                            .description("The hostname of the client, used for identifying to the server (EHLO)")),
            Optional.of("https://docs.n8n.io/integrations/builtin/credentials/sendemail/"),
            "fa:envelope");

    @Override
    public CredentialDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CredentialData normalize(CredentialData data) {
        return data.with("host", data.string("host").strip())
                .with("hostName", data.string("hostName").strip());
    }

    @Override
    public List<FieldError> validate(CredentialData data) {
        List<FieldError> errors = new ArrayList<>();
        String host = data.string("host").strip();
        if (host.isEmpty()) {
            errors.add(new FieldError("host", "Host is required"));
        } else if (host.contains("://") || host.contains("/") || host.chars().anyMatch(Character::isWhitespace)) {
            errors.add(new FieldError(
                    "host",
                    "Host must be a host name or address only, without smtp:// or a path (got '" + host + "')"));
        }
        Optional<Long> port = data.integer("port");
        if (data.get("port").isPresent() && (port.isEmpty() || port.get() < 1 || port.get() > 65535)) {
            errors.add(new FieldError("port", "Port must be a number from 1 to 65535"));
        }
        String hostName = data.string("hostName").strip();
        if (!hostName.isEmpty() && !hostName.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
            errors.add(
                    new FieldError("hostName", "Client Host Name must be a host name (letters, digits, dots, dashes)"));
        }
        return errors;
    }

    @Override
    public CompletionStage<CredentialTestResult> test(CredentialData data) {
        CredentialData normalized = normalize(data);
        List<FieldError> problems = validate(normalized);
        if (!problems.isEmpty()) {
            return CompletableFuture.completedFuture(CredentialTestResult.invalid(problems));
        }
        SmtpSettings settings = SmtpSettings.from(normalized, false, SmtpSettings.DEFAULT_TIMEOUT);
        // Connecting blocks: off the caller's (possibly event-loop) thread.
        return CompletableFuture.supplyAsync(
                () -> {
                    try (SmtpSession session = SmtpSession.open(settings)) {
                        return CredentialTestResult.ok("Connected to " + settings.host() + ":" + settings.port() + " ("
                                + session.security() + ")"
                                + (settings.signsIn() ? ", signed in as " + settings.user() : ", without signing in"));
                    } catch (NodeException e) {
                        return CredentialTestResult.failed(SmtpFailures.testMessage(settings, e));
                    }
                },
                BLOCKING);
    }

    /** The test connects and waits for replies: on a thread of its own, never the caller's event loop. */
    private static final java.util.concurrent.Executor BLOCKING =
            task -> Thread.ofVirtual().name("smtp-credential-test").start(task);
}
