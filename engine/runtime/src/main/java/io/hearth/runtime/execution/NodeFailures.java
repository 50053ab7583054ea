package io.hearth.runtime.execution;

import io.hearth.common.SecretRedactor;
import io.hearth.expression.ExpressionException;
import io.hearth.node.ExecutionLimitException;
import io.hearth.node.NodeApiException;
import io.hearth.node.NodeException;
import io.hearth.node.ParameterException;
import io.hearth.runtime.execution.PreparedWorkflow.PreparedNode;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/** A node's failure: whether another attempt can help, and the error the execution records for it. */
final class NodeFailures {

    private NodeFailures() {}

    // A bad parameter or expression fails the same way every time; retrying it only delays the error.
    static boolean isRetryable(Throwable cause) {
        return !(cause instanceof ParameterException)
                && !(cause instanceof ExpressionException)
                && !(cause instanceof ExecutionLimitException);
    }

    /** A node's failure as the execution records it: message and description redacted, the kind n8n names. */
    static ExecutionError of(PreparedNode node, Throwable failure, SecretRedactor r) {
        Throwable t = unwrap(failure);
        String message = t.getMessage() == null ? t.toString() : t.getMessage();
        String description = t instanceof NodeException ne ? ne.description().orElse("") : "";
        int status = t instanceof NodeApiException api ? api.httpStatus().orElse(0) : 0;
        String kind = switch (t) {
            case ExecutionLimitException limit -> ExecutionError.LIMIT;
            case NodeApiException api -> "NodeApiError";
            case ParameterException p -> "ParameterError";
            case NodeException n -> "NodeOperationError";
            case ExpressionException e -> "ExpressionError";
            default -> "UnexpectedError";
        };
        if (kind.equals("UnexpectedError")) {
            message = t.getClass().getSimpleName() + ": " + message;
        }
        return new ExecutionError(r.redact(message), r.redact(description), Optional.of(node.name()), status, kind);
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
