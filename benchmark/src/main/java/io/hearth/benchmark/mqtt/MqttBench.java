package io.hearth.benchmark.mqtt;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The MQTT scenario of {@code ./hearth bench --mqtt} (benchmark/mqtt.sh): publishes N messages to {@code bench/<i>} at
 * one QoS, each carrying its publish time ({@code sentMicros}, epoch microseconds), waits until the workflow's
 * execution records number N more than before, then reads every new record and prints one line:
 * {@code RESULT qos n publishMs recordedMs rate startP50 startP99 finishP50 finishP99 matched} (latencies in ms,
 * from the publish to the record's startedAt / stoppedAt).
 *
 * <p>Arguments: brokerPort user password hearthBaseUrl apiKey workflowId qos n [inflight]
 */
public final class MqttBench {
    private static final Pattern SENT = Pattern.compile("\"sentMicros\"\\s*:\\s*(\\d+)");
    private static final Pattern STARTED = Pattern.compile("\"startedAt\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STOPPED = Pattern.compile("\"stoppedAt\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String apiKey;
    private final String workflowId;

    private MqttBench(String base, String apiKey, String workflowId) {
        this.base = base;
        this.apiKey = apiKey;
        this.workflowId = workflowId;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 8) {
            System.err.println(
                    "usage: MqttBench brokerPort user password hearthBaseUrl apiKey workflowId qos n [inflight]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int qos = Integer.parseInt(args[6]);
        int n = Integer.parseInt(args[7]);
        int inflight = args.length > 8 ? Integer.parseInt(args[8]) : 1000;
        MqttBench bench = new MqttBench(args[3], args[4], args[5]);
        bench.run(port, args[1], args[2], qos, n, inflight);
    }

    private void run(int port, String user, String password, int qos, int n, int inflight) throws Exception {
        long before = total();
        MqttAsyncClient client =
                new MqttAsyncClient("tcp://127.0.0.1:" + port, "hearth-bench-" + qos, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(user);
        options.setPassword(password.toCharArray());
        options.setCleanSession(true);
        options.setMaxInflight(inflight);
        client.connect(options).waitForCompletion(30_000);

        // At most `inflight` publishes not yet written (QoS 0) / acknowledged (QoS 1) at a time.
        Semaphore window = new Semaphore(inflight);
        IMqttActionListener release = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                window.release();
                System.err.println("publish failed: " + failure);
            }
        };
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            window.acquire();
            Instant now = Instant.now();
            long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
            MqttMessage message = new MqttMessage(
                    ("{\"seq\":" + i + ",\"sentMicros\":" + micros + "}").getBytes(StandardCharsets.UTF_8));
            message.setQos(qos);
            client.publish("bench/" + i, message, null, release);
        }
        window.acquire(inflight);
        long published = System.nanoTime();

        // Until every execution is recorded: the API's total, polled; gives up after 120 s without progress.
        long target = before + n;
        long seen = before;
        long lastProgress = System.nanoTime();
        long recorded = published;
        while (true) {
            long now = total();
            if (now != seen) {
                seen = now;
                lastProgress = System.nanoTime();
                recorded = lastProgress;
            }
            if (seen >= target) {
                break;
            }
            if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(120)) {
                System.err.println("stopped waiting: " + (seen - before) + " of " + n + " executions recorded");
                break;
            }
            Thread.sleep(50);
        }
        client.disconnect().waitForCompletion(10_000);
        client.close();

        long records = seen - before;
        double publishMs = (published - t0) / 1e6;
        double recordedMs = (recorded - t0) / 1e6;
        double rate = records / (recordedMs / 1000.0);

        // Latency from the records: the newest `records` executions of the workflow, each read whole.
        List<String> ids = newestIds((int) records);
        double[] start = new double[ids.size()];
        double[] finish = new double[ids.size()];
        int matched = latencies(ids, start, finish);
        start = Arrays.copyOf(start, matched);
        finish = Arrays.copyOf(finish, matched);
        Arrays.sort(start);
        Arrays.sort(finish);
        System.out.printf(
                "RESULT %d %d %.0f %.0f %.1f %.2f %.2f %.2f %.2f %d%n",
                qos,
                records,
                publishMs,
                recordedMs,
                rate,
                percentile(start, 50),
                percentile(start, 99),
                percentile(finish, 50),
                percentile(finish, 99),
                matched);
    }

    private long total() throws Exception {
        Matcher m = TOTAL.matcher(get("/api/v1/executions?workflowId=" + workflowId + "&limit=1"));
        if (!m.find()) {
            throw new IllegalStateException("no total in the executions list");
        }
        return Long.parseLong(m.group(1));
    }

    private List<String> newestIds(int count) throws Exception {
        List<String> ids = new ArrayList<>(count);
        for (int offset = 0; ids.size() < count; offset += 500) {
            String page = get("/api/v1/executions?workflowId=" + workflowId + "&limit=500&offset=" + offset);
            int sizeBefore = ids.size();
            Matcher m = ID.matcher(page);
            while (m.find() && ids.size() < count) {
                String id = m.group(1);
                if (!id.equals(workflowId)) {
                    ids.add(id);
                }
            }
            if (ids.size() == sizeBefore) {
                break;
            }
        }
        return ids;
    }

    /** Fills start/finish (ms from publish to startedAt/stoppedAt) for the records carrying a sentMicros. */
    private int latencies(List<String> ids, double[] start, double[] finish) throws Exception {
        int matched = 0;
        int batch = 8;
        for (int i = 0; i < ids.size(); i += batch) {
            List<CompletableFuture<String>> pending = new ArrayList<>();
            for (int j = i; j < Math.min(ids.size(), i + batch); j++) {
                pending.add(http.sendAsync(request("/api/v1/executions/" + ids.get(j)), bodyHandler())
                        .thenApply(HttpResponse::body));
            }
            for (CompletableFuture<String> f : pending) {
                String body = f.get(60, TimeUnit.SECONDS);
                Matcher sent = SENT.matcher(body);
                Matcher started = STARTED.matcher(body);
                Matcher stopped = STOPPED.matcher(body);
                if (sent.find() && started.find() && stopped.find()) {
                    double sentMs = Long.parseLong(sent.group(1)) / 1000.0;
                    start[matched] = epochMs(started.group(1)) - sentMs;
                    finish[matched] = epochMs(stopped.group(1)) - sentMs;
                    matched++;
                }
            }
        }
        return matched;
    }

    private static double epochMs(String iso) {
        Instant t = Instant.parse(iso);
        return t.getEpochSecond() * 1000.0 + t.getNano() / 1e6;
    }

    private static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(request(path), bodyHandler());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " -> " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("X-Hearth-Api-Key", apiKey)
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build();
    }

    private static HttpResponse.BodyHandler<String> bodyHandler() {
        return HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
    }
}
