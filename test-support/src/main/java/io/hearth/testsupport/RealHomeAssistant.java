package io.hearth.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, running Home Assistant core for integration tests: no mocks, no Docker.
 * <p>
 * {@link #shared()} gives the JVM-wide plain-HTTP instance:
 * <ul>
 *   <li>If the environment has {@code HEARTH_HA_URL} and {@code HEARTH_HA_TOKEN}, an outer script
 *       already started Home Assistant: those values are used as they are (plus {@code HEARTH_HA_USER_TOKEN},
 *       {@code HEARTH_HA_VERSION} and, when present, {@code HEARTH_HA_STATE_DIR} so that
 *       {@link #stop()}/{@link #start()} still work).</li>
 *   <li>Otherwise the project's {@code scripts/ha/ha-test-env.sh start <state-dir>} starts one (state in
 *       {@code target/ha-default} of the working directory, {@code target/ha-default-newest} when
 *       {@code HEARTH_HA_VERSION=newest} selects the newest supported line), once per JVM; a JVM shutdown
 *       hook stops it.</li>
 * </ul>
 * {@link #tls()} gives a second instance serving https with a self-signed certificate
 * ({@code HA_TLS=1}), for tests of TLS settings; it is always started by this class unless
 * {@code HEARTH_HA_TLS_URL}, {@code HEARTH_HA_TLS_TOKEN} and {@code HEARTH_HA_TLS_CA_CERT} are set.
 * <p>
 * The script is found under the {@link RepoRoot}.
 * <p>
 * When Home Assistant cannot be started the tests fail with the script's output and how to run it by
 * hand; with {@code CI=true} the message says so explicitly. The failure is remembered, so the other
 * tests of the JVM fail at once instead of waiting for another start.
 * <p>
 * Tokens are test tokens of a throw-away instance; still, this class never logs them.
 */
public final class RealHomeAssistant {

    private static final Logger LOG = LoggerFactory.getLogger(RealHomeAssistant.class);

    private static final Object LOCK = new Object();
    private static RealHomeAssistant shared;
    private static RealHomeAssistant tls;
    private static final Map<String, RealHomeAssistant> DEDICATED = new LinkedHashMap<>();
    private static RuntimeException sharedFailure;
    private static RuntimeException tlsFailure;

    private final String name;
    private final Optional<Path> stateDir;
    private final boolean managed;
    private final Map<String, String> extraEnv;
    private volatile Map<String, String> env;
    private volatile boolean running;

    private RealHomeAssistant(
            String name,
            Optional<Path> stateDir,
            boolean managed,
            Map<String, String> extraEnv,
            Map<String, String> env) {
        this.name = name;
        this.stateDir = stateDir;
        this.managed = managed;
        this.extraEnv = Map.copyOf(extraEnv);
        this.env = Map.copyOf(env);
        this.running = true;
    }

    /** The JVM-wide plain-HTTP Home Assistant (started on first use). */
    // a failed start is kept so later tests fail at once with its cause instead of starting again
    @SuppressWarnings("StaticAssignmentOfThrowable")
    public static RealHomeAssistant shared() {
        synchronized (LOCK) {
            if (shared != null) {
                return shared;
            }
            if (sharedFailure != null) {
                throw sharedFailure;
            }
            try {
                Map<String, String> sys = System.getenv();
                if (notBlank(sys.get("HEARTH_HA_URL")) && notBlank(sys.get("HEARTH_HA_TOKEN"))) {
                    Map<String, String> env = new LinkedHashMap<>();
                    sys.forEach((k, v) -> {
                        if (k.startsWith("HEARTH_HA_")) {
                            env.put(k, v);
                        }
                    });
                    HaTestEnvScript.fillFromUrl(env);
                    Optional<Path> dir = Optional.ofNullable(env.get("HEARTH_HA_STATE_DIR"))
                            .filter(RealHomeAssistant::notBlank)
                            .map(Path::of);
                    LOG.info("Using the Home Assistant given by the environment at {}", env.get("HEARTH_HA_URL"));
                    shared = new RealHomeAssistant("environment", dir, false, Map.of(), env);
                } else {
                    shared = startManaged("default", Map.of());
                }
                return shared;
            } catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
        }
    }

    /** A JVM-wide https Home Assistant with a self-signed certificate ({@code HA_TLS=1}). */
    // a failed start is kept so later tests fail at once with its cause instead of starting again
    @SuppressWarnings("StaticAssignmentOfThrowable")
    public static RealHomeAssistant tls() {
        synchronized (LOCK) {
            if (tls != null) {
                return tls;
            }
            if (tlsFailure != null) {
                throw tlsFailure;
            }
            try {
                Map<String, String> sys = System.getenv();
                if (notBlank(sys.get("HEARTH_HA_TLS_URL"))
                        && notBlank(sys.get("HEARTH_HA_TLS_TOKEN"))
                        && notBlank(sys.get("HEARTH_HA_TLS_CA_CERT"))) {
                    Map<String, String> env = new LinkedHashMap<>();
                    env.put("HEARTH_HA_URL", sys.get("HEARTH_HA_TLS_URL"));
                    env.put("HEARTH_HA_TOKEN", sys.get("HEARTH_HA_TLS_TOKEN"));
                    env.put("HEARTH_HA_CA_CERT", sys.get("HEARTH_HA_TLS_CA_CERT"));
                    HaTestEnvScript.fillFromUrl(env);
                    tls = new RealHomeAssistant("tls-environment", Optional.empty(), false, Map.of(), env);
                } else {
                    tls = startManaged("tls", Map.of("HA_TLS", "1"));
                }
                return tls;
            } catch (RuntimeException e) {
                tlsFailure = e;
                throw e;
            }
        }
    }

    /**
     * A plain-HTTP Home Assistant of its own (state in {@code target/ha-<name>}), started on first use and
     * reused within the JVM: for tests that {@link #stop()} and {@link #start()} it without disturbing the
     * tests using {@link #shared()}. Always started by this class, even when the environment gives a shared one.
     */
    public static RealHomeAssistant dedicated(String name) {
        if (!name.matches("[a-z0-9-]+") || name.equals("default") || name.equals("tls")) {
            throw new IllegalArgumentException(
                    "a dedicated instance needs its own name of [a-z0-9-], got '" + name + "'");
        }
        synchronized (LOCK) {
            RealHomeAssistant ha = DEDICATED.get(name);
            if (ha == null) {
                ha = startManaged(name, Map.of());
                DEDICATED.put(name, ha);
            }
            return ha;
        }
    }

    // ------------------------------------------------------------------------------- accessors

    /** Base URL, e.g. {@code http://127.0.0.1:18123} (no trailing slash). */
    public String url() {
        return stripSlash(require("HEARTH_HA_URL"));
    }

    /** WebSocket URL of the API, {@code ws(s)://host:port/api/websocket}. */
    public String websocketUrl() {
        return Optional.ofNullable(env.get("HEARTH_HA_WS_URL"))
                .filter(RealHomeAssistant::notBlank)
                .orElseGet(() -> url().replaceFirst("^http", "ws") + "/api/websocket");
    }

    public String host() {
        return require("HEARTH_HA_HOST");
    }

    public int port() {
        return Integer.parseInt(require("HEARTH_HA_PORT"));
    }

    public boolean https() {
        return url().startsWith("https:");
    }

    /** A long-lived access token of the owner (an administrator). */
    public String token() {
        return require("HEARTH_HA_TOKEN");
    }

    /** A long-lived access token of a non-admin user, when the environment has one. */
    public Optional<String> userToken() {
        return Optional.ofNullable(env.get("HEARTH_HA_USER_TOKEN")).filter(RealHomeAssistant::notBlank);
    }

    /** The Home Assistant version, e.g. {@code 2024.3.3} ({@code unknown} if the environment did not say). */
    public String version() {
        return Optional.ofNullable(env.get("HEARTH_HA_VERSION"))
                .filter(RealHomeAssistant::notBlank)
                .orElse("unknown");
    }

    /** The PEM file of the self-signed certificate of an https instance. */
    public Optional<Path> caCertificate() {
        return Optional.ofNullable(env.get("HEARTH_HA_CA_CERT"))
                .filter(RealHomeAssistant::notBlank)
                .map(Path::of);
    }

    /** The PEM text of {@link #caCertificate()}. */
    public Optional<String> caCertificatePem() {
        return caCertificate().map(p -> {
            try {
                return Files.readString(p);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + p, e);
            }
        });
    }

    public Optional<Path> stateDirectory() {
        return stateDir;
    }

    /** Home Assistant's log file, when known. */
    public Optional<Path> logFile() {
        return Optional.ofNullable(env.get("HEARTH_HA_LOG"))
                .filter(RealHomeAssistant::notBlank)
                .map(Path::of);
    }

    /**
     * What Home Assistant's login page does once its owner has signed in (its login flow API): the authorization code
     * the page would send to {@code redirectUri}.
     */
    public String loginFlowCode(String clientId, String redirectUri) {
        return HaLoginFlow.code(url(), environment(), clientId, redirectUri);
    }

    /** Every {@code HEARTH_HA_*} value of the running instance (ha.env); contains tokens: do not log. */
    public Map<String, String> environment() {
        return env;
    }

    public boolean isRunning() {
        return running;
    }

    /** True when this class started Home Assistant (and its shutdown hook stops it). */
    public boolean isManaged() {
        return managed;
    }

    // ------------------------------------------------------------------------------- lifecycle

    /** Stops Home Assistant (by the script, on its state dir). A later {@link #start()} restarts it. */
    public void stop() {
        synchronized (this) {
            Path dir = stateDir.orElseThrow(
                    () -> new UnsupportedOperationException(
                            "This Home Assistant was given by the environment without HEARTH_HA_STATE_DIR; it cannot be stopped from a test"));
            HaTestEnvScript.Result r = HaTestEnvScript.run(List.of("stop", dir.toString()), extraEnv);
            if (r.exitCode() != 0) {
                throw new IllegalStateException(
                        "ha-test-env.sh stop failed (exit " + r.exitCode() + "):\n" + r.output());
            }
            running = false;
            LOG.info("Home Assistant '{}' stopped", name);
        }
    }

    /**
     * Starts Home Assistant again on the same state dir (same port, same tokens); returns when the API
     * answers. A no-op wait when it is already running.
     */
    public void start() {
        synchronized (this) {
            Path dir = stateDir.orElseThrow(
                    () -> new UnsupportedOperationException(
                            "This Home Assistant was given by the environment without HEARTH_HA_STATE_DIR; it cannot be started from a test"));
            HaTestEnvScript.Result r = HaTestEnvScript.run(List.of("start", dir.toString()), extraEnv);
            if (r.exitCode() != 0) {
                throw HaTestEnvScript.failure("could not restart Home Assistant", r, dir);
            }
            env = Map.copyOf(HaTestEnvScript.readEnvFile(dir.resolve("ha.env")));
            running = true;
            LOG.info("Home Assistant '{}' started again at {}", name, url());
        }
    }

    @Override
    public String toString() {
        return "RealHomeAssistant[" + name + ", " + env.get("HEARTH_HA_URL") + ", " + version() + "]";
    }

    // ------------------------------------------------------------------------------- internals

    private static RealHomeAssistant startManaged(String name, Map<String, String> extraEnv) {
        Path dir = Path.of(System.getProperty("user.dir"))
                .toAbsolutePath()
                .resolve("target")
                .resolve("ha-" + name + line().map(l -> "-" + l).orElse(""));
        LOG.info(
                "Starting a real Home Assistant '{}' (state: {}); the first start installs it and takes minutes",
                name,
                dir);
        HaTestEnvScript.Result r = HaTestEnvScript.run(List.of("start", dir.toString()), extraEnv);
        if (r.exitCode() != 0) {
            throw HaTestEnvScript.failure("could not start Home Assistant", r, dir);
        }
        Map<String, String> env = HaTestEnvScript.readEnvFile(dir.resolve("ha.env"));
        RealHomeAssistant ha = new RealHomeAssistant(name, Optional.of(dir), true, extraEnv, env);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                HaTestEnvScript.run(List.of("stop", dir.toString()), extraEnv);
                            } catch (RuntimeException e) {
                                System.err.println("RealHomeAssistant: could not stop " + dir + ": " + e.getMessage());
                            }
                        },
                        "stop-home-assistant-" + name));
        LOG.info("Home Assistant '{}' {} is ready at {}", name, ha.version(), ha.url());
        return ha;
    }

    /**
     * The Home Assistant line this JVM tests when it is not the default: {@code HEARTH_HA_VERSION}
     * ({@code newest} or an exact version), which the script reads too. Each line keeps its own state dir.
     */
    private static Optional<String> line() {
        return Optional.ofNullable(System.getenv("HEARTH_HA_VERSION"))
                .map(String::strip)
                .filter(v -> !v.isEmpty() && !v.equals("oldest"))
                .filter(v -> v.matches("[A-Za-z0-9.]+"));
    }

    private String require(String key) {
        String v = env.get(key);
        if (!notBlank(v)) {
            throw new IllegalStateException(key + " is not known for Home Assistant '" + name + "'");
        }
        return v;
    }

    static String stripSlash(String s) {
        String t = Objects.requireNonNull(s).strip();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
