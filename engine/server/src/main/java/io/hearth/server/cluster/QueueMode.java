package io.hearth.server.cluster;

import io.hearth.server.config.HearthProperties;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * What this instance does with the execution queue, from {@code hearth.cluster.role} and {@code queue-mode}.
 *
 * @param enqueues executions nobody waits on (webhooks answering at once, schedules, event triggers) are queued
 *                 for the workers instead of run here: a main, or any role in queue mode
 * @param works    this instance claims and runs queued executions: a worker, or an all-in-one in queue mode
 */
public record QueueMode(boolean enqueues, boolean works) {

    public static QueueMode of(HearthProperties.Cluster cluster) {
        return switch (cluster.role()) {
            case "all-in-one" -> new QueueMode(cluster.queueMode(), cluster.queueMode());
            case "main" -> new QueueMode(true, false);
            case "worker" -> new QueueMode(true, true);
            default ->
                throw new IllegalStateException("hearth.cluster.role (HEARTH_CLUSTER_ROLE) must be all-in-one, main or "
                        + "worker, not '" + cluster.role() + "'");
        };
    }

    public boolean used() {
        return enqueues || works;
    }

    /** The queue lives in PostgreSQL (SKIP LOCKED, LISTEN/NOTIFY): start-up stops here on another database. */
    public void requirePostgres(DataSource dataSource) {
        if (!used()) {
            return;
        }
        String product;
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database: " + e.getMessage(), e);
        }
        if (!"PostgreSQL".equals(product)) {
            throw new IllegalStateException("Queue mode (hearth.cluster.queue-mode, or role main/worker) needs "
                    + "PostgreSQL (spring.datasource.url jdbc:postgresql://...), not " + product);
        }
    }
}
