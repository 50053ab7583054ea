/**
 * Helpers for plugin authors: {@link io.hearth.node.support.MiniJson} (JSON text to JSON-like values and back, so a
 * plugin needs no JSON library), {@link io.hearth.node.support.HeaderText} (is a value safe in an HTTP header?) and
 * {@link io.hearth.node.support.Backoff} (reconnect delays).
 */
package io.hearth.node.support;
