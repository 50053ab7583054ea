package io.hearth.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.server.config.HearthProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class QueueModeTest {

    private static HearthProperties.Cluster cluster(String role, boolean queueMode) {
        return new HearthProperties.Cluster(role, queueMode, 16, Duration.ofSeconds(10), "");
    }

    @Test
    void aMainQueuesAndAWorkerQueuesAndRuns() {
        assertThat(QueueMode.of(cluster("main", false))).isEqualTo(new QueueMode(true, false));
        assertThat(QueueMode.of(cluster("worker", false))).isEqualTo(new QueueMode(true, true));
        assertThat(QueueMode.of(cluster("all-in-one", true))).isEqualTo(new QueueMode(true, true));
        assertThat(QueueMode.of(cluster("all-in-one", false)).used()).isFalse();
    }

    @Test
    void refusesAnUnknownRoleNamingTheSetting() {
        assertThatThrownBy(() -> QueueMode.of(cluster("workers", false)))
                .hasMessageContaining("HEARTH_CLUSTER_ROLE")
                .hasMessageContaining("all-in-one, main or worker, not 'workers'");
    }

    @Test
    void refusesQueueModeOnTheEmbeddedDatabase() {
        var sqlite = new DriverManagerDataSource("jdbc:sqlite::memory:");
        assertThatThrownBy(() -> QueueMode.of(cluster("main", false)).requirePostgres(sqlite))
                .hasMessageContaining("needs PostgreSQL")
                .hasMessageContaining("not SQLite");
        QueueMode.of(cluster("all-in-one", false)).requirePostgres(sqlite); // without queue mode any database does
    }
}
