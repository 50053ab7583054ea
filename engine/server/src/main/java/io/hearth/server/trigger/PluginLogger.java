package io.hearth.server.trigger;

import io.hearth.node.support.SecretRedactor;
import io.hearth.node.NodeLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.MessageFormatter;

/** The logger of trigger and webhook node code: prefixed with workflow and node, secrets masked. */
final class PluginLogger implements NodeLogger {

    private final Logger log;
    private final String prefix;
    private final SecretRedactor redactor;

    PluginLogger(String type, String workflowId, String node, SecretRedactor redactor) {
        this.log = LoggerFactory.getLogger("hearth.node." + type);
        this.prefix = "[workflow " + workflowId + "] [" + node + "] ";
        this.redactor = redactor;
    }

    private String format(String message, Object[] args) {
        var f = MessageFormatter.arrayFormat(message, args);
        String text = f.getThrowable() == null ? f.getMessage() : f.getMessage() + ": " + redactor.describe(f.getThrowable());
        return prefix + redactor.redact(text);
    }

    public void debug(String message, Object... args) {
        if (log.isDebugEnabled()) {
            log.debug(format(message, args));
        }
    }

    public void info(String message, Object... args) {
        if (log.isInfoEnabled()) {
            log.info(format(message, args));
        }
    }

    public void warn(String message, Object... args) {
        log.warn(format(message, args));
    }

    public void error(String message, Object... args) {
        log.error(format(message, args));
    }
}
