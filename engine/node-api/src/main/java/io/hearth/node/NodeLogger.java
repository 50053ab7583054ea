package io.hearth.node;

/**
 * Logging for node code. Messages use {@code {}} placeholders. The runtime tags every line with the
 * execution id and node name and replaces any secret it knows of with {@code ******}.
 */
public interface NodeLogger {

    void debug(String message, Object... args);

    void info(String message, Object... args);

    void warn(String message, Object... args);

    void error(String message, Object... args);
}
