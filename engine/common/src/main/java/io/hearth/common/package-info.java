/**
 * What the engine's modules (runtime, credentials, ui-schema, server, the built-in node modules) share and plugins
 * never see: {@link io.hearth.common.Json}, the one Jackson configuration for JSON text,
 * {@link io.hearth.common.SecretRedactor}, which masks secrets in logs, errors and execution data, and
 * {@link io.hearth.common.Timers}, timers whose cancelled deadlines do not stay queued.
 * <p>
 * Not part of the plugin SPI: a plugin depends on {@code hearth-node-api} only and brings its own JSON library.
 */
package io.hearth.common;
