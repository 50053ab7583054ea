package io.hearth.testkit;

import io.hearth.node.Item;
import io.hearth.node.NodeInfo;
import io.hearth.node.NodeLogger;
import io.hearth.node.ParameterValues;
import io.hearth.node.WorkflowInfo;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.trigger.TriggerContext;
import io.hearth.node.trigger.TriggerStatus;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.MessageFormatter;

/**
 * A {@link TriggerContext} for testing a {@link io.hearth.node.trigger.TriggerNode} without a server: parameters
 * from a map (as the runtime resolves them: give every value the node reads), one credential, and a record of what
 * the trigger did — emitted items, reported statuses, log lines. What an emit answers (accepted, refused, or later)
 * is the test's choice ({@link #answerEmits}).
 * <pre>{@code
 * TestTriggerContext ctx = TestTriggerContext.of("MQTT Trigger", credential, Map.of("topics", "a/#"));
 * TriggerHandle handle = new MqttTriggerNode().activate(ctx).toCompletableFuture().join();
 * await().until(() -> ctx.items().size() == 1);
 * }</pre>
 */
public final class TestTriggerContext implements TriggerContext {

    /** Mirrors the trigger's log lines and statuses into the test's log, for reading a failed run. */
    private static final Logger LOG = LoggerFactory.getLogger(TestTriggerContext.class);

    /** One emit call: its items and whether the trigger waited for the execution's end. */
    public record Emit(List<Item> items, boolean awaitsEnd) {
        public Map<String, Object> json() {
            return items.getFirst().json();
        }
    }

    private final String nodeName;
    private final Optional<CredentialData> credential;
    private final Map<String, Object> parameters;
    private final List<Emit> emits = new CopyOnWriteArrayList<>();
    private final List<TriggerStatus> statuses = new CopyOnWriteArrayList<>();
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private volatile boolean recordEmits = true;
    private volatile Function<Emit, CompletionStage<Void>> answer = e -> CompletableFuture.completedFuture(null);

    private TestTriggerContext(String nodeName, Optional<CredentialData> credential, Map<String, Object> parameters) {
        this.nodeName = nodeName;
        this.credential = credential;
        this.parameters = Map.copyOf(parameters);
    }

    public static TestTriggerContext of(String nodeName, CredentialData credential, Map<String, Object> parameters) {
        return new TestTriggerContext(nodeName, Optional.of(credential), parameters);
    }

    /** A context whose node has no credential (a trigger that must refuse, or one that needs none). */
    public static TestTriggerContext withoutCredential(String nodeName, Map<String, Object> parameters) {
        return new TestTriggerContext(nodeName, Optional.empty(), parameters);
    }

    /**
     * How each emit is answered (default: accepted at once). A failed stage is an execution the server could not
     * start; a stage completed later is an execution that takes its time.
     */
    public TestTriggerContext answerEmits(Function<Emit, CompletionStage<Void>> value) {
        this.answer = value;
        return this;
    }

    /**
     * Keeps no record of emits: only {@link #answerEmits} sees them (a benchmark that emits hundreds of thousands of
     * times, where the record would cost more than the trigger under test).
     */
    public TestTriggerContext withoutRecordingEmits() {
        this.recordEmits = false;
        return this;
    }

    /** Every emit so far, in order. */
    public List<Emit> emits() {
        return List.copyOf(emits);
    }

    /** The JSON of the first item of every emit so far. */
    public List<Map<String, Object>> items() {
        return emits.stream().map(Emit::json).toList();
    }

    public List<TriggerStatus> statuses() {
        return List.copyOf(statuses);
    }

    public List<TriggerStatus.State> states() {
        return statuses.stream().map(TriggerStatus::state).toList();
    }

    public Optional<TriggerStatus> lastStatus() {
        List<TriggerStatus> s = statuses();
        return s.isEmpty() ? Optional.empty() : Optional.of(s.getLast());
    }

    /** Log lines as "LEVEL message" with the arguments filled in. */
    public List<String> logLines() {
        return List.copyOf(logLines);
    }

    @Override
    public NodeInfo node() {
        return new NodeInfo("node-1", nodeName, "test", 1);
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
        String line = level + " " + MessageFormatter.arrayFormat(message, args).getMessage();
        logLines.add(line);
        LOG.info("[{}] {}", nodeName, line);
    }

    @Override
    public CompletionStage<Void> emit(List<Item> items) {
        return emitted(new Emit(List.copyOf(items), false));
    }

    @Override
    public CompletionStage<Void> emitAndAwaitEnd(List<Item> items) {
        return emitted(new Emit(List.copyOf(items), true));
    }

    private CompletionStage<Void> emitted(Emit e) {
        if (recordEmits) {
            emits.add(e);
        }
        return answer.apply(e);
    }

    @Override
    public void reportStatus(TriggerStatus status) {
        statuses.add(status);
        LOG.info("[{}] status {}: {}", nodeName, status.state(), status.message());
    }
}
