package io.hearth.server.config;

import io.hearth.credentials.CredentialStore;
import io.hearth.runtime.registry.NodeRegistry;
import java.lang.management.ManagementFactory;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Says where Hearth is reachable and where its data and encryption key live, once it is ready. */
@Component
public class StartupBanner implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger("hearth");

    private final HearthProperties properties;
    private final CredentialStore credentials;
    private final NodeRegistry registry;
    private final DataSource dataSource;

    public StartupBanner(
            HearthProperties properties, CredentialStore credentials, NodeRegistry registry, DataSource dataSource) {
        this.properties = properties;
        this.credentials = credentials;
        this.registry = registry;
        this.dataSource = dataSource;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext w
                ? w.getWebServer().getPort()
                : -1;
        String url = properties.publicUrl() == null || properties.publicUrl().isBlank()
                ? "http://localhost:" + port + "/"
                : properties.publicUrl();
        String database;
        try (var c = dataSource.getConnection()) {
            database = c.getMetaData().getDatabaseProductName() + " "
                    + c.getMetaData().getURL();
        } catch (Exception e) {
            database = "unknown (" + e.getMessage() + ")";
        }
        long startedIn = System.currentTimeMillis()
                - ManagementFactory.getRuntimeMXBean().getStartTime();
        log.info(
                """

                ===============================================================
                 Hearth is ready in {} ms
                 Editor and API:  {}
                 API docs:        {}swagger-ui.html
                 Webhooks:        {}webhook/<path>
                 Data directory:  {}
                 Database:        {}
                 Encryption key:  {} (key id {})
                 Node types:      {} ({} plugin problems)
                ===============================================================""",
                startedIn,
                url,
                url,
                url,
                properties.dataDir().toAbsolutePath().normalize(),
                database,
                credentials.keySource().describe(),
                credentials.keyId(),
                registry.nodeTypes().size(),
                registry.failures().size());
    }
}
