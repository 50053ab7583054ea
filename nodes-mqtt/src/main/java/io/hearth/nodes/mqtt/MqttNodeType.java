package io.hearth.nodes.mqtt;

import io.hearth.node.description.CredentialRequirement;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;

/**
 * What the MQTT node and the MQTT Trigger share: the connections they use (the process-wide ones when loaded by
 * {@link java.util.ServiceLoader}, a test's own otherwise) and their description's common part (version, category,
 * icon, the MQTT credential).
 */
abstract sealed class MqttNodeType permits MqttNode, MqttTriggerNode {

    final MqttConnections connections;
    private final NodeDescription description;

    MqttNodeType(MqttConnections connections, NodeDescription description) {
        this.connections = connections;
        this.description = description;
    }

    /** The start of an MQTT node's description: its names, version 1, category, icon and credential. */
    static NodeDescription.Builder describe(String name, String n8nAlias, NodeGroup group) {
        return NodeDescription.builder(name)
                .alias(n8nAlias)
                .versions(1)
                .group(group)
                .categories("Communication")
                .icon("file:mqtt.svg")
                .credential(CredentialRequirement.required(MqttCredentialType.NAME));
    }

    public NodeDescription description() {
        return description;
    }
}
