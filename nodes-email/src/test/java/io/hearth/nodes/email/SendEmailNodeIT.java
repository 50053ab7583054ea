package io.hearth.nodes.email;

import static io.hearth.nodes.email.EmailRuns.NODE;
import static io.hearth.nodes.email.EmailRuns.plainCredential;
import static io.hearth.nodes.email.EmailRuns.run;
import static io.hearth.nodes.email.EmailRuns.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import io.hearth.testkit.TestRun;
import io.hearth.testsupport.RealSmtpServer;
import io.hearth.testsupport.RealSmtpServer.ReceivedMail;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Send Email against a real SMTP server (aiosmtpd): what arrives, what the node answers, how it fails. */
@SuppressWarnings("unchecked")
class SendEmailNodeIT {

    private static final String N8N = SendEmailDescription.N8N_NAME;
    private static RealSmtpServer smtp;

    @BeforeAll
    static void server() {
        smtp = RealSmtpServer.shared();
    }

    private static String address(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static Map<String, Object> params(Object... keyValues) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put((String) keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    private static ReceivedMail onlyMessageTo(String address) {
        List<ReceivedMail> mails = smtp.messagesTo(address);
        assertThat(mails).as("messages to %s", address).hasSize(1);
        return mails.getFirst();
    }

    private static Item snapshot() {
        byte[] jpeg = new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4, 5};
        return new Item(
                Map.of("entity", "camera.demo_camera"),
                Map.of("data", BinaryData.of(jpeg, "image/jpeg", "snapshot.jpg")),
                List.of());
    }

    @Test
    void sendsTextHtmlCcBccReplyToAndAnAttachmentFromABinaryProperty() {
        String to = address("ada");
        String cc = address("cc");
        String bcc = address("bcc");
        TestRun result = EmailRuns.send(
                        smtp,
                        params(
                                "fromEmail", "Hearth <hearth@example.com>",
                                "toEmail", "Ada <" + to + ">",
                                "subject", "=Snapshot of {{ $json.entity }} — ünïcode",
                                "emailFormat", "both",
                                "text", "Plain body",
                                "html", "<p>HTML body</p>",
                                "options",
                                        Map.of(
                                                "ccEmail",
                                                cc,
                                                "bccEmail",
                                                bcc,
                                                "replyTo",
                                                "replies@example.com",
                                                "attachments",
                                                "data",
                                                "appendAttribution",
                                                false)),
                        List.of(snapshot()))
                .assertSucceeded();

        ReceivedMail mail = onlyMessageTo(to);
        assertThat(mail.envelopeFrom()).isEqualTo("hearth@example.com");
        assertThat(mail.envelopeTo()).containsExactlyInAnyOrder(to, cc, bcc);
        assertThat(mail.subject()).isEqualTo("Snapshot of camera.demo_camera — ünïcode");
        assertThat(mail.header("From")).isEqualTo("Hearth <hearth@example.com>");
        assertThat(mail.header("Cc")).isEqualTo(cc);
        assertThat(mail.header("Bcc")).as("Bcc stays in the envelope").isEmpty();
        assertThat(mail.header("Reply-To")).isEqualTo("replies@example.com");
        assertThat(mail.text()).isEqualTo("Plain body");
        assertThat(mail.html()).isEqualTo("<p>HTML body</p>");
        assertThat(mail.attachments()).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo("snapshot.jpg");
            assertThat(a.contentType()).startsWith("image/jpeg");
            assertThat(a.contentId()).isEqualTo("<data>");
            assertThat(a.data()).isEqualTo(snapshot().binary().get("data").data());
        });

