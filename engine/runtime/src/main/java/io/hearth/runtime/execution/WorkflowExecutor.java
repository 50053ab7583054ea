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
        ExecutionRun run = new ExecutionRun(request, new RunState(request, clock, defaultZone), blockingPool, timer);
        run.start();
        return run;
    }
}
