package io.hearth.runtime.execution;

import java.util.Locale;

/** The life cycle of an execution (n8n's statuses). */
public enum ExecutionStatus {
    NEW,
    RUNNING,
    SUCCESS,
    ERROR,
    CANCELED,
    WAITING,
    CRASHED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExecutionStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public boolean isFinished() {
        return this == SUCCESS || this == ERROR || this == CANCELED || this == CRASHED;
    }
}
