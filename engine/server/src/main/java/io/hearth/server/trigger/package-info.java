/**
 * What starts executions: webhook routes (production and the editor's test listener), schedules
 * (db-scheduler, cluster-safe and restart-proof) and long-lived trigger nodes; and the activation
 * that registers them when a workflow goes live.
 */
package io.hearth.server.trigger;
