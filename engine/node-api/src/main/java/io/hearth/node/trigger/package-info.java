/**
 * Nodes that start executions: long-lived triggers ({@link io.hearth.node.trigger.TriggerNode}),
 * HTTP webhooks ({@link io.hearth.node.trigger.WebhookNode}) and schedules
 * ({@link io.hearth.node.trigger.ScheduleTriggerNode}, fired by the server's cluster-safe scheduler).
 */
package io.hearth.node.trigger;
