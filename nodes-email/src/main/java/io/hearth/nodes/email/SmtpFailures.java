package io.hearth.nodes.email;

import io.hearth.node.NodeException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * SMTP failures as sentences a user can act on: the server's reply code and text when it answered (a refused
 * sign-in, sender, recipient or message), otherwise what happened before any reply (connection refused,
 * unknown host, no answer, TLS handshake failed) with what usually fixes it.
 */
final class SmtpFailures {

    private SmtpFailures() {}

    /** While connecting, upgrading to TLS and signing in. */
    static NodeException connect(SmtpSettings settings, Exception e) {
        String where = settings.host() + ":" + settings.port();
        Optional<SSLException> tls = cause(e, SSLException.class);
        if (tls.isPresent()) {
            return new NodeException(tlsMessage(settings, tls.get()), e);
        }
        if (cause(e, ConnectException.class).isPresent()) {
            return new NodeException(
                    "Connection refused by " + where + ": no SMTP server listens there",
                    "Check host and port (465 with SSL/TLS on; 587 or 25 with SSL/TLS off).",
                    e);
        }
        if (cause(e, UnknownHostException.class).isPresent()) {
            return new NodeException("Unknown host '" + settings.host() + "': the name does not resolve", e);
        }
        if (cause(e, SocketTimeoutException.class).isPresent()) {
            return new NodeException(
                    "No answer from " + where + " within " + settings.timeout().toSeconds() + " s"
                            + (settings.secure()
                                    ? ""
                                    : ": if the server expects TLS from the first byte (usually port 465), turn SSL/TLS on"),
                    e);
        }
        if (e instanceof AuthenticationFailedException) {
            String reply = replyText(e.getMessage());
            return new NodeException(
                    reply.matches("^[45]\\d\\d.*")
                            ? "Authentication failed: " + where + " answered " + reply
                            : "Authentication failed at " + where + ": " + reply,
                    "Check the credential's user and password.",
                    e);
        }
        return new NodeException("Could not connect to the SMTP server at " + where + ": " + describe(e), e);
    }

    /** While sending one message. */
    static NodeException send(SmtpSettings settings, Exception e) {
        List<String> refusals = new ArrayList<>();
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            switch (x) {
                case SMTPAddressFailedException a ->
                    refusals.add(
                            "recipient " + a.getAddress() + " refused: " + reply(a.getReturnCode(), a.getMessage()));
                case SMTPSenderFailedException s ->
                    refusals.add("sender " + s.getAddress() + " refused: " + reply(s.getReturnCode(), s.getMessage()));
                case SMTPSendFailedException f
                when f.getReturnCode() > 0 ->
                    refusals.add("message refused: " + reply(f.getReturnCode(), f.getMessage()));
                default -> {}
            }
        }
        if (!refusals.isEmpty()) {
            String text = String.join("; ", refusals.stream().distinct().toList());
            return new NodeException("The SMTP server " + settings.host() + " did not accept the email: " + text, e);
        }
        if (cause(e, SSLException.class).isPresent()
                || cause(e, ConnectException.class).isPresent()) {
            return connect(settings, e);
        }
        return new NodeException("Sending the email failed: " + describe(e), e);
    }

    /** The test button's sentence for a failure while connecting. */
    static String testMessage(SmtpSettings settings, NodeException e) {
        return e.getMessage() + e.description().map(d -> ". " + d).orElse("");
    }

    private static String tlsMessage(SmtpSettings settings, SSLException e) {
        String where = settings.host() + ":" + settings.port();
        String reason = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
        String hint;
        if (reason.contains("Unsupported or unrecognized SSL message") || reason.contains("plaintext")) {
            hint = ": the server does not speak TLS on this port; turn SSL/TLS off (ports 587 and 25 use STARTTLS)";
        } else if (e instanceof SSLHandshakeException
                && (reason.contains("PKIX") || reason.contains("certificat") || reason.contains("No subject"))) {
            hint = ": the server's certificate is not trusted (self-signed, another host name or an unknown CA); "
                    + "turn on the node's option 'Ignore SSL Issues (Insecure)' only if you trust this server";
        } else {
            hint = "";
        }
        return "TLS handshake failed with " + where + " (" + reason + ")" + hint;
    }

    /** "550 5.1.1 text" from a reply code and Angus's message (which usually starts with the code). */
    static String reply(int code, String message) {
        String text = replyText(message);
        return text.startsWith(Integer.toString(code)) ? text : code + " " + text;
    }

    private static String replyText(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\n\\s*", " ");
    }

    // identity is the test: a cause chain ends at a Throwable that is its own cause
    @SuppressWarnings("ReferenceEquality")
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : replyText(e.getMessage());
        return root == e || root.getMessage() == null ? message : message + " (" + root.getMessage() + ")";
    }

    // identity is the test: a cause chain ends at a Throwable that is its own cause
    @SuppressWarnings("ReferenceEquality")
    private static <T extends Throwable> Optional<T> cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
            if (t instanceof MessagingException m
                    && m.getNextException() != null
                    && m.getNextException() != t.getCause()) {
                Optional<T> nested = cause(m.getNextException(), type);
                if (nested.isPresent()) {
                    return nested;
                }
            }
        }
        return Optional.empty();
    }
}
