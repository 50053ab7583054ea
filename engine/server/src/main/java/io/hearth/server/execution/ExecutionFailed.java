package io.hearth.server.execution;

import io.hearth.runtime.execution.ExecutionResult;

/**
 * Published when an execution ends in error, before it is recorded. {@link ErrorWorkflows} listens to start the
 * workflow's error workflow; the event keeps {@link ExecutionService} from depending on what reacts to failures
 * (which itself starts executions).
 */
public record ExecutionFailed(StartRequest request, ExecutionResult result) {}
