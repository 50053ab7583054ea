package io.hearth.server.cluster;

import io.hearth.server.config.HearthProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * This instance's stable name: {@code hearth.cluster.instance-id}, else one generated once and kept
 * in the data directory, so a restarted instance recognises the executions it left behind.
 */
@Component
public class InstanceIdentity {

    private final String id;

    public InstanceIdentity(HearthProperties properties) {
        String configured = properties.cluster().instanceId();
        if (configured != null && !configured.isBlank()) {
            this.id = configured.strip();
        } else {
            this.id = fromFile(properties.dataDir().resolve("instance-id"));
        }
    }

    private static String fromFile(Path file) {
        try {
            if (Files.exists(file)) {
                String existing = Files.readString(file).strip();
                if (!existing.isEmpty()) {
                    return existing;
                }
            }
            Files.createDirectories(file.getParent());
            String generated = "hearth-" + UUID.randomUUID().toString().substring(0, 8);
            Files.writeString(file, generated + "\n");
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the instance id file " + file, e);
        }
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
