package io.hearth.nodes.homeassistant.bench;

import io.hearth.node.credential.CredentialData;
import io.hearth.node.trigger.TriggerHandle;
import io.hearth.nodes.homeassistant.HomeAssistantTriggerNode;
import io.hearth.nodes.homeassistant.client.Json;
import io.hearth.nodes.homeassistant.trigger.HaEventConnections;
import io.hearth.nodes.homeassistant.trigger.TriggerItems;
import io.hearth.testkit.TestTriggerContext;
import io.hearth.testsupport.RealHomeAssistant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throwaway harness (not part of the test suite): how fast Home Assistant events reach the trigger's
 * {@code emit} call, with 1 and with 50 active triggers sharing one credential (one WebSocket, one
 * {@code subscribe_events hearth_bench} subscription).
 * <p>
 * A separate plain JDK WebSocket fires {@code hearth_bench} events with {@code fire_event} as fast as Home
 * Assistant confirms them (at most 256 unconfirmed). Throughput = events fired / (last emit - first fire);
 * latency = the emit call's {@link Instant#now()} minus the event's {@code time_fired} (same host clock).
 * Two runs per trigger count: a burst (as fast as HA fires; throughput, latency under saturation) and a
 * paced run at 200 events/s (latency without queueing).
 * <pre>
 * cd nodes-homeassistant &amp;&amp; ../mvnw -B -o test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.hearth.nodes.homeassistant.bench.TriggerBenchmark [-Dexec.args="5000 2000"]
 * </pre>
 * Uses the Home Assistant of {@code HEARTH_HA_URL}/{@code HEARTH_HA_TOKEN}, or starts the test one in
 * this module's {@code target/ha-default} (hence: run it from the module directory).
 */
public final class TriggerBenchmark {

