package io.hearth.runtime.scratch;

import io.hearth.expression.ExpressionEngine;
import io.hearth.node.ActionNode;
import io.hearth.node.Item;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.support.MiniJson;
import io.hearth.runtime.Flows;
import io.hearth.runtime.execution.ExecutionRequest;
import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.WorkflowExecutor;
import io.hearth.runtime.workflow.WorkflowJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Scratch: runs fixtures and prints differences. Not committed. */
class ScratchFixtureTest {

    static final class TestData implements ActionNode {
        public NodeDescription description() {
            return NodeDescription.builder("n8n-nodes-testing.testData")
                    .group(NodeGroup.TRANSFORM)
                    .build();
        }

        @SuppressWarnings("unchecked")
        public CompletionStage<NodeOutput> execute(NodeExecutionContext c) {
            Object data = c.parameters().get("data").orElse(List.of());
            if (data instanceof String s) {
                data = MiniJson.parse(s);
            }
            List<Item> out = new ArrayList<>();
            if (data instanceof Map<?, ?> m) data = List.of(m);
            for (Object o : (List<Object>) data) {
                out.add(Item.of((Map<String, Object>) o));
            }
            return CompletableFuture.completedFuture(NodeOutput.of(out));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void run() throws Exception {
        String dirs = System.getProperty("fixtures", "Transform");
        for (String d : dirs.split(",")) {
            try (Stream<Path> files = Files.walk(Path.of("/work/shared/n8n/node-fixtures", d))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json"))
                        .sorted()
                        .toList()) {
                    check(f);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void check(Path f) throws Exception {
        String text = Files.readString(f);
        Map<String, Object> tree = (Map<String, Object>) MiniJson.parse(text);
        Map<String, Object> pin = (Map<String, Object>) tree.getOrDefault("pinData", Map.of());
        var wf = WorkflowJson.parse(text);
        var executor = new WorkflowExecutor(
                Flows.registry(new TestData()),
                new ExpressionEngine(),
                Executors.newFixedThreadPool(2),
                Executors.newScheduledThreadPool(1),
                Clock.systemUTC(),
                ZoneId.of("America/New_York"));
        ExecutionResult r;
        try {
            r = executor.start(ExecutionRequest.manual(executor.prepare(wf), "e", List.of()))
                    .result()
                    .orTimeout(30, TimeUnit.SECONDS)
                    .join();
        } catch (Exception e) {
            System.out.println("FIXTURE " + f + " FAILED TO RUN: " + e);
            return;
        }
        int ok = 0, bad = 0;
        for (var e : pin.entrySet()) {
            List<Object> expected = new ArrayList<>();
            for (Object o : (List<Object>) e.getValue()) {
                expected.add(((Map<String, Object>) o).get("json"));
            }
            var runs = r.runData().get(e.getKey());
            if (runs == null) {
                System.out.println("  " + f.getFileName() + " [" + e.getKey() + "] NOT RUN; status " + r.status() + " "
                        + r.error());
                bad++;
                continue;
            }
            var out = runs.getLast().output();
            List<Object> actual = new ArrayList<>();
            if (!out.isEmpty()) out.getFirst().forEach(i -> actual.add(i.json()));
            String a = MiniJson.write(normalize(actual));
            String x = MiniJson.write(normalize(expected));
            if (a.equals(x)) {
                ok++;
            } else {
                bad++;
                System.out.println("  " + f.getFileName() + " [" + e.getKey() + "] DIFF\n    expected "
                        + x.substring(0, Math.min(600, x.length())) + "\n    actual   "
                        + a.substring(0, Math.min(600, a.length()))
                        + (runs.getLast()
                                .error()
                                .map(er -> "\n    error " + er.message())
                                .orElse("")));
            }
        }
        System.out.println("FIXTURE " + f.getFileName() + " ok=" + ok + " bad=" + bad + " status=" + r.status()
                + r.error().map(er -> " " + er.node() + ": " + er.message()).orElse(""));
    }

    private static Object normalize(Object v) {
        if (v instanceof Map<?, ?> m) {
            var t = new java.util.TreeMap<String, Object>();
            m.forEach((k, x) -> t.put(String.valueOf(k), normalize(x)));
            return t;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(ScratchFixtureTest::normalize).toList();
        }
        if (v instanceof Number n
                && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < 1e15) {
            return n.longValue();
        }
        return v;
    }
}
