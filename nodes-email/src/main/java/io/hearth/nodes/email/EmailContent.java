package io.hearth.nodes.email;

import io.hearth.node.BinaryData;
import io.hearth.node.NodeException;
import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One email as the Send Email node describes it, turned into a MIME message: a text and/or HTML body
 * ({@code multipart/alternative} for both), files from the item's binary properties ({@code multipart/mixed};
 * those the HTML references as {@code cid:<property>} travel inline beside it in {@code multipart/related}).
 *
 * @param from        the sender, optionally with a name ({@code Ada <ada@example.com>})
 * @param to          recipients (never empty)
 * @param cc          copy recipients
 * @param bcc         blind copy recipients (in the envelope only)
 * @param replyTo     Reply-To addresses
 * @param subject     the subject
 * @param text        the plain text body, empty when not sent
 * @param html        the HTML body, empty when not sent
 * @param attachments files to attach
 * @param contentIds  whether attachments get a Content-ID of their property name (type version 2 on)
 */
record EmailContent(
        InternetAddress from,
        List<InternetAddress> to,
        List<InternetAddress> cc,
        List<InternetAddress> bcc,
        List<InternetAddress> replyTo,
        String subject,
        Optional<String> text,
        Optional<String> html,
        List<Attachment> attachments,
        boolean contentIds) {

    /** A file from the item's binary property {@code property}. */
    record Attachment(String property, BinaryData data) {
        String fileName() {
            return data.fileName().orElse("unknown");
        }
    }

    /** The addresses of a comma-separated list as typed into {@code field}; empty text gives none. */
    static List<InternetAddress> addresses(String field, String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        try {
            InternetAddress[] parsed = InternetAddress.parse(value.strip(), false);
            for (InternetAddress a : parsed) {
                a.validate();
            }
            return List.of(parsed);
        } catch (AddressException e) {
            throw new NodeException(
                    field + ": '" + value.strip() + "' is not a list of email addresses (" + e.getMessage() + ")",
                    "Write addresses separated by commas, each as name@example.com or Name <name@example.com>.",
                    e);
        }
    }

    /** Every envelope recipient: To, Cc and Bcc. */
    Address[] recipients() {
        return Stream.of(to, cc, bcc).flatMap(List::stream).toArray(Address[]::new);
    }

    // Jakarta Mail's setSentDate takes a java.util.Date
    @SuppressWarnings("JavaUtilDate")
    MimeMessage toMime(Session session) {
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(from);
            m.setRecipients(Message.RecipientType.TO, to.toArray(Address[]::new));
            if (!cc.isEmpty()) {
                m.setRecipients(Message.RecipientType.CC, cc.toArray(Address[]::new));
            }
            if (!replyTo.isEmpty()) {
                m.setReplyTo(replyTo.toArray(Address[]::new));
            }
            m.setSubject(subject, "UTF-8");
            m.setSentDate(new java.util.Date());
            List<Attachment> related = html.map(h -> attachments.stream()
                            .filter(a -> contentIds && h.contains("cid:" + a.property()))
                            .toList())
                    .orElse(List.of());
            List<Attachment> attached =
                    attachments.stream().filter(a -> !related.contains(a)).toList();
            MimeBodyPart body = body(related);
            if (attached.isEmpty()) {
                m.setDataHandler(body.getDataHandler()); // the body part's type, not yet in its headers
            } else {
                MimeMultipart mixed = new MimeMultipart("mixed");
                mixed.addBodyPart(body);
                for (Attachment a : attached) {
                    mixed.addBodyPart(filePart(a, Part.ATTACHMENT));
                }
                m.setContent(mixed);
            }
            return m;
        } catch (MessagingException e) {
            throw new NodeException("Could not build the email: " + e.getMessage(), e);
        }
    }

    private MimeBodyPart body(List<Attachment> related) throws MessagingException {
        MimeBodyPart textPart = null;
        MimeBodyPart htmlPart = null;
        if (text.isPresent()) {
            textPart = new MimeBodyPart();
            textPart.setText(text.get(), "UTF-8", "plain");
        }
        if (html.isPresent()) {
            htmlPart = new MimeBodyPart();
            htmlPart.setText(html.get(), "UTF-8", "html");
            if (!related.isEmpty()) {
                MimeMultipart rel = new MimeMultipart("related");
                rel.addBodyPart(htmlPart);
                for (Attachment a : related) {
                    rel.addBodyPart(filePart(a, Part.INLINE));
                }
                htmlPart = new MimeBodyPart();
                htmlPart.setContent(rel);
            }
        }
        if (textPart != null && htmlPart != null) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(textPart);
            alternative.addBodyPart(htmlPart);
            MimeBodyPart both = new MimeBodyPart();
            both.setContent(alternative);
            return both;
        }
        if (htmlPart != null) {
            return htmlPart;
        }
        if (textPart != null) {
            return textPart;
        }
        MimeBodyPart empty = new MimeBodyPart();
        empty.setText("", "UTF-8", "plain");
        return empty;
    }

    private MimeBodyPart filePart(Attachment a, String disposition) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(
                new ByteArrayDataSource(a.data().data(), a.data().mimeType())));
        part.setFileName(a.fileName());
        part.setDisposition(disposition);
        if (contentIds) {
            part.setContentID("<" + a.property() + ">");
        }
        return part;
    }

    @Override
    public String toString() {
        return "EmailContent[to=" + to + ", subject=" + subject + ", attachments="
                + Arrays.toString(attachments.stream().map(Attachment::fileName).toArray()) + "]";
    }
}
