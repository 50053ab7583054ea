package io.hearth.nodes.homeassistant;

import io.hearth.node.Cancellation;
import io.hearth.node.ExecutionInfo;
import io.hearth.node.ExecutionMode;
import io.hearth.node.Item;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeInfo;
import io.hearth.node.NodeLogger;
import io.hearth.node.ParameterValues;
import io.hearth.node.WorkflowInfo;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.trigger.WebhookResponder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal, honest {@link NodeExecutionContext} for tests of the node: parameters come from plain maps
 * through {@link ParameterValues#of} (already "resolved": no expressions, no defaults filled in, like a
 * workflow that sets only what it needs), one credential, input items, continue-on-fail. It fakes
 * nothing about Home Assistant.
 */
final class TestExecutionContext implements NodeExecutionContext {

    private static final Logger LOG = LoggerFactory.getLogger(TestExecutionContext.class);

    private final List<Item> items;
    private final IntFunction<Map<String, Object>> parameters;
    private final Optional<CredentialData> credential;
    private final boolean continueOnFail;

    private TestExecutionContext(
            List<Item> items,
            IntFunction<Map<String, Object>> parameters,
            Optional<CredentialData> credential,
            boolean continueOnFail) {
        this.items = List.copyOf(items);
        this.parameters = parameters;
        this.credential = credential;
        this.continueOnFail = continueOnFail;
    }

    /** One empty input item, the same parameters for every item. */
    static TestExecutionContext of(CredentialData credential, Map<String, Object> parameters) {
        return new TestExecutionContext(List.of(Item.empty()), i -> parameters, Optional.of(credential), false);
    }

    static TestExecutionContext of(
            CredentialData credential, List<Item> items, IntFunction<Map<String, Object>> parameters) {
        return new TestExecutionContext(items, parameters, Optional.of(credential), false);
    }

    TestExecutionContext continuingOnFail() {
        return new TestExecutionContext(items, parameters, credential, true);
    }

    @Override
    public NodeInfo node() {
        return new NodeInfo("node-1", "Home Assistant", HomeAssistantDescription.NAME, 1);
    }

    @Override
    public WorkflowInfo workflow() {
        return new WorkflowInfo("", "test", false, ZoneOffset.UTC);
    }

    @Override
    public ExecutionInfo execution() {
        return new ExecutionInfo("test-execution", ExecutionMode.MANUAL);
    }

    @Override
    public List<Item> input(int index) {
        return index == 0 ? items : List.of();
    }

    @Override
    public int inputCount() {
        return 1;
    }

    @Override
    public ParameterValues parameters(int itemIndex) {
        return ParameterValues.of(parameters.apply(itemIndex));
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
                LOG.debug(message, args);
            }

            @Override
            public void info(String message, Object... args) {
                LOG.info(message, args);
            }

            @Override
            public void warn(String message, Object... args) {
                LOG.warn(message, args);
            }

            @Override
            public void error(String message, Object... args) {
                LOG.error(message, args);
            }
        };
    }

    @Override
    public Cancellation cancellation() {
        return new Cancellation() {
            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void onCancel(Runnable action) {}
        };
    }

    @Override
    public boolean continueOnFail() {
        return continueOnFail;
    }

    @Override
    public Optional<WebhookResponder> webhookResponder() {
        return Optional.empty();
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public CompletionStage<Void> delay(Duration delay) {
        return CompletableFuture.runAsync(
                () -> {}, CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS));
    }
}
