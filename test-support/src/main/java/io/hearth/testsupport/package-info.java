/**
 * Test helpers shared by Hearth's modules. {@link io.hearth.testsupport.RealHomeAssistant} runs a real
 * Home Assistant core (through {@code scripts/ha/ha-test-env.sh}) for integration tests, which are
 * tagged {@code home-assistant}; {@link io.hearth.testsupport.RealHomeAssistantExtension} injects it.
 * {@link io.hearth.testsupport.RealMosquitto} runs Debian's Mosquitto broker (TCP, TLS, WebSocket and
 * client-certificate listeners) with its command-line clients for publishing and subscribing;
 * {@link io.hearth.testsupport.RealSmtpServer} runs a real SMTP server (aiosmtpd, through
 * {@code scripts/smtp}) storing what it receives in a Maildir; {@link io.hearth.testsupport.TestCertificates}
 * makes a throw-away CA with server and client certificates ({@code openssl}).
 */
package io.hearth.testsupport;
