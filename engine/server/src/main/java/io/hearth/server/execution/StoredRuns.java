package io.hearth.server.execution;

import io.hearth.node.Item;
import io.hearth.runtime.execution.ExecutionError;
import io.hearth.runtime.execution.InputSource;
import io.hearth.runtime.execution.NodeRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Node runs read back from execution data as {@link ExecutionCodec} writes it (and the API shows it): to go on
 * from a failed node, and to evaluate an expression with what an earlier run produced.
 */
public final class StoredRuns {

    private StoredRuns() {}

    /** The runs by node name, inputs stored by reference put back; runs whose data was truncated are marked so. */
    public static Map<String, List<NodeRun>> of(Map<String, Object> stored) {
        StoredExecutionData.fillReferences(stored);
        Map<String, List<NodeRun>> out = new LinkedHashMap<>();
        if (!(stored.get("nodes") instanceof Map<?, ?> nodes)) {
            return out;
        }
        nodes.forEach((node, runs) -> {
            List<NodeRun> list = new ArrayList<>();
            if (runs instanceof List<?> rl) {
                for (Object r : rl) {
                    if (r instanceof Map<?, ?> run) {
                        list.add(run(String.valueOf(node), run));
                    }
                }
            }
            out.put(String.valueOf(node), list);
        });
        return out;
    }

    /** Whether the record left out data to stay within its size limit (its runs cannot stand for real ones). */
    static boolean truncated(Map<String, Object> stored) {
        return Boolean.TRUE.equals(stored.get("truncated"));
    }

    static Optional<String> lastNodeExecuted(Map<String, Object> stored) {
        return stored.get("lastNodeExecuted") instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** What nodes kept between their runs when the execution ended (see ExecutionCodec's context). */
    static Map<String, Map<String, Object>> nodeStates(Map<String, Object> stored) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        if (stored.get(ExecutionCodec.CONTEXT) instanceof Map<?, ?> context) {
            context.forEach((node, state) -> {
                Map<String, Object> kept = new LinkedHashMap<>();
                if (state instanceof Map<?, ?> s) {
                    if (s.get("json") instanceof Map<?, ?> json) {
                        json.forEach((k, v) -> kept.put(String.valueOf(k), v));
                    }
                    if (s.get("items") instanceof Map<?, ?> items) {
                        items.forEach((k, v) -> kept.put(String.valueOf(k), StoredExecutionData.readItems(v)));
                    }
                }
                out.put(String.valueOf(node), kept);
            });
        }
        return out;
    }

    private static NodeRun run(String node, Map<?, ?> run) {
        return new NodeRun(
                node,
                run.get("type") instanceof String t ? t : "",
                number(run.get("runIndex")),
                instant(run.get("startedAt")),
                number(run.get("executionTimeMs")),
                Math.max(1, number(run.get("attempts"))),
                sources(run.get("sources")),
                lists(run.get("input")),
                lists(run.get("output")),
                error(run.get("error")),
                run.get("console") instanceof List<?> lines
                        ? lines.stream().map(String::valueOf).toList()
                        : List.of(),
                metadata(run.get("metadata")));
    }

    private static List<Optional<InputSource>> sources(Object stored) {
        List<Optional<InputSource>> out = new ArrayList<>();
        if (stored instanceof List<?> perInput) {
            for (Object s : perInput) {
                out.add(
                        s instanceof List<?> l && !l.isEmpty() && l.getFirst() instanceof Map<?, ?> src
                                ? Optional.of(new InputSource(
                                        String.valueOf(src.get("node")),
                                        number(src.get("output")),
                                        number(src.get("run"))))
                                : Optional.empty());
            }
        }
        return out;
    }

    private static List<List<Item>> lists(Object stored) {
        List<List<Item>> out = new ArrayList<>();
        if (stored instanceof List<?> lists) {
            for (Object items : lists) {
                out.add(StoredExecutionData.readItems(items));
            }
        }
        return out;
    }

    private static Optional<ExecutionError> error(Object stored) {
        if (!(stored instanceof Map<?, ?> e)) {
            return Optional.empty();
        }
        return Optional.of(new ExecutionError(
                String.valueOf(e.get("message")),
                e.get("description") instanceof String d ? d : "",
                e.get("node") instanceof String n ? Optional.of(n) : Optional.empty(),
                number(e.get("httpStatus")),
                e.get("kind") instanceof String k ? k : ""));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Object stored) {
        return stored instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Instant instant(Object o) {
        try {
            return o instanceof String at ? Instant.parse(at) : Instant.EPOCH;
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private static int number(Object o) {
        return o instanceof Number n ? n.intValue() : 0;
    }
}
