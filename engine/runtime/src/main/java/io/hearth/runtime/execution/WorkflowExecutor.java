package io.hearth.runtime.execution;

import io.hearth.expression.ExpressionEngine;
import io.hearth.runtime.registry.NodeRegistry;
import io.hearth.runtime.workflow.Workflow;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs workflows. Thread-safe and shared; each {@link #start} creates an independent execution.
 *
 * @see ExecutionRun for the algorithm
 */
public final class WorkflowExecutor {

    private final NodeRegistry registry;
    private final ExpressionEngine expressions;
    private final Executor blockingPool;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final ZoneId defaultZone;

    /**
     * @param blockingPool where {@link io.hearth.node.BlockingActionNode}s run (bounded)
     * @param timer        waits between retries, Wait nodes, execution timeouts
     * @param defaultZone  zone for workflows that set none
     */
    public WorkflowExecutor(
            NodeRegistry registry,
            ExpressionEngine expressions,
            Executor blockingPool,
            ScheduledExecutorService timer,
            Clock clock,
            ZoneId defaultZone) {
        this.registry = registry;
        this.expressions = expressions;
        this.blockingPool = blockingPool;
        this.timer = timer;
        this.clock = clock;
        this.defaultZone = defaultZone;
    }

    public NodeRegistry registry() {
        return registry;
    }

    public ExpressionEngine expressions() {
        return expressions;
    }

    /** Resolves node types and compiles expressions; reuse the result for every run of this version. */
    public PreparedWorkflow prepare(Workflow workflow) {
        return PreparedWorkflow.prepare(workflow, registry, expressions);
    }

    public RunningExecution start(ExecutionRequest request) {
        return start(request, run -> {});
    }

    /**
     * Starts an execution, handing it to {@code handle} before its first node runs. Nodes that finish
     * at once run on the calling thread, so without this a caller could not cancel an execution (a
     * loop of such nodes) until the call returned.
     */
    public RunningExecution start(ExecutionRequest request, java.util.function.Consumer<RunningExecution> handle) {
        ExecutionRun run = new ExecutionRun(request, new RunState(request, clock, defaultZone), blockingPool, timer);
        handle.accept(run);
        run.start();
        return run;
    }
}
