package io.hearth.nodes.homeassistant.client;

import io.hearth.node.NodeApiException;
import io.hearth.node.NodeException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.handler.timeout.WriteTimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Turns Home Assistant's answers and transport failures into {@link NodeApiException}s whose
 * message names the operation and says what went wrong in a user's terms. The HTTP status is kept
 * (0 when no answer arrived). Messages never contain the access token: they are built from the
 * operation, host, status and HA's own error text only.
 */
public final class HomeAssistantErrors {

    private HomeAssistantErrors() {}

    /** A non-2xx answer. */
    public static NodeApiException forStatus(HaRequest request, int status, String body) {
        String op = request.operation();
        String haMessage = haMessage(body).orElse("");
        String suffix = haMessage.isEmpty() ? "" : ": " + haMessage;
        return switch (status) {
            case 400 ->
                new NodeApiException(
                        op + " failed: Home Assistant rejected the request (400)"
                                + (haMessage.isEmpty() ? "" : ": " + haMessage),
                        400,
                        "Check the parameters (domain, service, data) against what Home Assistant expects.",
                        null);
            case 401 ->
                new NodeApiException(
                        op + " failed: access token rejected (401)"
                                + (request.adminOnly() ? ", or the token's user is not an administrator" : ""),
                        401,
                        "Home Assistant did not accept the access token, or the user needs administrator rights for this. "
                                + "Create a long-lived access token on your Home Assistant profile page (Security tab) "
                                + "and update the credential.",
                        null);
            case 403 ->
                new NodeApiException(
                        op + " failed: not allowed for this user (403)" + suffix,
                        403,
                        "The token's user lacks the permission for this action (some need an administrator), "
                                + "or Home Assistant banned this client's IP address after failed logins.",
                        null);
            case 404 ->
                new NodeApiException(
                        op + " failed: "
                                + request.subject().map(s -> "unknown " + s).orElse("not found") + " (404)" + suffix,
                        404,
                        "Check the id: it must exist in Home Assistant (Settings > Devices & services > Entities).",
                        null);
            case 405 ->
                new NodeApiException(
                        op + " failed: method not allowed (405)" + suffix,
                        405,
                        "Home Assistant does not support this call on this path.",
                        null);
            default ->
                new NodeApiException(
                        op + " failed: Home Assistant answered " + status + suffix,
                        status,
                        status >= 500
                                ? "Home Assistant had an internal error; its log (Settings > System > Logs) says more."
                                : null,
                        null);
        };
    }

    /**
     * A failed WebSocket command result ({@code {"success": false, "error": {code, message}}}), with HA's
     * error code mapped to an HTTP-like status: {@code unauthorized} 403, {@code not_found} 404, format and
     * validation errors 400.
     */
    public static NodeApiException forCommand(String operation, HaWebSocketProtocol.Message m) {
        String code = m.errorCode();
        String message = m.errorMessage();
        String text = message.isBlank() ? code : message;
        return switch (code) {
            case "unauthorized" ->
                new NodeApiException(
                        operation + " failed: not allowed for this user (403): " + text,
                        403,
                        "The token's user lacks the permission for this command (it may need an administrator).",
                        null);
            case "not_found" -> new NodeApiException(operation + " failed: not found (404): " + text, 404);
            case "invalid_format",
                    "service_validation_error",
                    "home_assistant_error",
                    "not_supported",
                    "template_error" ->
                new NodeApiException(operation + " failed: Home Assistant rejected the request (400): " + text, 400);
            case "timeout" -> new NodeApiException(operation + " failed: Home Assistant timed out: " + text, 0);
            default -> new NodeApiException(operation + " failed: " + code + ": " + text, 500);
        };
    }

