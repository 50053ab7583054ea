/**
 * Hearth's MQTT plugin: the MQTT node ({@code hearth.mqtt} / {@code n8n-nodes-base.mqtt}, publish), the MQTT
 * Trigger ({@code hearth.mqttTrigger} / {@code n8n-nodes-base.mqttTrigger}) and the MQTT credential type
 * ({@code mqtt}), on Eclipse Paho's MQTT 3.1.1 client. Depends only on the node SPI ({@code io.hearth.node});
 * registered through {@code META-INF/services}.
 * <ul>
 *   <li>{@link io.hearth.nodes.mqtt.MqttConnections}: one connection per credential, shared by the node and the
 *       triggers; {@code MqttConnection} reconnects with backoff, resubscribes, routes messages, acknowledges QoS
 *       1/2 messages once their execution is durable and reports its status;</li>
 *   <li>{@code TopicFilter}: n8n's Topics field (filters, wildcards, {@code :qos}) and MQTT's matching rules;</li>
 *   <li>{@code MqttFailures}: "connection refused", "not authorized", "TLS handshake failed"... with what to do.</li>
 * </ul>
 */
package io.hearth.nodes.mqtt;
