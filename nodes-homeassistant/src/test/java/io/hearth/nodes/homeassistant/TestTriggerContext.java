package io.hearth.nodes.homeassistant;

import io.hearth.node.Item;
import io.hearth.node.NodeInfo;
import io.hearth.node.NodeLogger;
import io.hearth.node.ParameterValues;
import io.hearth.node.WorkflowInfo;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.trigger.TriggerContext;
import io.hearth.node.trigger.TriggerStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TriggerContext} for tests: parameters from a plain map, one credential, emitted items
 * collected in a queue (with the instant of each emit call), statuses and log lines recorded.
 */
public final class TestTriggerContext implements TriggerContext {

    private static final Logger LOG = LoggerFactory.getLogger(TestTriggerContext.class);

    /** One emit call: the item's json and when emit was called. */
    public record Emitted(Map<String, Object> json, Instant at) {}

    private final Map<String, Object> parameters;
    private final Optional<CredentialData> credential;
    private final String name;
    private final BlockingQueue<Emitted> emitted = new LinkedBlockingQueue<>();
    private final List<TriggerStatus> statuses = new CopyOnWriteArrayList<>();
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private volatile BiConsumer<Map<String, Object>, Instant> onEmit;

    public TestTriggerContext(String name, CredentialData credential, Map<String, Object> parameters) {
        this.name = name;
        this.parameters = Map.copyOf(parameters);
        this.credential = Optional.ofNullable(credential);
    }

    public static TestTriggerContext of(CredentialData credential, Map<String, Object> parameters) {
        return new TestTriggerContext("HA Trigger", credential, parameters);
    }

    /** Replaces collection of items by {@code consumer} (benchmarks: no queue growth). */
    public TestTriggerContext onEmit(BiConsumer<Map<String, Object>, Instant> consumer) {
        this.onEmit = consumer;
        return this;
    }

    public BlockingQueue<Emitted> emitted() {
        return emitted;
    }

    public List<Map<String, Object>> items() {
        return emitted.stream().map(Emitted::json).toList();
    }

    public List<TriggerStatus> statuses() {
        return statuses;
    }

    public List<TriggerStatus.State> states() {
        return statuses.stream().map(TriggerStatus::state).toList();
    }

    public Optional<TriggerStatus> lastStatus() {
        return statuses.isEmpty() ? Optional.empty() : Optional.of(statuses.getLast());
    }

    public List<String> logLines() {
        return logLines;
    }

    @Override
    public NodeInfo node() {
        return new NodeInfo("node-1", name, "hearth.homeAssistantTrigger", 1);
    }

    @Override
    public WorkflowInfo workflow() {
        return new WorkflowInfo("wf-test", "Trigger test", true, ZoneOffset.UTC);
    }

    @Override
    public ParameterValues parameters() {
        return ParameterValues.of(parameters);
    }

    @Override
    public Optional<CredentialData> credential(String credentialType) {
        return credential.filter(c -> c.type().equals(credentialType));
    }

    @Override
    public NodeLogger log() {
        return new NodeLogger() {
            @Override
            public void debug(String message, Object... args) {
                record("DEBUG", message, args);
            }

            @Override
            public void info(String message, Object... args) {
                record("INFO", message, args);
            }

            @Override
            public void warn(String message, Object... args) {
                record("WARN", message, args);
            }

            @Override
            public void error(String message, Object... args) {
                record("ERROR", message, args);
            }
        };
    }

    private void record(String level, String message, Object... args) {
        String text = message;
        for (Object a : args) {
            text = text.replaceFirst("\\{}", java.util.regex.Matcher.quoteReplacement(String.valueOf(a)));
        }
        logLines.add(level + " " + text);
        LOG.info("[{}] {} {}", name, level, text);
    }

    @Override
    public CompletionStage<Void> emit(List<Item> items) {
        Instant now = Instant.now();
        BiConsumer<Map<String, Object>, Instant> consumer = onEmit;
        for (Item item : items) {
            if (consumer != null) {
                consumer.accept(item.json(), now);
            } else {
                emitted.add(new Emitted(item.json(), now));
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void reportStatus(TriggerStatus status) {
        statuses.add(status);
        LOG.info("[{}] status {}: {}", name, status.state(), status.message());
    }
}
