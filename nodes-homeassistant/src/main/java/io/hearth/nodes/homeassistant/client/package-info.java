/**
 * A reactive Home Assistant client: REST calls described as data ({@link io.hearth.nodes.homeassistant.client.HaRequest}),
 * Reactor Netty transport with pooled connections and TLS from the credential
 * ({@link io.hearth.nodes.homeassistant.client.HomeAssistantClient}), one client per credential
 * ({@link io.hearth.nodes.homeassistant.client.HomeAssistantClients}), error mapping to user-facing
 * {@link io.hearth.node.NodeApiException}s ({@link io.hearth.nodes.homeassistant.client.HomeAssistantErrors}) and the
 * WebSocket protocol (auth flow, message encoding) in {@link io.hearth.nodes.homeassistant.client.HaWebSocketProtocol},
 * reusable by a long-lived connection.
 */
package io.hearth.nodes.homeassistant.client;
