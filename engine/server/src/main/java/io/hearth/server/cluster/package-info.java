/**
 * Several instances on one PostgreSQL, coordinated only through the database with db-scheduler:
 * schedules fire once across the cluster, queued executions are claimed by workers (and taken over
 * when a worker dies), and each workflow's long-lived triggers are owned by one instance at a time.
 */
package io.hearth.server.cluster;
