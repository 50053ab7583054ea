package io.hearth.server.execution;

import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.NodeRun;
import io.hearth.runtime.execution.WorkflowExecutor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The execution meters: executions by status and mode, their duration by mode, node runs' duration by type and status,
 * and the running and waiting gauges. Meters are looked up once per tag combination: building ids and tags per
 * execution shows in profiles.
 */
final class ExecutionMetrics {

    private final MeterRegistry meters;
    private final Map<String, io.micrometer.core.instrument.Counter> executionCounters = new ConcurrentHashMap<>();
    private final Map<String, Timer> executionTimers = new ConcurrentHashMap<>();
    private final Map<String, Timer> nodeTimers = new ConcurrentHashMap<>();

    ExecutionMetrics(MeterRegistry meters, WorkflowExecutor executor) {
        this.meters = meters;
        io.micrometer.core.instrument.Gauge.builder("hearth.executions.running", executor, WorkflowExecutor::running)
                .description("Executions running now")
                .register(meters);
        io.micrometer.core.instrument.Gauge.builder("hearth.executions.waiting", executor, WorkflowExecutor::waiting)
                .description(
                        "Executions waiting for a free slot (hearth.executions.limits.max-running, maxConcurrency)")
                .register(meters);
    }

    void nodeFinished(NodeRun run) {
        String status = run.failed() ? "error" : "success";
        nodeTimers
                .computeIfAbsent(
                        run.type() + "/" + status,
                        k -> Timer.builder("hearth.node.duration")
                                .tag("type", run.type())
                                .tag("status", status)
                                .register(meters))
                .record(run.executionTime(), TimeUnit.MILLISECONDS);
    }

    void executionFinished(ExecutionResult result) {
        executionCounters
                .computeIfAbsent(
                        result.status().wireName() + "/" + result.mode().wireName(),
                        k -> meters.counter(
                                "hearth.executions",
                                "status",
                                result.status().wireName(),
                                "mode",
                                result.mode().wireName()))
                .increment();
        executionTimers
                .computeIfAbsent(
                        result.mode().wireName(), mode -> meters.timer("hearth.execution.duration", "mode", mode))
                .record(result.durationMillis(), TimeUnit.MILLISECONDS);
    }
}