        Map<String, Object> info = result.json(NODE).getFirst();
        assertThat(info.get("accepted")).isEqualTo(List.of("Ada <" + to + ">", cc, bcc));
        assertThat(info.get("rejected")).isEqualTo(List.of());
        assertThat((String) info.get("response")).startsWith("250 2.0.0 Ok: queued as");
        assertThat((String) info.get("messageId")).startsWith("<").endsWith(">");
        assertThat((List<Object>) info.get("ehlo")).contains("8BITMIME", "STARTTLS", "AUTH LOGIN PLAIN");
        assertThat(((Number) info.get("messageSize")).longValue()).isPositive();
        assertThat(info.get("envelope"))
                .isEqualTo(Map.of("from", "hearth@example.com", "to", List.of("Ada <" + to + ">", cc, bcc)));
    }

    @Test
    void anHtmlImageReferencedByCidTravelsInlineBesideTheHtml() {
        String to = address("inline");
        EmailRuns.send(
                        smtp,
                        params(
                                "fromEmail", "hearth@example.com",
                                "toEmail", to,
                                "subject", "Inline",
                                "html", "<img src=\"cid:data\">",
                                "options", Map.of("attachments", "data", "appendAttribution", false)),
                        List.of(snapshot()))
                .assertSucceeded();
        ReceivedMail mail = onlyMessageTo(to);
        assertThat(mail.html()).isEqualTo("<img src=\"cid:data\">");
        assertThat(mail.attachments())
                .singleElement()
                .satisfies(a -> assertThat(a.contentId()).isEqualTo("<data>"));
    }

    @Test
    void versionTwoPointOneSendsHtmlWithTheAttributionLineByDefault() {
        String to = address("v21");
        EmailRuns.send(
                        smtp,
                        params(
                                "fromEmail",
                                "hearth@example.com",
                                "toEmail",
                                to,
                                "subject",
                                "Defaults",
                                "html",
                                "<b>Hi</b>"),
                        List.of())
                .assertSucceeded();
        ReceivedMail mail = onlyMessageTo(to);
        assertThat(mail.text()).isEmpty();
        assertThat(mail.html()).startsWith("<b>Hi</b>").contains("This email was sent automatically with Hearth");
    }

    @Test
    void versionTwoSendsTextWithoutAttributionByDefault() {
        String to = address("v2");
        run(
                        plainCredential(smtp),
                        N8N,
                        2,
                        params("fromEmail", "hearth@example.com", "toEmail", to, "subject", "V2", "text", "Just text"),
                        List.of())
                .assertSucceeded();
        ReceivedMail mail = onlyMessageTo(to);
        assertThat(mail.text()).isEqualTo("Just text");
        assertThat(mail.html()).isEmpty();
    }

    @Test
    void anN8nVersionOneNodeSendsBothBodiesWithTopLevelCcAndAttachments() {
        String to = address("v1");
        String cc = address("v1cc");
        run(
                        plainCredential(smtp),
                        N8N,
                        1,
                        params(
                                "fromEmail", "hearth@example.com",
                                "toEmail", to,
                                "ccEmail", cc,
                                "subject", "V1",
                                "text", "text part",
                                "html", "<i>html part</i>",
                                "attachments", "data"),
                        List.of(snapshot()))
                .assertSucceeded();
        ReceivedMail mail = onlyMessageTo(to);
        assertThat(mail.header("Cc")).isEqualTo(cc);
        assertThat(mail.text()).isEqualTo("text part");
        assertThat(mail.html()).isEqualTo("<i>html part</i>");
        assertThat(mail.attachments()).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo("snapshot.jpg");
            assertThat(a.contentId()).as("version 1 sets no Content-ID").isEmpty();
        });
    }

    @Test
    void oneEmailPerItemOverOneConnection() {
        String a = address("first");
        String b = address("second");
        TestRun result = EmailRuns.send(
                        smtp,
                        params(
                                "fromEmail", "hearth@example.com",
                                "toEmail", "={{ $json.to }}",
                                "subject", "={{ $json.subject }}",
                                "emailFormat", "text",
                                "text", "x",
                                "options", Map.of("appendAttribution", false)),
                        List.of(Item.of(Map.of("to", a, "subject", "one")), Item.of(Map.of("to", b, "subject", "two"))))
                .assertSucceeded();
        assertThat(result.json(NODE)).hasSize(2);
        assertThat(onlyMessageTo(a).subject()).isEqualTo("one");
        assertThat(onlyMessageTo(b).subject()).isEqualTo("two");
    }

    @Test
    void aRefusedRecipientAmongOthersIsReportedAndTheOthersGetTheEmail() {
        String ok = address("ok");
        String refused = address("reject");
        TestRun result = EmailRuns.send(
                        smtp,
                        params("fromEmail", "hearth@example.com", "toEmail", ok + ", " + refused, "subject", "Partial"),
                        List.of())
                .assertSucceeded();
        assertThat(onlyMessageTo(ok).envelopeTo()).containsExactly(ok);
        Map<String, Object> info = result.json(NODE).getFirst();
        assertThat(info.get("accepted")).isEqualTo(List.of(ok));
        assertThat(info.get("rejected")).isEqualTo(List.of(refused));
    }

    @Test
    void onlyRefusedRecipientsFailWithTheReplyCodeAndText() {
        String refused = address("reject");
        EmailRuns.send(
                        smtp,
                        params("fromEmail", "hearth@example.com", "toEmail", refused, "subject", "Nobody"),
                        List.of())
                .assertFailed("recipient " + refused + " refused: 550 5.1.1 <" + refused
                        + ">: Recipient address rejected: User unknown");
    }

    @Test
    void aRefusedSenderFailsWithTheReplyCodeAndText() {
        EmailRuns.send(
                        smtp,
                        params("fromEmail", "blocked@example.com", "toEmail", address("x"), "subject", "Blocked"),
                        List.of())
                .assertFailed("sender blocked@example.com refused: 553 5.7.1");
    }

    @Test
    void aMessageRefusedAfterDataFailsWithTheReplyCodeAndText() {
        EmailRuns.send(
                        smtp,
                        params("fromEmail", "hearth@example.com", "toEmail", address("x"), "subject", "tempfail"),
                        List.of())
                .assertFailed("message refused: 451 4.3.0 Temporary local problem, try again later");
    }

    @Test
    void aWrongPasswordFailsWithTheServersAuthenticationReply() {
        run(
                        with(plainCredential(smtp), "password", "wrong"),
                        N8N,
                        2.1,
                        params("fromEmail", "hearth@example.com", "toEmail", address("x"), "subject", "Auth"),
                        List.of())
                .assertFailed("Authentication failed: 127.0.0.1:" + smtp.port() + " answered 535 5.7.8");
    }

    @Test
    void noServerOnThePortFailsWithConnectionRefused() {
        int closed = freePort();
        run(
                        with(plainCredential(smtp), "port", closed),
                        N8N,
                        2.1,
                        params("fromEmail", "hearth@example.com", "toEmail", address("x"), "subject", "Refused"),
                        List.of())
                .assertFailed("Connection refused by 127.0.0.1:" + closed);
    }

    @Test
    void anUntrustedCertificateFailsTheTlsHandshakeUnlessSslIssuesAreIgnored() {
        Map<String, Object> tls = with(with(plainCredential(smtp), "secure", true), "port", smtp.tlsPort());
        run(
                        tls,
                        N8N,
                        2.1,
                        params("fromEmail", "hearth@example.com", "toEmail", address("x"), "subject", "TLS"),
                        List.of())
                .assertFailed("TLS handshake failed with 127.0.0.1:" + smtp.tlsPort());

        String to = address("tls");
        run(
                        tls,
                        N8N,
                        2.1,
                        params(
                                "fromEmail",
                                "hearth@example.com",
                                "toEmail",
                                to,
                                "subject",
                                "Over TLS",
                                "options",
                                Map.of("allowUnauthorizedCerts", true)),
                        List.of())
                .assertSucceeded();
        assertThat(onlyMessageTo(to).subject()).isEqualTo("Over TLS");
    }

    @Test
    void sslTlsOnAPlainPortSaysTheServerDoesNotSpeakTls() {
        run(
                        with(plainCredential(smtp), "secure", true),
                        N8N,
                        2.1,
                        params("fromEmail", "hearth@example.com", "toEmail", address("x"), "subject", "x"),
                        List.of())
                .assertFailed("does not speak TLS on this port");
    }

    @Test
    void starttlsUpgradesAPlainConnectionAndVerifiesTheCertificate() {
        Map<String, Object> starttls = with(plainCredential(smtp), "disableStartTls", false);
        run(
                        starttls,
                        N8N,
                        2.1,
                        params("fromEmail", "hearth@example.com", "toEmail", address("x"), "subject", "x"),
                        List.of())
                .assertFailed("TLS handshake failed with 127.0.0.1:" + smtp.port());

        String to = address("starttls");
        TestRun result = run(
                        starttls,
                        N8N,
                        2.1,
                        params(
                                "fromEmail",
                                "hearth@example.com",
                                "toEmail",
                                to,
                                "subject",
                                "Upgraded",
                                "options",
                                Map.of("allowUnauthorizedCerts", true)),
                        List.of())
                .assertSucceeded();
        assertThat(onlyMessageTo(to).subject()).isEqualTo("Upgraded");
        assertThat((List<Object>) result.json(NODE).getFirst().get("ehlo"))
                .as("the EHLO after STARTTLS offers no STARTTLS")
                .contains("AUTH LOGIN PLAIN")
                .doesNotContain("STARTTLS");
    }

    @Test
    void aMissingBinaryPropertyIsNamed() {
        EmailRuns.send(
                        smtp,
                        params(
                                "fromEmail", "hearth@example.com",
                                "toEmail", address("x"),
                                "options", Map.of("attachments", "data, photo")),
                        List.of(snapshot()))
                .assertFailed("Options → Attachments: the item has no binary property 'photo' (it has data)");
    }

    @Test
    void aBadAddressIsNamedWithItsField() {
        EmailRuns.send(smtp, params("fromEmail", "hearth@example.com", "toEmail", "not an address"), List.of())
                .assertFailed("To Email: 'not an address' is not a list of email addresses");
    }

    @Test
    void continueOnFailTurnsAFailingItemIntoAnErrorItemAndSendsTheOthers() {
        String ok = address("ok");
        TestRun result = EmailRuns.runContinuingOnFail(
                        plainCredential(smtp),
                        params("fromEmail", "hearth@example.com", "toEmail", "={{ $json.to }}", "subject", "Mixed"),
                        List.of(Item.of(Map.of("to", address("reject"))), Item.of(Map.of("to", ok))))
                .assertSucceeded();
        assertThat(result.json(NODE)).hasSize(2);
        assertThat((String) result.json(NODE).get(0).get("error")).contains("550 5.1.1");
        assertThat(result.json(NODE).get(1).get("accepted")).isEqualTo(List.of(ok));
        assertThat(smtp.messagesTo(ok)).hasSize(1);
    }

    @Test
    void sendAndWaitIsRefusedByName() {
        EmailRuns.send(smtp, params("operation", "sendAndWait"), List.of())
                .assertFailed("Operation: 'Send and Wait for Response' is not supported by Hearth");
    }

    static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
