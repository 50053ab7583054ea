package io.hearth.nodes.email;

import io.hearth.node.BinaryData;
import io.hearth.node.BlockingActionNode;
import io.hearth.node.Item;
import io.hearth.node.ItemLoop;
import io.hearth.node.NodeException;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterValues;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.VersionMigration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Send Email node ({@code hearth.emailSend}, n8n's {@code n8n-nodes-base.emailSend} 1, 2, 2.1): one email
 * per input item over SMTP, answered with the server's report (accepted and rejected recipients, the final
 * reply, Message-ID...). One connection serves all items of a run; a failure names the SMTP reply code and
 * text. "Send and Wait for Response" is refused by name.
 */
public final class SendEmailNode implements BlockingActionNode {

    private static final NodeDescription DESCRIPTION = SendEmailDescription.build();
    private static final String ATTRIBUTION = "This email was sent automatically with Hearth";

    private final Duration timeout;

    /** The node as loaded by {@link java.util.ServiceLoader}. */
    public SendEmailNode() {
        this(SmtpSettings.DEFAULT_TIMEOUT);
    }

    SendEmailNode(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public List<VersionMigration> migrations() {
        return SendEmailMigrations.STEPS;
    }

    @Override
    public NodeOutput executeBlocking(NodeExecutionContext context) {
        if (SendEmailDescription.SEND_AND_WAIT.equals(context.parameters().string("operation"))) {
            throw new NodeException(
                    "Operation: 'Send and Wait for Response' is not supported by Hearth",
                    "It needs n8n's waiting webhooks; send the email with 'Send' and receive the answer with a Webhook.",
                    null);
        }
        CredentialData credential = context.credential(SmtpCredentialType.NAME)
                .orElseThrow(() -> new NodeException(
                        "No SMTP credential selected", "Select or create an 'SMTP' credential on the node.", null));
        boolean contentIds = context.node().typeVersion() >= 2;
        // One connection per "Ignore SSL Issues" setting (an expression may differ per item), reopened after a failure.
        Map<Boolean, SmtpSession> sessions = new HashMap<>();
        try {
            return ItemLoop.map(context, in -> {
                        context.cancellation().throwIfCancelled();
                        ParameterValues p = in.parameters();
                        EmailContent email = email(p, in.item(), contentIds);
                        boolean insecure = p.bool("options.allowUnauthorizedCerts");
                        SmtpSession session = sessions.computeIfAbsent(
                                insecure, k -> SmtpSession.open(SmtpSettings.from(credential, k, timeout)));
                        try {
                            return Item.of(session.send(
                                    email.toMime(session.mailSession()),
                                    email.recipients(),
                                    email.from().getAddress()));
                        } catch (NodeException e) {
                            sessions.remove(insecure).close();
                            throw e;
                        }
                    })
                    .toCompletableFuture()
                    .join();
        } finally {
            sessions.values().forEach(SmtpSession::close);
        }
    }

    static EmailContent email(ParameterValues p, Item item, boolean contentIds) {
        String format = p.string("emailFormat");
        Optional<String> text = format.equals("text") || format.equals("both")
                ? Optional.of(p.string("text")).filter(s -> !s.isEmpty())
                : Optional.empty();
        Optional<String> html = format.equals("html") || format.equals("both")
                ? Optional.of(p.string("html")).filter(s -> !s.isEmpty())
                : Optional.empty();
        // Not set: on, as in n8n's 2.1 (older versions' migrations write their "off" out).
        boolean attribution = p.get("options.appendAttribution").isEmpty() || p.bool("options.appendAttribution");
        if (attribution) {
            if (format.equals("html") || (format.equals("both") && html.isPresent())) {
                html = Optional.of(html.orElse("") + "<br><br>---<br><em>" + ATTRIBUTION + "</em>");
            } else {
                text = Optional.of(text.orElse("") + "\n\n---\n" + ATTRIBUTION);
            }
        }
        List<EmailContent.Attachment> attachments = new ArrayList<>();
        for (String property : attachmentNames(p.get("options.attachments"))) {
            BinaryData data = item.binary().get(property);
            if (data == null) {
                throw new NodeException("Options → Attachments: the item has no binary property '" + property + "'"
                        + (item.binary().isEmpty()
                                ? " (it has no binary data at all)"
                                : " (it has " + String.join(", ", item.binary().keySet()) + ")"));
            }
            attachments.add(new EmailContent.Attachment(property, data));
        }
        List<jakarta.mail.internet.InternetAddress> from = EmailContent.addresses("From Email", p.string("fromEmail"));
        if (from.size() != 1) {
            throw new NodeException(
                    "From Email: give exactly one sender address (got '" + p.string("fromEmail") + "')");
        }
        var to = EmailContent.addresses("To Email", p.string("toEmail"));
        if (to.isEmpty()) {
            throw new NodeException("To Email is required");
        }
        return new EmailContent(
                from.getFirst(),
                to,
                EmailContent.addresses("Options → CC Email", p.string("options.ccEmail")),
                EmailContent.addresses("Options → BCC Email", p.string("options.bccEmail")),
                EmailContent.addresses("Options → Reply To", p.string("options.replyTo")),
                p.string("subject"),
                text,
                html,
                attachments,
                contentIds);
    }

    /** n8n's list of binary property names: comma-separated text, or a list (an expression may give one). */
    static List<String> attachmentNames(Optional<Object> value) {
        List<String> names = new ArrayList<>();
        value.ifPresent(v -> {
            List<?> parts = v instanceof List<?> l ? l : List.of(v.toString().split(","));
            for (Object part : parts) {
                String name = String.valueOf(part).strip();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        });
        return names;
    }
}