    /** A failure without an answer: refused connection, unknown host, TLS, timeout, closed connection. */
    public static NodeException forTransport(String operation, HaConnectionSettings settings, Throwable error) {
        if (error instanceof NodeException ne) {
            return ne;
        }
        String where = settings.hostAndPort();
        Throwable tls = find(error, SSLException.class, NotSslRecordException.class, CertificateException.class);
        if (tls != null) {
            return tlsFailure(operation, settings, tls, error);
        }
        if (find(error, UnknownHostException.class) != null) {
            return new NodeApiException(
                    operation + " failed: unknown host '" + settings.host() + "'",
                    0,
                    "The host name could not be resolved (DNS). Check the spelling, or use the IP address.",
                    error);
        }
        if (find(error, ConnectTimeoutException.class) != null) {
            return new NodeApiException(
                    operation + " failed: timed out connecting to " + where,
                    0,
                    "Nothing answered at " + where + ". Check the host, the port and the network/firewall.",
                    error);
        }
        if (find(error, ConnectException.class) != null || find(error, NoRouteToHostException.class) != null) {
            return new NodeApiException(
                    operation + " failed: connection refused by " + where,
                    0,
                    "Nothing accepts connections at " + where + ". Is Home Assistant running, and is the port right "
                            + "(default 8123)?",
                    error);
        }
        if (find(error, TimeoutException.class, ReadTimeoutException.class, WriteTimeoutException.class) != null) {
            return new NodeApiException(
                    operation + " failed: Home Assistant at " + where + " did not answer in time",
                    0,
                    "The request timed out. Home Assistant may be overloaded or starting, or the address points to "
                            + "something that does not answer HTTP.",
                    error);
        }
        if (find(error, PrematureCloseException.class, ClosedChannelException.class) != null) {
            return new NodeApiException(
                    operation + " failed: " + where + " closed the connection without answering",
                    0,
                    settings.ssl()
                            ? "Is this port serving plain HTTP? Then turn SSL off."
                            : "If Home Assistant serves https on this port, turn SSL on.",
                    error);
        }
        return new NodeApiException(operation + " failed: " + describe(error), 0, null, error);
    }

    private static NodeApiException tlsFailure(
            String operation, HaConnectionSettings settings, Throwable tls, Throwable error) {
        String where = settings.hostAndPort();
        String text = String.valueOf(tls.getMessage());
        boolean notTls = tls instanceof NotSslRecordException
                || text.contains("not an SSL/TLS record")
                || text.contains("Unsupported or unrecognized SSL message");
        if (!settings.ssl()) {
            return new NodeApiException(
                    operation + " failed: TLS error talking to " + where,
                    0,
                    "Check the SSL toggle of the credential.",
                    error);
        }
        if (notTls) {
            return new NodeApiException(
                    operation + " failed: TLS handshake with " + where
                            + " failed: the server does not speak TLS on this port",
                    0,
                    "SSL is on but " + where + " answers plain HTTP: turn SSL off, or use Home Assistant's https port.",
                    error);
        }
        boolean untrusted = find(error, CertificateException.class) != null
                || text.contains("PKIX")
                || text.contains("certificate")
                || text.contains("unable to find valid certification path");
        if (untrusted) {
            return new NodeApiException(
                    operation + " failed: TLS handshake with " + where
                            + " failed: the server's certificate is not trusted",
                    0,
                    "For a self-signed certificate or your own CA, paste the CA certificate (PEM) into the "
                            + "credential's 'CA Certificate' field, or enable 'Ignore SSL issues'. Also check that the host "
                            + "name matches the certificate.",
                    error);
        }
        return new NodeApiException(
                operation + " failed: TLS handshake with " + where + " failed: " + text,
                0,
                "Check the SSL toggle and the port; for a self-signed certificate set the CA certificate or enable "
                        + "'Ignore SSL issues'.",
                error);
    }

    /** HA's error text: {@code {"message": "..."}} or the plain body, shortened. */
    static Optional<String> haMessage(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        Optional<Object> json = Json.tryParse(body);
        if (json.isPresent() && json.get() instanceof Map<?, ?> m && m.get("message") != null) {
            return Optional.of(shorten(m.get("message").toString()));
        }
        String text = body.strip();
        if (text.startsWith("<")) { // an HTML error page (reverse proxy)
            return Optional.empty();
        }
        return Optional.of(shorten(text));
    }

    private static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }

    // identity is the test: a cause chain ends at a Throwable that is its own cause
    @SuppressWarnings("ReferenceEquality")
    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    // identity is the test: a cause chain ends at a Throwable that is its own cause
    @SuppressWarnings("ReferenceEquality")
    @SafeVarargs
    static Throwable find(Throwable error, Class<? extends Throwable>... types) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(t)) {
                    return t;
                }
            }
            for (Throwable s : t.getSuppressed()) {
                Throwable found = find(s, types);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
