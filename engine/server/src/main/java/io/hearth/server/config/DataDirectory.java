package io.hearth.server.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The data directory holds the database, the key file and plugins: readable by Hearth's user only. Created with mode
 * 0700 when missing; the embedded database files Hearth creates get 0600 (SQLite and H2 would create them 0644 under
 * the usual umask). A new SQLite database file is created empty with 0600 before SQLite opens it: SQLite gives its
 * write-ahead log and shared-memory files the database file's mode. An existing directory and existing files keep
 * the modes their owner gave them.
 */
public final class DataDirectory implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path dir;
    private final List<Path> existingFiles;

    DataDirectory(Path dir, String databaseUrl) {
        this.dir = dir.toAbsolutePath().normalize();
        try {
            if (!Files.exists(this.dir)) {
                if (POSIX) {
                    Files.createDirectories(
                            this.dir,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(this.dir);
                }
            }
            this.existingFiles = databaseFiles();
            createSqliteFile(databaseUrl);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + this.dir, e);
        }
    }

    /** {@code jdbc:sqlite:<file>?...}: an empty file is a new database to SQLite. */
    private static void createSqliteFile(String databaseUrl) throws IOException {
        if (!POSIX || !databaseUrl.startsWith("jdbc:sqlite:")) {
            return;
        }
        String file = databaseUrl.substring("jdbc:sqlite:".length());
        int query = file.indexOf('?');
        file = query >= 0 ? file.substring(0, query) : file;
        if (file.isEmpty() || file.startsWith(":") || file.startsWith("file:")) {
            return; // in memory, or a URI the user wrote: theirs to set up
        }
        Path path = Path.of(file).toAbsolutePath();
        if (!Files.exists(path) && Files.isDirectory(path.getParent())) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
    }

    public Path path() {
        return dir;
    }

    /** After start-up (the database exists by then): the database files this start created become 0600. */
    @Override
    public void afterSingletonsInstantiated() {
        if (!POSIX) {
            return;
        }
        try {
            for (Path f : databaseFiles()) {
                if (!existingFiles.contains(f)) {
                    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
                }
            }
        } catch (IOException e) {
            log.warn("Could not restrict the database files in {} to their owner: {}", dir, e.toString());
        }
    }

    private List<Path> databaseFiles() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                        String name = f.getFileName().toString();
                        return name.endsWith(".db") || name.endsWith(".db-wal") || name.endsWith(".db-shm");
                    })
                    .toList();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Setup {

        @Bean
        static DataDirectory dataDirectory(org.springframework.core.env.Environment environment) {
            return new DataDirectory(
                    Path.of(environment.getProperty("hearth.data-dir", "./data")),
                    environment.getProperty("spring.datasource.url", ""));
        }

        /** The directory exists (with its mode) before the embedded database or anything else writes into it. */
        @Bean
        static BeanFactoryPostProcessor dataSourceAfterDataDirectory() {
            return factory -> {
                for (String name : factory.getBeanNamesForType(javax.sql.DataSource.class, true, false)) {
                    var definition = factory.getBeanDefinition(name);
                    String[] before = definition.getDependsOn() == null ? new String[0] : definition.getDependsOn();
                    String[] after = java.util.Arrays.copyOf(before, before.length + 1);
                    after[before.length] = "dataDirectory";
                    definition.setDependsOn(after);
                }
            };
        }
    }
}
