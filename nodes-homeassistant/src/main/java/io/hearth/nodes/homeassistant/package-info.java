/**
 * Hearth's Home Assistant plugin: the {@link io.hearth.nodes.homeassistant.HomeAssistantNode} action node
 * (n8n-compatible, {@code hearth.homeAssistant} / {@code n8n-nodes-base.homeAssistant}), its description and
 * its dynamic dropdowns. Depends only on the node SPI ({@code io.hearth.node}); registered through
 * {@code META-INF/services}.
 */
package io.hearth.nodes.homeassistant;
