package io.hearth.nodes.email;

import io.hearth.node.description.CredentialRequirement;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;

/**
 * The Send Email node's description in its newest form (n8n's type version 2.1, packages/nodes-base/nodes/EmailSend
 * at 5fbc8d1f): parameter names, defaults and options as n8n's; older versions are brought to it by
 * {@link SendEmailMigrations}.
 */
final class SendEmailDescription {

    static final String NAME = "hearth.emailSend";
    static final String N8N_NAME = "n8n-nodes-base.emailSend";
    static final String SEND = "send";
    static final String SEND_AND_WAIT = "sendAndWait";

    private SendEmailDescription() {}

    static NodeDescription build() {
        return NodeDescription.builder(NAME)
                .alias(N8N_NAME)
                .displayName("Send Email")
                .versions(1, 2, 2.1)
                .group(NodeGroup.ACTION)
                .categories("Communication")
                .keywords("SMTP", "email", "mail")
                .icon("fa:envelope")
                .description("Sends an email using SMTP protocol")
                .subtitle("={{$parameter[\"toEmail\"]}}")
                .credential(CredentialRequirement.required(SmtpCredentialType.NAME))
                .parameter(Parameter.options(
                                "operation",
                                Option.of("Send", SEND, "Send an Email"),
                                Option.of(
                                        "Send and Wait for Response",
                                        SEND_AND_WAIT,
                                        "Not supported by Hearth (it needs n8n's waiting webhooks)"))
                        .displayName("Operation")
                        .defaultValue(SEND)
                        .noDataExpression())
                .parameter(Parameter.string("fromEmail")
                        .displayName("From Email")
                        .required()
                        .placeholder("admin@example.com")
                        .description("Email address of the sender. You can also specify a name: Ada Lovelace "
                                + "<ada@example.com>.")
                        .show("operation", SEND))
                .parameter(Parameter.string("toEmail")
                        .displayName("To Email")
                        .required()
                        .placeholder("info@example.com")
                        .description("Email address of the recipient (several: separated by commas). You can also "
                                + "specify a name: Ada Lovelace <ada@example.com>.")
                        .show("operation", SEND))
                .parameter(Parameter.string("subject")
                        .displayName("Subject")
                        .placeholder("My subject line")
                        .description("Subject line of the email")
                        .show("operation", SEND))
                .parameter(Parameter.options(
                                "emailFormat",
                                Option.of("Text", "text", "Send email as plain text"),
                                Option.of("HTML", "html", "Send email as HTML"),
                                Option.of(
                                        "Both",
                                        "both",
                                        "Send both formats, recipient's client selects version to display"))
                        .displayName("Email Format")
                        .defaultValue("html")
                        .show("operation", SEND))
                .parameter(Parameter.text("text", 5)
                        .displayName("Text")
                        .description("Plain text message of email")
                        .show("operation", SEND)
                        .show("emailFormat", "text", "both"))
                .parameter(Parameter.text("html", 5)
                        .displayName("HTML")
                        .description("HTML text message of email")
                        .show("operation", SEND)
                        .show("emailFormat", "html", "both"))
                .parameter(Parameter.collection(
                                "options",
                                "Add option",
                                Parameter.bool("appendAttribution")
                                        .displayName("Append Hearth Attribution")
                                        .defaultValue(true)
                                        .description("Whether to include the phrase 'This email was sent "
                                                + "automatically with Hearth' to the end of the email")
                                        .build(),
                                Parameter.string("attachments")
                                        .displayName("Attachments")
                                        .placeholder("data, image")
                                        .description("Name of the binary properties that contain data to add to "
                                                + "email as attachment. Multiple ones can be comma-separated. "
                                                + "Reference embedded images or other content within the body of "
                                                + "an email message, e.g. <img src=\"cid:image_1\">")
                                        .build(),
                                Parameter.string("ccEmail")
                                        .displayName("CC Email")
                                        .placeholder("cc@example.com")
                                        .description("Email address of CC recipient")
                                        .build(),
                                Parameter.string("bccEmail")
                                        .displayName("BCC Email")
                                        .placeholder("bcc@example.com")
                                        .description("Email address of BCC recipient")
                                        .build(),
                                Parameter.bool("allowUnauthorizedCerts")
                                        .displayName("Ignore SSL Issues (Insecure)")
                                        .defaultValue(false)
                                        .description(
                                                "Whether to connect even if SSL certificate validation is not possible")
                                        .build(),
                                Parameter.string("replyTo")
                                        .displayName("Reply To")
                                        .placeholder("info@example.com")
                                        .description("The email address to send the reply to")
                                        .build())
                        .displayName("Options")
                        .show("operation", SEND))
                .documentationUrl("https://docs.n8n.io/integrations/builtin/core-nodes/n8n-nodes-base.sendemail/")
                .build();
    }
}
