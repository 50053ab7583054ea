package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The packaged server (target/hearth-server.jar) in a process of its own, launched as
 * {@code ./hearth start} launches it: the JVM options of the repository's jvm.options, the default
 * configuration, a data directory of its own. Stopped with SIGTERM.
 */
final class LaunchedServer implements AutoCloseable {

    static final String OWNER_EMAIL = "owner@test.example";
    static final String OWNER_PASSWORD = "owner-pass-123-limits";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    final Process process;
    final int port;
    final Path dataDir;
    final Path log;
    private String apiKey;

    private LaunchedServer(Process process, int port, Path dataDir, Path log) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.log = log;
    }

    /** The options of jvm.options at the repository root, as scripts/jvm-options.sh reads them. */
    static List<String> launcherJvmOptions() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("jvm.options"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("jvm.options above " + Path.of("").toAbsolutePath()).isNotNull();
        try {
            List<String> options = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("jvm.options"))) {
                int comment = line.indexOf('#');
                String text = comment >= 0 ? line.substring(0, comment) : line;
                Arrays.stream(text.trim().split("\\s+"))
                        .filter(s -> !s.isEmpty())
                        .forEach(options::add);
            }
            return options;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LaunchedServer start(String name, Path dataDir, String... serverArgs) {
        return start(name, dataDir, Map.of(), List.of(serverArgs));
    }

    /**
     * Also with {@code environment} (e.g. a shared database: {@code SPRING_DATASOURCE_URL}) and {@code arguments}
     * ({@code --hearth.cluster.instance-id=a}) — several launched servers make a cluster.
     */
    static LaunchedServer start(String name, Path dataDir, Map<String, String> environment, List<String> arguments) {
        try {
            int port;
            try (var s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path jar = Path.of("target/hearth-server.jar").toAbsolutePath();
            assertThat(jar)
                    .as("the packaged server (failsafe runs after package)")
                    .exists();
            Path log = Path.of("target/" + name + ".log").toAbsolutePath();
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(launcherJvmOptions());
            command.addAll(
                    List.of("--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "--server.port=" + port));
            command.addAll(arguments);
            ProcessBuilder pb =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("HEARTH_DATA_DIR", dataDir.toString());
            pb.environment().put("HEARTH_OWNER_EMAIL", OWNER_EMAIL);
            pb.environment().put("HEARTH_OWNER_PASSWORD", OWNER_PASSWORD);
            pb.environment().putAll(environment);
            LaunchedServer server = new LaunchedServer(pb.start(), port, dataDir, log);
            Awaitility.await()
                    .atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .until(() -> {
                        assertThat(server.process.isAlive())
                                .as("server process (see " + log + ")")
                                .isTrue();
                        return server.get("/actuator/health/readiness").statusCode() == 200;
                    });
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** An API key of the owner (signs in once). */
    String apiKey() {
        if (apiKey == null) {
            HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(url("/api/v1/auth/login")))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            Json.write(Map.of("email", OWNER_EMAIL, "password", OWNER_PASSWORD)))));
            String cookie = login.headers().firstValue("set-cookie").orElseThrow();
            HttpResponse<String> key = send(HttpRequest.newBuilder(URI.create(url("/api/v1/api-keys")))
                    .header("Cookie", cookie.substring(0, cookie.indexOf(';')))
                    .header("Content-Type", "application/json")
                    .header("Origin", url(""))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"it\"}")));
            apiKey = (String) json(key).get("key");
        }
        return apiKey;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET());
    }

    HttpResponse<String> api(String method, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("X-Hearth-Api-Key", apiKey())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(2))
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(HttpResponse<String> response) {
        return (Map<String, Object>) Json.parse(response.body());
    }

    /** Sends SIGKILL (kill -9: no shutdown hook, no flush, nothing of the process's own runs) and waits for the end. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends SIGTERM and waits for the process to end; true when it ended before the deadline. */
    boolean terminate(Duration deadline) {
        process.destroy();
        try {
            return process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive() && !terminate(Duration.ofSeconds(60))) {
            process.destroyForcibly();
        }
    }
}
