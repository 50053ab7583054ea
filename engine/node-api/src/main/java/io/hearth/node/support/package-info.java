/** Ready-made implementations of SPI interfaces that plugins and the runtime share. */
package io.hearth.node.support;
