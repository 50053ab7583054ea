/**
 * The machinery of the Home Assistant Trigger node: what a trigger listens for and its filters
 * ({@link io.hearth.nodes.homeassistant.trigger.TriggerSpec}, {@link io.hearth.nodes.homeassistant.trigger.EventDataFilter},
 * {@link io.hearth.nodes.homeassistant.trigger.TriggerConfigParser}), the items it emits
 * ({@link io.hearth.nodes.homeassistant.trigger.TriggerItems}), one shared, reconnecting WebSocket per credential
 * ({@link io.hearth.nodes.homeassistant.trigger.HaEventConnection}, {@link io.hearth.nodes.homeassistant.trigger.HaEventConnections},
 * {@link io.hearth.node.support.Backoff}) and one activated trigger
 * ({@link io.hearth.nodes.homeassistant.trigger.ActiveTrigger}). The WebSocket protocol and transport are the
 * client package's ({@link io.hearth.nodes.homeassistant.client.HaWebSocketProtocol},
 * {@link io.hearth.nodes.homeassistant.client.HomeAssistantClient#websocket}).
 */
package io.hearth.nodes.homeassistant.trigger;
