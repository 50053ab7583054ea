package io.hearth.nodes.email;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * One signed-in connection to an SMTP server ({@link #open}), sending messages one after another and
 * answering each with what nodemailer reports to n8n: accepted and rejected recipients, the server's EHLO
 * extensions, the time spent on the envelope and on the message, the message size, the final reply and the
 * Message-ID. Blocking: used from a {@link io.hearth.node.BlockingActionNode}. Not thread-safe.
 */
final class SmtpSession implements AutoCloseable {

    private final SmtpSettings settings;
    private final Session session;
    private final TimedTransport transport;

    private SmtpSession(SmtpSettings settings, Session session, TimedTransport transport) {
        this.settings = settings;
        this.session = session;
        this.transport = transport;
    }

    /** Connects, says EHLO, upgrades to TLS when configured and signs in; a failure names its cause. */
    static SmtpSession open(SmtpSettings settings) {
        Session session = Session.getInstance(settings.properties());
        TimedTransport transport = new TimedTransport(session);
        try {
            if (settings.signsIn()) {
                transport.connect(
                        settings.host(),
                        settings.port(),
                        settings.user(),
                        settings.password().reveal());
            } else {
                transport.connect(settings.host(), settings.port(), null, null);
            }
        } catch (MessagingException | RuntimeException e) {
            closeQuietly(transport);
            throw SmtpFailures.connect(settings, e);
        }
        return new SmtpSession(settings, session, transport);
    }

    Session mailSession() {
        return session;
    }

    /** The server's EHLO extensions (after STARTTLS: the second EHLO's). */
    List<String> ehlo() {
        return transport.ehloExtensions;
    }

    /** A secure or plain connection, in words, e.g. "TLS (STARTTLS)". */
    String security() {
        return settings.secure() ? "SSL/TLS" : transport.upgraded ? "STARTTLS" : "no TLS";
    }

    /**
     * Sends {@code message} to {@code recipients} (To, Cc and Bcc) and reports it, also when some recipients
     * were refused and the others got it. Throws when nobody got it, naming the reply code and text.
     */
    Map<String, Object> send(MimeMessage message, Address[] recipients, String envelopeFrom) {
        transport.resetTimes();
        List<String> accepted = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        try {
            message.saveChanges();
            transport.sendMessage(message, recipients);
            Arrays.stream(recipients).map(Address::toString).forEach(accepted::add);
        } catch (SendFailedException partial) {
            Address[] sent = partial.getValidSentAddresses();
            if (sent == null || sent.length == 0) {
                throw SmtpFailures.send(settings, partial);
            }
            Arrays.stream(sent).map(Address::toString).forEach(accepted::add);
            if (partial.getInvalidAddresses() != null) {
                Arrays.stream(partial.getInvalidAddresses())
                        .map(Address::toString)
                        .forEach(rejected::add);
            }
        } catch (MessagingException | RuntimeException e) {
            throw SmtpFailures.send(settings, e);
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("accepted", accepted);
        info.put("rejected", rejected);
        info.put("ehlo", transport.ehloExtensions);
        info.put("envelopeTime", transport.envelopeMillis());
        info.put("messageTime", transport.messageMillis());
        info.put("messageSize", transport.messageBytes);
        info.put("response", transport.dataResponse);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("from", envelopeFrom);
        envelope.put("to", Arrays.stream(recipients).map(Address::toString).toList());
        info.put("envelope", envelope);
        try {
            info.put("messageId", message.getMessageID() == null ? "" : message.getMessageID());
        } catch (MessagingException e) {
            info.put("messageId", "");
        }
        return info;
    }

    @Override
    public void close() {
        closeQuietly(transport);
    }

    private static void closeQuietly(SMTPTransport transport) {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException ignored) {
            // QUIT failed: the connection is gone either way
        }
    }

    /**
     * The SMTP transport with the phases timed and the EHLO answer kept (Angus Mail lets subclasses hook
     * its protocol steps).
     */
    private static final class TimedTransport extends SMTPTransport {
        List<String> ehloExtensions = List.of();
        boolean upgraded;
        long envelopeStart;
        long dataStart;
        long dataEnd;
        long messageBytes;
        String dataResponse = "";

        TimedTransport(Session session) {
            super(session, new URLName("smtp", null, -1, null, null, null));
        }

        void resetTimes() {
            envelopeStart = dataStart = dataEnd = 0;
            messageBytes = 0;
            dataResponse = "";
        }

        long envelopeMillis() {
            return dataStart > envelopeStart ? (dataStart - envelopeStart) / 1_000_000 : 0;
        }

        long messageMillis() {
            return dataEnd > dataStart ? (dataEnd - dataStart) / 1_000_000 : 0;
        }

        @Override
        protected boolean ehlo(String domain) throws MessagingException {
            boolean ok = super.ehlo(domain);
            if (ok) {
                // "250-host\n250-SIZE 1000\n250 AUTH PLAIN": the lines after the greeting, without the code
                List<String> lines = getLastServerResponse().lines().toList();
                ehloExtensions = lines.stream()
                        .skip(1)
                        .map(l -> l.length() > 4 ? l.substring(4).strip() : "")
                        .filter(s -> !s.isEmpty())
                        .toList();
            }
            return ok;
        }

        @Override
        protected void startTLS() throws MessagingException {
            super.startTLS();
            upgraded = true;
        }

        @Override
        protected void mailFrom() throws MessagingException {
            envelopeStart = System.nanoTime();
            super.mailFrom();
        }

        @Override
        protected OutputStream data() throws MessagingException {
            dataStart = System.nanoTime();
            return new FilterOutputStream(super.data()) {
                @Override
                public void write(int b) throws IOException {
                    messageBytes++;
                    out.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    messageBytes += len;
                    out.write(b, off, len);
                }
            };
        }

        @Override
        protected void finishData() throws IOException, MessagingException {
            super.finishData();
            dataEnd = System.nanoTime();
            dataResponse = getLastServerResponse().strip();
        }
    }
}
