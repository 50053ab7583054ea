/**
 * Hearth's email plugin: the Send Email node ({@code hearth.emailSend}, also {@code n8n-nodes-base.emailSend},
 * type versions 1, 2 and 2.1) and the SMTP credential type ({@code smtp}), on Angus Mail, the Jakarta Mail
 * implementation. Depends only on the node SPI ({@code io.hearth.node}); registered through
 * {@code META-INF/services}.
 * <ul>
 *   <li>{@link io.hearth.nodes.email.SmtpCredentialType}: n8n's fields, a Test button that connects, says
 *       EHLO, upgrades to TLS and signs in;</li>
 *   <li>{@link io.hearth.nodes.email.SmtpSession}: one connection to the server, timed per SMTP phase so the
 *       node answers with what n8n's (nodemailer's) answer holds;</li>
 *   <li>{@link io.hearth.nodes.email.SmtpFailures}: every failure as a sentence naming the SMTP reply code and
 *       text, or what went wrong before a reply (refused, unknown host, TLS handshake).</li>
 * </ul>
 */
package io.hearth.nodes.email;