    private TriggerBenchmark() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int paced = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        if (System.getenv("HEARTH_HA_URL") == null
                && !java.nio.file.Path.of(System.getProperty("user.dir")).endsWith("nodes-homeassistant")) {
            throw new IllegalStateException(
                    "run from the nodes-homeassistant directory (the test HA lives in its target/)");
        }
        RealHomeAssistant ha = RealHomeAssistant.shared();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("host", ha.host());
        values.put("port", ha.port());
        values.put("ssl", ha.https());
        values.put("accessToken", ha.token());
        CredentialData credential = new CredentialData("homeAssistantApi", values, Set.of("accessToken"));
        try (Firer firer = Firer.open(ha)) {
            run("warm-up", credential, firer, 1, 1000, 0);
            run("warm-up", credential, firer, 50, 1000, 0);
            List<String> lines = new ArrayList<>();
            for (int triggers : new int[] {1, 50}) {
                lines.add(run("burst", credential, firer, triggers, events, 0));
                lines.add(run("200/s", credential, firer, triggers, paced, 200));
            }
            System.out.println();
            System.out.println("Home Assistant " + ha.version() + ", "
                    + Runtime.getRuntime().availableProcessors() + " CPUs");
            lines.forEach(System.out::println);
        }
        System.exit(0);
    }

    /** {@code rate} events per second, or 0 for as fast as possible. */
    private static String run(String label, CredentialData credential, Firer firer, int triggers, int events, int rate)
            throws Exception {
        HaEventConnections connections = new HaEventConnections();
        HomeAssistantTriggerNode node = new HomeAssistantTriggerNode(connections);
        int expected = triggers * events;
        long[] latencyMicros = new long[expected];
        AtomicLong count = new AtomicLong();
        AtomicLong lastEmitNanos = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        List<TriggerHandle> handles = new ArrayList<>();
        for (int i = 0; i < triggers; i++) {
            TestTriggerContext context = TestTriggerContext.of(
                            "bench " + i, credential, Map.of("event", "event", "eventType", "hearth_bench"))
                    .withoutRecordingEmits()
                    .answerEmits(emit -> {
                        Instant at = Instant.now();
                        long n = count.getAndIncrement();
                        if (n < expected) {
                            Instant fired = TriggerItems.instant(emit.json().get("time_fired"));
                            latencyMicros[(int) n] = Duration.between(fired, at).toNanos() / 1000;
                        }
                        if (n + 1 == expected) {
                            lastEmitNanos.set(System.nanoTime());
                            done.countDown();
                        }
                        return CompletableFuture.completedFuture(null);
                    });
            handles.add(node.activate(context).toCompletableFuture().get(60, TimeUnit.SECONDS));
        }
        if (connections.openSockets() != 1) {
            throw new IllegalStateException("expected one WebSocket, got " + connections.openSockets());
        }
        long start = System.nanoTime();
        firer.fire(events, rate);
        long fired = System.nanoTime();
        if (!done.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("only " + count.get() + " of " + expected + " emits arrived");
        }
        handles.forEach(TriggerHandle::close);
        double seconds = (lastEmitNanos.get() - start) / 1e9;
        long[] sorted = latencyMicros.clone();
        Arrays.sort(sorted);
        String line = String.format(
                Locale.ROOT,
                "%-7s %2d trigger(s): %6d events in %.2f s = %7.0f events/s delivered, %8.0f emits/s "
                        + "(firing alone: %7.0f events/s); time_fired -> emit p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                label,
                triggers,
                events,
                seconds,
                events / seconds,
                expected / seconds,
                events / ((fired - start) / 1e9),
                sorted[sorted.length / 2] / 1000.0,
                sorted[(int) Math.floor(sorted.length * 0.99)] / 1000.0,
                sorted[sorted.length - 1] / 1000.0);
        System.out.println(line);
        return line;
    }

    /** Fires events over its own WebSocket with {@code fire_event}, pipelined up to a window of unconfirmed ones. */
    private static final class Firer implements WebSocket.Listener, AutoCloseable {
        private static final int WINDOW = 256;
        private final Semaphore window = new Semaphore(WINDOW);
        private final CompletableFuture<Void> authenticated = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private final String token;
        private WebSocket socket;
        private long nextId = 1;

        private Firer(String token) {
            this.token = token;
        }

        static Firer open(RealHomeAssistant ha) throws Exception {
            Firer f = new Firer(ha.token());
            f.socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(URI.create(ha.websocketUrl()), f)
                    .get(30, TimeUnit.SECONDS);
            f.authenticated.get(30, TimeUnit.SECONDS);
            return f;
        }

        void fire(int n, int rate) throws Exception {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                if (rate > 0) {
                    long due = start + i * 1_000_000_000L / rate;
                    while (System.nanoTime() < due) {
                        java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
                    }
                }
                window.acquire();
                socket.sendText(
                                Json.write(Map.of(
                                        "id",
                                        nextId++,
                                        "type",
                                        "fire_event",
                                        "event_type",
                                        "hearth_bench",
                                        "event_data",
                                        Map.of("i", i))),
                                true)
                        .get();
            }
            window.acquire(WINDOW); // all confirmed
            window.release(WINDOW);
        }

        // a load generator: the WebSocket's own listener sees failures
        @SuppressWarnings("FutureReturnValueIgnored")
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                Object parsed = Json.parse(partial.toString());
                partial.setLength(0);
                for (Object o : parsed instanceof List<?> l ? l : List.of(parsed)) {
                    Map<String, Object> m = Json.asObject(o);
                    switch (Json.asString(m.get("type"))) {
                        case "auth_required" ->
                            webSocket.sendText(Json.write(Map.of("type", "auth", "access_token", token)), true);
                        case "auth_ok" -> authenticated.complete(null);
                        case "auth_invalid" ->
                            authenticated.completeExceptionally(new IllegalStateException("auth_invalid"));
                        case "result" -> window.release();
                        default -> {}
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        // a load generator: the WebSocket's own listener sees failures
        @SuppressWarnings("FutureReturnValueIgnored")
        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }
}
