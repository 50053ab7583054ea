package io.hearth.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Mosquitto broker for tests (Debian's {@code mosquitto} package; {@code .ci/run} installs it), started on
 * free ports of 127.0.0.1 with a password file and a certificate of a test CA made by {@link TestCertificates}:
 * <ul>
 *   <li>{@link #port()}: MQTT over TCP, user name and password required;</li>
 *   <li>{@link #tlsPort()}: MQTT over TLS (same users);</li>
 *   <li>{@link #wsPort()}: MQTT over WebSocket;</li>
 *   <li>{@link #mtlsPort()}: MQTT over TLS with a client certificate required (its CN is the user; no password).</li>
 * </ul>
 * Sessions and retained messages persist across {@link #stop()} / {@link #start()} (same ports), as for a broker
 * restarted by its service manager. {@link #publish} and {@link #subscribe} use the broker's own command-line
 * clients, {@code mosquitto_pub} and {@code mosquitto_sub}.
 */
public final class RealMosquitto {

    private static final Logger LOG = LoggerFactory.getLogger(RealMosquitto.class);
    private static final JvmShared<RealMosquitto> SHARED = new JvmShared<>(() -> new RealMosquitto("shared"));
    private static final Map<String, RealMosquitto> DEDICATED = new LinkedHashMap<>();

    private final Path dir;
    private final int port;
    private final int tlsPort;
    private final int wsPort;
    private final int mtlsPort;
    private final String user = "hearth";
    private final String password = "mqtt-" + UUID.randomUUID();
    private final TestCertificates certificates;
    private final LocalProcess process;

    private RealMosquitto(String name) {
        this.dir = Path.of(System.getProperty("user.dir"))
                .toAbsolutePath()
                .resolve("target/mosquitto-" + name + "-"
                        + ProcessHandle.current().pid());
        String binary = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
        this.certificates = TestCertificates.createIn(dir.resolve("certs"));
        int[] ports = LocalProcess.freePorts(4);
        this.port = ports[0];
        this.tlsPort = ports[1];
        this.wsPort = ports[2];
        this.mtlsPort = ports[3];
        writeConfig();
        this.process = new LocalProcess(
                "mosquitto-" + name,
                List.of(binary, "-c", dir.resolve("mosquitto.conf").toString()),
                dir.resolve("mosquitto.log"));
        start();
        LOG.info(
                "Mosquitto '{}' ready on 127.0.0.1:{} (TLS {}, WebSocket {}, client certificates {})",
                name,
                port,
                tlsPort,
                wsPort,
                mtlsPort);
    }

    /** The JVM-wide broker (started on first use). */
    public static RealMosquitto shared() {
        return SHARED.get();
    }

    /** A broker of its own, for tests that stop and start it without disturbing the others. */
    public static RealMosquitto dedicated(String name) {
        synchronized (DEDICATED) {
            return DEDICATED.computeIfAbsent(name, RealMosquitto::new);
        }
    }

    private void writeConfig() {
        try {
            Files.createDirectories(dir.resolve("data"));
            Path passwords = dir.resolve("passwords");
            LocalProcess.Result r = LocalProcess.run(
                    List.of("mosquitto_passwd", "-b", "-c", passwords.toString(), user, password), dir);
            if (r.exitCode() != 0) {
                throw new IllegalStateException("mosquitto_passwd failed (is Debian's mosquitto installed? "
                        + "apt-get install -y mosquitto mosquitto-clients): " + r.output());
            }
            String tls = "cafile " + certificates.caCert() + "\ncertfile " + certificates.serverCert() + "\nkeyfile "
                    + certificates.serverKey() + "\n";
            String config = String.join(
                    "\n",
                    "# written by RealMosquitto for one test JVM",
                    "per_listener_settings true",
                    "persistence true",
                    "persistence_location " + dir.resolve("data") + "/",
                    // stay the user the tests run as (as root, mosquitto would switch to 'mosquitto')
                    "user " + System.getProperty("user.name"),
                    "log_dest stdout",
                    "log_type error",
                    "log_type warning",
                    "log_type notice",
                    "log_type information",
                    "connection_messages true",
                    "",
                    "listener " + port + " 127.0.0.1",
                    "allow_anonymous false",
                    "password_file " + passwords,
                    "",
                    "listener " + tlsPort + " 127.0.0.1",
                    "allow_anonymous false",
                    "password_file " + passwords,
                    tls,
                    "listener " + wsPort + " 127.0.0.1",
                    "protocol websockets",
                    "allow_anonymous false",
                    "password_file " + passwords,
                    "",
                    "listener " + mtlsPort + " 127.0.0.1",
                    "require_certificate true",
                    "use_identity_as_username true",
                    tls);
            Files.writeString(dir.resolve("mosquitto.conf"), config + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the Mosquitto configuration in " + dir, e);
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public int tlsPort() {
        return tlsPort;
    }

    public int wsPort() {
        return wsPort;
    }

    public int mtlsPort() {
        return mtlsPort;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The test CA that signed the broker's certificate, and a client certificate (CN hearth-test-client). */
    public TestCertificates certificates() {
        return certificates;
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    /** Starts the broker (again) on the same ports and persistence; returns when it accepts connections. */
    public synchronized void start() {
        process.startAndWaitForPort(port, Duration.ofSeconds(30));
    }

    /** Stops the broker (SIGTERM: it saves sessions and retained messages first). */
    public synchronized void stop() {
        process.stop();
    }

    /** A command line of one of the broker's clients, connecting to {@link #port()} as {@link #user()}. */
    private List<String> client(String program) {
        return new ArrayList<>(
                List.of(program, "-h", host(), "-p", Integer.toString(port), "-u", user, "-P", password));
    }

    /** Publishes with {@code mosquitto_pub} (as {@link #user()}). */
    public void publish(String topic, String payload, int qos, boolean retain) {
        List<String> command = client("mosquitto_pub");
        command.addAll(List.of("-t", topic, "-m", payload, "-q", Integer.toString(qos)));
        if (retain) {
            command.add("-r");
        }
        LocalProcess.Result r = LocalProcess.run(command, dir);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("mosquitto_pub failed (exit " + r.exitCode() + "): " + r.output());
        }
    }

    /**
     * A {@code mosquitto_sub} on {@code filter} (QoS 2, so a message arrives at the QoS it was published with)
     * collecting what the broker delivers; returns once the subscription is in place.
     */
    public Subscription subscribe(String filter) {
        return new Subscription(filter);
    }

    /** Messages a {@code mosquitto_sub} received, in order. */
    public final class Subscription implements AutoCloseable {
        private final Process process;
        private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

        private Subscription(String filter) {
            String ready = "hearth/ready/" + UUID.randomUUID();
            try {
                List<String> command = client("mosquitto_sub");
                command.addAll(List.of("-q", "2", "-t", filter, "-t", ready, "-F", "%q\t%r\t%t\t%p"));
                process = new ProcessBuilder(command).redirectErrorStream(true).start();
                process.getOutputStream().close();
            } catch (IOException e) {
                throw new IllegalStateException("cannot run mosquitto_sub: " + e.getMessage(), e);
            }
            Thread.ofVirtual().name("mosquitto_sub " + filter).start(() -> read());
            // publish to a topic of its own until the subscription has it: then it is in place
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (deliveries.stream().noneMatch(d -> d.message().topic().equals(ready))) {
                if (System.nanoTime() > end || !process.isAlive()) {
                    close();
                    throw new IllegalStateException("mosquitto_sub did not subscribe to " + filter);
                }
                publish(ready, "ready", 0, false);
            }
            deliveries.removeIf(d -> d.message().topic().equals(ready));
        }

        private void read() {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    String[] f = line.split("\t", 4);
                    if (f.length == 4) {
                        deliveries.add(new Delivery(new Message(f[2], f[3]), Integer.parseInt(f[0]), f[1].equals("1")));
                    }
                }
            } catch (IOException ignored) {
                // closed
            }
        }

        /** What arrived so far (the readiness probes left out). */
        public List<Message> messages() {
            return deliveries().stream().map(Delivery::message).toList();
        }

        /** What arrived so far with the QoS it was delivered at and the broker's retained flag. */
        public List<Delivery> deliveries() {
            return deliveries.stream()
                    .filter(d -> !d.message().topic().startsWith("hearth/ready/"))
                    .toList();
        }

        @Override
        public void close() {
            process.destroy();
        }
    }

    /** One message as {@code mosquitto_sub} printed it. */
    public record Message(String topic, String payload) {}

    /**
     * A message as delivered: its QoS, and whether the broker flagged it retained (it does for a retained message
     * handed to a subscriber when it subscribes, not for one that arrives while it is subscribed).
     */
    public record Delivery(Message message, int qos, boolean retained) {}
}
