package io.hearth.runtime.execution;

import java.util.Optional;

/**
 * A failure as recorded in execution data and shown to users (already redacted).
 *
 * @param message     what went wrong
 * @param description what to do about it, when known
 * @param node        the failing node, empty for execution-level failures (timeout, crash)
 * @param httpStatus  the remote API's status, when a remote call failed (0 = none)
 * @param kind        the error's category (NodeApiError, NodeOperationError, ExpressionError, Timeout...)
 */
public record ExecutionError(String message, String description, Optional<String> node, int httpStatus, String kind) {

    /** The kind of an execution stopped by one of its limits (node runs, items, recorded data). */
    public static final String LIMIT = "ExecutionLimit";

    /** The kind of an execution refused because too many were running and waiting already. */
    public static final String TOO_MANY_EXECUTIONS = "TooManyExecutions";

    public ExecutionError {
        description = description == null ? "" : description;
        node = node == null ? Optional.empty() : node;
    }
}
