package io.hearth.server.trigger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The editor's test listener: after "Listen for test event" the next request to a
 * {@code /webhook-test/<path>} of that workflow (within the timeout) runs its draft in manual mode.
 * One-shot: the listener ends with that request.
 */
public final class TestWebhooks {

    private final Clock clock;
    private final Map<String, Listening> byWorkflow = new ConcurrentHashMap<>();

    public TestWebhooks(Clock clock) {
        this.clock = clock;
    }

    /** A workflow waiting for its test call; {@code executionId} is set once the call arrived. */
    public static final class Listening {
        final WebhookRegistry routes = new WebhookRegistry();
        final Instant expiresAt;
        volatile String executionId;

        Listening(List<WebhookRegistration> registrations, Instant expiresAt) {
            this.expiresAt = expiresAt;
            routes.register(registrations);
        }

        public Instant expiresAt() {
            return expiresAt;
        }

        public Optional<String> executionId() {
            return Optional.ofNullable(executionId);
        }

        /**
         * Still waiting for its execution: no call yet, or a call taken whose execution is being started (its id
         * comes a moment later). The editor stops listening when this turns false, so it must not turn false before
         * the id is there.
         */
        public boolean awaitingExecution() {
            String id = executionId;
            return id == null || id.isEmpty();
        }
    }

    public Listening listen(String workflowId, List<WebhookRegistration> registrations, Duration timeout) {
        Listening l = new Listening(registrations, clock.instant().plus(timeout));
        byWorkflow.put(workflowId, l);
        return l;
    }

    public Optional<Listening> state(String workflowId) {
        return Optional.ofNullable(byWorkflow.get(workflowId));
    }

    /** Takes the listener that owns this route (one-shot), if any is still waiting. */
    public Optional<WebhookRegistry.Match> take(String method, String path) {
        Instant now = clock.instant();
        for (Map.Entry<String, Listening> e : byWorkflow.entrySet()) {
            Listening l = e.getValue();
            if (l.executionId != null || l.expiresAt.isBefore(now)) {
                continue;
            }
            Optional<WebhookRegistry.Match> m = l.routes.find(method, path);
            if (m.isPresent()) {
                synchronized (l) {
                    if (l.executionId != null) {
                        continue;
                    }
                    l.executionId = "";
                }
                return m;
            }
        }
        return Optional.empty();
    }

    public void started(String workflowId, String executionId) {
        Listening l = byWorkflow.get(workflowId);
        if (l != null) {
            l.executionId = executionId;
        }
    }

    public void stop(String workflowId) {
        byWorkflow.remove(workflowId);
    }
}
