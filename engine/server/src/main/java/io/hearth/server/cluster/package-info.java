/**
 * Several instances on one PostgreSQL, coordinated only through the database: with db-scheduler, schedules fire
 * once across the cluster and each workflow's long-lived triggers are owned by one instance at a time; queued
 * executions are rows that workers claim (and take over when a worker dies, see
 * {@link io.hearth.server.execution.ExecutionQueue}).
 */
package io.hearth.server.cluster;
