package io.hearth.runtime.execution;

import io.hearth.expression.ExpressionEngine;
import io.hearth.runtime.registry.NodeRegistry;
import io.hearth.runtime.workflow.Workflow;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs workflows. Thread-safe and shared; each {@link #start} creates an independent execution,
 * bounded by {@link ExecutionLimits} and admitted by a concurrency gate (at most
 * {@code maxRunning} executions run at once, each workflow at most its {@code maxConcurrency};
 * up to {@code maxWaiting} more wait for a slot).
 *
 * @see ExecutionRun for the algorithm
 */
public final class WorkflowExecutor {

    /** Executions running at once when the server sets nothing. */
    public static final int DEFAULT_MAX_RUNNING = 32;
    /** Executions waiting for a slot when the server sets nothing; beyond, new ones are refused. */
    public static final int DEFAULT_MAX_WAITING = 1000;

    private final NodeRegistry registry;
    private final ExpressionEngine expressions;
    private final Executor blockingPool;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final ZoneId defaultZone;
    private final ExecutionLimits limits;
    private final ConcurrencyGate gate;

    /** With {@link ExecutionLimits#DEFAULTS} and the default concurrency. */
    public WorkflowExecutor(
            NodeRegistry registry,
            ExpressionEngine expressions,
            Executor blockingPool,
            ScheduledExecutorService timer,
            Clock clock,
            ZoneId defaultZone) {
        this(
                registry,
                expressions,
                blockingPool,
                timer,
                clock,
                defaultZone,
                ExecutionLimits.DEFAULTS,
                DEFAULT_MAX_RUNNING,
                DEFAULT_MAX_WAITING);
    }

    /**
     * @param blockingPool where {@link io.hearth.node.BlockingActionNode}s run (bounded), and where long
     *                     runs and executions that waited for a slot go on
     * @param timer        waits between retries, Wait nodes, execution timeouts
     * @param defaultZone  zone for workflows that set none
     * @param limits       the server's limits, for workflows that set none of their own
     * @param maxRunning   executions running at once, all workflows together
     * @param maxWaiting   executions waiting for a slot; beyond, new ones fail at once
     */
    public WorkflowExecutor(
            NodeRegistry registry,
            ExpressionEngine expressions,
            Executor blockingPool,
            ScheduledExecutorService timer,
            Clock clock,
            ZoneId defaultZone,
            ExecutionLimits limits,
            int maxRunning,
            int maxWaiting) {
        this.registry = registry;
        this.expressions = expressions;
        this.blockingPool = blockingPool;
        this.timer = timer;
        this.clock = clock;
        this.defaultZone = defaultZone;
        this.limits = limits;
        this.gate = new ConcurrencyGate(maxRunning, maxWaiting, blockingPool);
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

    /**
     * The variables an expression of node {@code node} sees for item {@code itemIndex} of its input, in a manual run
     * that got as far as {@code runs} (recorded earlier, by node name; pinned data stands in for nodes without runs):
     * the scope a run resolves the node's parameters with. Credentials are not reachable.
     */
    public io.hearth.expression.Scope itemScope(
            PreparedWorkflow workflow,
            String node,
            java.util.Map<String, java.util.List<NodeRun>> runs,
            int itemIndex,
            java.util.Map<String, Object> variables,
            java.util.Optional<java.util.Map<String, String>> environment) {
        ExecutionRequest request = ExecutionRequest.manual(workflow, "preview", java.util.List.of())
                .withVariables(variables, environment);
        RunState state = new RunState(request, clock, defaultZone, limits(workflow.workflow()));
        return RecordedRunScope.of(state, workflow, node, runs, itemIndex);
    }

    /** The limits an execution of {@code workflow} runs with: the server's, overridden by the workflow's settings. */
    public ExecutionLimits limits(Workflow workflow) {
        return limits.forWorkflow(workflow.settings());
    }

    /** Executions running now (admitted by the concurrency gate). */
    public int running() {
        return gate.running();
    }

    /** Executions waiting for a slot. */
    public int waiting() {
        return gate.waiting();
    }

    /** Starts the execution now, on this thread, or once a slot is free; the result tells when it ends. */
    public RunningExecution start(ExecutionRequest request) {
        return start(request, run -> {});
    }

    /**
     * Starts an execution, handing it to {@code handle} before its first node runs. Nodes that finish
     * at once run on the calling thread, so without this a caller could not cancel an execution (a
     * loop of such nodes) until the call returned. The execution starts now, on this thread, or once
     * the concurrency gate has a slot for it.
     */
    public RunningExecution start(ExecutionRequest request, java.util.function.Consumer<RunningExecution> handle) {
        Workflow workflow = request.workflow().workflow();
        ExecutionLimits own = limits(workflow);
        ExecutionRun run =
                new ExecutionRun(request, new RunState(request, clock, defaultZone, own), blockingPool, timer, own);
        handle.accept(run);
        if (request.services().depth() > 0) {
            // A sub-workflow runs within its parent's slot: the parent waits for it, so queueing it
            // behind the gate could wait forever for a slot the waiting parents hold.
            run.start();
            return run;
        }
        // Unsaved drafts have no id: each is its own workflow for the per-workflow cap.
        gate.submit(workflow.id().orElse("draft:" + request.executionId()), own.maxConcurrency(), run);
        return run;
    }
}
