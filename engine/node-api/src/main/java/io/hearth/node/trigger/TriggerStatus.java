package io.hearth.node.trigger;

import java.time.Instant;

/** The health of an active trigger, shown in the editor. */
public record TriggerStatus(State state, String message, Instant since) {

    public enum State {
        CONNECTING,
        CONNECTED,
        RECONNECTING,
        AUTH_FAILED,
        ERROR,
        STOPPED
    }

    public static TriggerStatus of(State state, String message) {
        return new TriggerStatus(state, message == null ? "" : message, Instant.now());
    }
}
