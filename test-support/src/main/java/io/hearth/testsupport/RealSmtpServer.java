package io.hearth.testsupport;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real SMTP server for tests: Python's {@code aiosmtpd} (PyPI, in a virtualenv that
 * {@code scripts/smtp/smtp-test-env.sh} installs under {@code ~/.cache/hearth}) running
 * {@code scripts/smtp/smtp_test_server.py}, which stores every accepted message in a Maildir that
 * {@link #messages()} reads back.
 * <p>
 * {@link #shared()} starts one per JVM on two free ports of 127.0.0.1: {@link #port()} (plain, STARTTLS
 * offered) and {@link #tlsPort()} (implicit TLS), both with a certificate of {@link #certificates()}'s
 * test CA, AUTH for {@link #user()} / {@link #password()} (optional: mail without AUTH is accepted too).
 * The script's doc lists the replies it gives to provoke errors ({@code reject…@} recipients: 550,
 * {@code blocked…@} senders: 553, subject {@code tempfail}: 451).
 */
public final class RealSmtpServer {

    private static final Logger LOG = LoggerFactory.getLogger(RealSmtpServer.class);
    private static final JvmShared<RealSmtpServer> SHARED = new JvmShared<>(() -> new RealSmtpServer(
            Path.of(System.getProperty("user.dir")).toAbsolutePath().resolve("target/smtp")));

    private final int port;
    private final int tlsPort;
    private final Path maildir;
    private final TestCertificates certificates;
    private final String user;
    private final String password;
    private final LocalProcess process;

    private RealSmtpServer(Path dir) {
        Path root = RepoRoot.path();
        LocalProcess.Result python = LocalProcess.run(
                List.of("bash", root.resolve("scripts/smtp/smtp-test-env.sh").toString(), "python"), root);
        if (python.exitCode() != 0) {
            throw new IllegalStateException(
                    "cannot install the test SMTP server (scripts/smtp/smtp-test-env.sh install):\n" + python.output());
        }
        String interpreter = python.output().strip().lines().reduce((a, b) -> b).orElseThrow();
        this.certificates = TestCertificates.createIn(dir.resolve("certs"));
        int[] ports = LocalProcess.freePorts(2);
        this.port = ports[0];
        this.tlsPort = ports[1];
        this.maildir = dir.resolve("maildir");
        this.user = "hearth";
        this.password = "smtp-" + UUID.randomUUID();
        this.process = new LocalProcess(
                "smtp server",
                List.of(
                        interpreter,
                        root.resolve("scripts/smtp/smtp_test_server.py").toString(),
                        "--port",
                        Integer.toString(port),
                        "--tls-port",
                        Integer.toString(tlsPort),
                        "--maildir",
                        maildir.toString(),
                        "--cert",
                        certificates.serverCert().toString(),
                        "--key",
                        certificates.serverKey().toString(),
                        "--user",
                        user,
                        "--password",
                        password),
                dir.resolve("smtp-server.log"));
        process.startAndWaitForLine(line -> line.startsWith("READY "), Duration.ofSeconds(60));
        LOG.info("SMTP test server ready on 127.0.0.1:{} (STARTTLS) and :{} (TLS), Maildir {}", port, tlsPort, maildir);
    }

    /** The JVM-wide server (started on first use, in {@code target/smtp} of the working directory). */
    public static RealSmtpServer shared() {
        return SHARED.get();
    }

    public String host() {
        return "127.0.0.1";
    }

    /** Plain SMTP, STARTTLS offered. */
    public int port() {
        return port;
    }

    /** SMTP over TLS from the first byte ("SSL/TLS"). */
    public int tlsPort() {
        return tlsPort;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The test CA that signed the server's certificate. */
    public TestCertificates certificates() {
        return certificates;
    }

    /** Every message received so far, oldest first. */
    public List<ReceivedMail> messages() {
        List<ReceivedMail> out = new ArrayList<>();
        for (String sub : List.of("new", "cur")) {
            Path d = maildir.resolve(sub);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> files = Files.list(d)) {
                files.sorted(Comparator.comparing(Path::getFileName)).forEach(f -> out.add(ReceivedMail.read(f)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + d, e);
            }
        }
        return out;
    }

    /** The messages whose envelope names {@code address} as a recipient (To, Cc or Bcc). */
    public List<ReceivedMail> messagesTo(String address) {
        return messages().stream().filter(m -> m.envelopeTo().contains(address)).toList();
    }

    /** One stored message: the SMTP envelope and the parsed MIME message. */
    public record ReceivedMail(String envelopeFrom, List<String> envelopeTo, MimeMessage message) {

        static ReceivedMail read(Path file) {
            try (InputStream in = Files.newInputStream(file)) {
                MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), in);
                String from = Optional.ofNullable(m.getHeader("X-Envelope-From", null))
                        .orElse("");
                List<String> to = Arrays.stream(Optional.ofNullable(m.getHeader("X-Envelope-To", null))
                                .orElse("")
                                .split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
                return new ReceivedMail(from, to, m);
            } catch (IOException | MessagingException e) {
                throw new IllegalStateException("cannot parse " + file + ": " + e.getMessage(), e);
            }
        }

        public String subject() {
            return call(message::getSubject);
        }

        /** A header's first value, unfolded, empty if absent. */
        public String header(String name) {
            return call(() -> Optional.ofNullable(message.getHeader(name, ", ")).orElse(""));
        }

        /**
         * The first {@code text/plain} part that is not an attachment, empty if none; without the line break
         * that ends the DATA of a single-part message.
         */
        public String text() {
            return body("text/plain");
        }

        /** The first {@code text/html} part that is not an attachment, empty if none (line break as for text). */
        public String html() {
            return body("text/html");
        }

        public List<Attachment> attachments() {
            List<Attachment> out = new ArrayList<>();
            call(() -> {
                collect(message, out);
                return null;
            });
            return out;
        }

        private String body(String type) {
            return call(() -> findBody(message, type).orElse("")).replaceFirst("\\r?\\n$", "");
        }

        private static Optional<String> findBody(Part part, String type) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart mp = (Multipart) part.getContent();
                for (int i = 0; i < mp.getCount(); i++) {
                    Optional<String> found = findBody(mp.getBodyPart(i), type);
                    if (found.isPresent()) {
                        return found;
                    }
                }
                return Optional.empty();
            }
            if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return Optional.of(part.getContent().toString());
            }
            return Optional.empty();
        }

        private static void collect(Part part, List<Attachment> out) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart mp = (Multipart) part.getContent();
                for (int i = 0; i < mp.getCount(); i++) {
                    collect(mp.getBodyPart(i), out);
                }
            } else if (part instanceof BodyPart bp && bp.getFileName() != null) {
                try (InputStream in = bp.getInputStream()) {
                    String[] ids = bp.getHeader("Content-ID");
                    out.add(new Attachment(
                            bp.getFileName(), bp.getContentType(), ids == null ? "" : ids[0], in.readAllBytes()));
                }
            }
        }

        private interface Call<T> {
            T get() throws MessagingException, IOException;
        }

        private static <T> T call(Call<T> c) {
            try {
                return c.get();
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException("cannot read the message: " + e.getMessage(), e);
            }
        }
    }

    /** An attached file: name, MIME type (with parameters), Content-ID ({@code <cid>}, empty if none), bytes. */
    // a carrier of bytes, not a value: never compared or hashed, and copying would cost a copy per use
    @SuppressWarnings("ArrayRecordComponent")
    public record Attachment(String fileName, String contentType, String contentId, byte[] data) {}
}
