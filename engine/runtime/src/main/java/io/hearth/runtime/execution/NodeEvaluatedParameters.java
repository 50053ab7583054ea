package io.hearth.runtime.execution;

import java.util.Set;

/**
 * Implemented by Hearth's own node types that evaluate some parameters themselves, with variables
 * only they know (HTTP Request's pagination: {@code $response}, {@code $pageCount}). The runtime
 * leaves the expressions under those paths unevaluated; the node reads them from {@code $parameter}.
 */
public interface NodeEvaluatedParameters {

    /** Dotted parameter paths, e.g. {@code options.pagination}. */
    Set<String> nodeEvaluatedParameters();
}
