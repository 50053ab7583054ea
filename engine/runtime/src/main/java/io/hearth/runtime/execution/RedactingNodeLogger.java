package io.hearth.runtime.execution;

import io.hearth.node.NodeLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.helpers.MessageFormatter;

/**
 * The logger given to node code: lines go to {@code hearth.node.<type>}, prefixed with the
 * execution id and node name, with every secret of the execution masked.
 */
final class RedactingNodeLogger implements NodeLogger {

    private final Logger log;
    private final String prefix;
    private final String executionId;
    private final String nodeName;
    private final RunState state;

    RedactingNodeLogger(String nodeType, String executionId, String nodeName, RunState state) {
        this.log = LoggerFactory.getLogger("hearth.node." + nodeType);
        this.prefix = "[execution " + executionId + "] [" + nodeName + "] ";
        this.executionId = executionId;
        this.nodeName = nodeName;
        this.state = state;
    }

    private String format(String message, Object[] args) {
        var f = MessageFormatter.arrayFormat(message, args);
        // The redactor is read per line: it learns secrets as the node asks for credentials.
        var redactor = state.redactor();
        String text = f.getMessage();
        if (f.getThrowable() != null) {
            text = text + ": " + redactor.describe(f.getThrowable());
        }
        return prefix + redactor.redact(text);
    }

    @Override
    public void debug(String message, Object... args) {
        if (log.isDebugEnabled()) {
            withMdc(() -> log.debug(format(message, args)));
        }
    }

    @Override
    public void info(String message, Object... args) {
        if (log.isInfoEnabled()) {
            withMdc(() -> log.info(format(message, args)));
        }
    }

    @Override
    public void warn(String message, Object... args) {
        withMdc(() -> log.warn(format(message, args)));
    }

    @Override
    public void error(String message, Object... args) {
        withMdc(() -> log.error(format(message, args)));
    }

    // Structured log output (logging.structured.format.console=ecs/logstash) carries these as fields.
    private void withMdc(Runnable logging) {
        try (var e = MDC.putCloseable("executionId", executionId); var n = MDC.putCloseable("node", nodeName)) {
            logging.run();
        }
    }
}
