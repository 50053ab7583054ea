package io.hearth.runtime.execution;

import io.hearth.common.SecretRedactor;
import io.hearth.node.NodeLogger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.helpers.MessageFormatter;

/**
 * The logger given to node code (runs, triggers, webhooks, dropdowns): lines go to
 * {@code hearth.node.<type>}, prefixed with what they belong to ({@code [execution 42] [Node]})
 * and carrying it in the MDC, with every known secret masked.
 */
public final class RedactingNodeLogger implements NodeLogger {

    private final Logger log;
    private final String prefix;
    private final String ownerKey;
    private final String ownerId;
    private final String nodeName;
    private final Supplier<SecretRedactor> redactor;

    /**
     * @param ownerKey MDC key of what the line belongs to: {@code executionId} or {@code workflowId}
     * @param redactor read per line, since secrets become known as the node asks for credentials
     */
    public RedactingNodeLogger(
            String nodeType, String ownerKey, String ownerId, String nodeName, Supplier<SecretRedactor> redactor) {
        this.log = LoggerFactory.getLogger("hearth.node." + nodeType);
        this.prefix = "[" + ownerKey.replace("Id", "") + " " + ownerId + "] [" + nodeName + "] ";
        this.ownerKey = ownerKey;
        this.ownerId = ownerId;
        this.nodeName = nodeName;
        this.redactor = redactor;
    }

    private String format(String message, Object[] args) {
        var f = MessageFormatter.arrayFormat(message, args);
        var redactor = this.redactor.get();
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
    @SuppressWarnings("try") // the resources are the MDC entries themselves: closing them is the point
    private void withMdc(Runnable logging) {
        try (var e = MDC.putCloseable(ownerKey, ownerId);
                var n = MDC.putCloseable("node", nodeName)) {
            logging.run();
        }
    }
}
