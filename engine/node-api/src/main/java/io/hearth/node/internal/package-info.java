/**
 * Not part of the SPI: implementations the SPI hands out and the runtime builds directly
 * ({@link io.hearth.node.internal.MapParameterValues}, behind {@link io.hearth.node.ParameterValues#of}). Plugins must
 * not use it; it may change in any release.
 */
package io.hearth.node.internal;
