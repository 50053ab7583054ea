package io.hearth.server.database;

import io.hearth.server.config.HearthProperties;
import javax.sql.DataSource;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/** The database at start-up: the embedded SQLite set up before its schema, an earlier Hearth's H2 data moved in after. */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    @Bean
    DatabaseKind databaseKind(DataSource dataSource) {
        return DatabaseKind.of(dataSource);
    }

    /** Used by JdbcTemplate and JdbcClient; only SQLite's errors are translated differently from Spring's default. */
    @Bean
    SQLExceptionTranslator sqlExceptionTranslator() {
        return new SqliteExceptionTranslator();
    }

    @Bean
    DatabaseHousekeeping databaseHousekeeping(DatabaseKind kind, DataSource dataSource) {
        return new DatabaseHousekeeping(new JdbcTemplate(dataSource), kind);
    }

    @Bean
    WalCheckpointer walCheckpointer(DatabaseKind kind, DataSource dataSource) {
        return new WalCheckpointer(new JdbcTemplate(dataSource), kind);
    }

    @Bean
    WriteTurns writeTurns(DatabaseKind kind) {
        return new WriteTurns(kind);
    }

    @Bean
    FlywayMigrationStrategy migrations(
            DatabaseKind kind, DatabaseHousekeeping housekeeping, DataSource dataSource, HearthProperties properties) {
        return flyway -> {
            housekeeping.prepare();
            flyway.migrate();
            LegacyH2Import legacy = new LegacyH2Import(properties.dataDir(), dataSource);
            if (kind == DatabaseKind.SQLITE && legacy.pending()) {
                legacy.run();
            }
        };
    }
}
