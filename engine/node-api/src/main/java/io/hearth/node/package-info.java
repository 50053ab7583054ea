/**
 * The contract between Hearth and a node plugin: what a node type declares
 * ({@link io.hearth.node.NodeType#description()}) and how it runs ({@link io.hearth.node.ActionNode},
 * {@link io.hearth.node.BlockingActionNode}, {@link io.hearth.node.trigger.TriggerNode},
 * {@link io.hearth.node.trigger.WebhookNode}, {@link io.hearth.node.trigger.ScheduleTriggerNode}).
 * <p>
 * This module has no dependencies: a plugin jar depends on it and on nothing of the server.
 * Plugins are found with {@link java.util.ServiceLoader}: list your {@code NodeType} and
 * {@code CredentialType} implementations in {@code META-INF/services}.
 */
package io.hearth.node;
