package io.hearth.nodes.email;

import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.Secret;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * How to reach an SMTP server, read from an SMTP credential (n8n's fields) plus the node's
 * "Ignore SSL Issues" option.
 *
 * @param host                   server host name or address
 * @param port                   server port (n8n's default 465)
 * @param secure                 TLS from the first byte ("SSL/TLS"); otherwise plain with STARTTLS when offered
 * @param disableStartTls        never upgrade a plain connection (only when {@code secure} is off)
 * @param clientHostName         the name said in EHLO; empty: the local host name
 * @param user                   empty: no AUTH (n8n signs in only when user or password is set)
 * @param password               the password
 * @param allowUnauthorizedCerts accept any certificate (self-signed, other host name)
 * @param timeout                connect, read and write timeout
 */
record SmtpSettings(
        String host,
        int port,
        boolean secure,
        boolean disableStartTls,
        String clientHostName,
        String user,
        Secret password,
        boolean allowUnauthorizedCerts,
        Duration timeout) {

    static final int DEFAULT_PORT = 465;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    static SmtpSettings from(CredentialData credential, boolean allowUnauthorizedCerts, Duration timeout) {
        return new SmtpSettings(
                credential.string("host").strip(),
                credential.integer("port").map(Long::intValue).orElse(DEFAULT_PORT),
                credential.get("secure").map(v -> credential.bool("secure")).orElse(true),
                credential.bool("disableStartTls"),
                credential.string("hostName").strip(),
                credential.string("user"),
                credential.secret("password"),
                allowUnauthorizedCerts,
                timeout);
    }

    boolean signsIn() {
        return !user.isEmpty() || !password.isEmpty();
    }

    /** {@code host:port}, with how the connection is secured, for messages. */
    String describe() {
        return host + ":" + port + (secure ? " (SSL/TLS)" : disableStartTls ? " (plain, STARTTLS off)" : "");
    }

    /** The Jakarta Mail session properties of these settings (protocol {@code smtp}, TLS by property). */
    Properties properties() {
        Properties p = new Properties();
        String millis = Long.toString(timeout.toMillis());
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", Integer.toString(port));
        p.put("mail.smtp.connectiontimeout", millis);
        p.put("mail.smtp.timeout", millis);
        p.put("mail.smtp.writetimeout", millis);
        p.put("mail.smtp.auth", Boolean.toString(signsIn()));
        p.put("mail.smtp.ssl.enable", Boolean.toString(secure));
        // As nodemailer: a plain connection is upgraded when the server offers STARTTLS, unless disabled.
        p.put("mail.smtp.starttls.enable", Boolean.toString(!secure && !disableStartTls));
        p.put("mail.smtp.starttls.required", "false");
        // Deliver to the accepted recipients when some are refused (nodemailer does), reporting the others.
        p.put("mail.smtp.sendpartial", "true");
        Optional.of(clientHostName).filter(s -> !s.isEmpty()).ifPresent(h -> p.put("mail.smtp.localhost", h));
        if (allowUnauthorizedCerts) {
            p.put("mail.smtp.ssl.trust", "*");
            p.put("mail.smtp.ssl.checkserveridentity", "false");
        } else {
            p.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        return p;
    }
}
