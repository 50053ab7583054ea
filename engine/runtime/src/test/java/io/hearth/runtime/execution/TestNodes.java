package io.hearth.runtime.execution;

import io.hearth.node.ActionNode;
import io.hearth.node.Item;
import io.hearth.node.NodeApiException;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.description.CredentialRequirement;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Parameter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/** Small node types for runtime tests. */
final class TestNodes {

    private TestNodes() {}

    /** Fails its first {@code failures} calls with an API error (503), then passes items on. */
    static final class Flaky implements ActionNode {
        final AtomicInteger calls = new AtomicInteger();
        private final int failures;

        Flaky(int failures) {
            this.failures = failures;
        }

        @Override
        public NodeDescription description() {
            return NodeDescription.builder("test.flaky").group(NodeGroup.ACTION).build();
        }

        @Override
        public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
            if (calls.incrementAndGet() <= failures) {
                return CompletableFuture.failedFuture(
                        new NodeApiException("service unavailable (call " + calls.get() + ")", 503));
            }
            return CompletableFuture.completedFuture(NodeOutput.of(context.items()));
        }
    }

    /** Completes on another thread after a short pause, adding {@code async: true}. */
    static final class Async implements ActionNode {
        @Override
        public NodeDescription description() {
            return NodeDescription.builder("test.async").group(NodeGroup.ACTION).build();
        }

        @Override
        public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
            return context.delay(Duration.ofMillis(20)).thenApply(v -> {
                List<Item> out = new ArrayList<>();
                for (Item i : context.items()) {
                    Map<String, Object> json = new LinkedHashMap<>(i.json());
                    json.put("async", true);
                    out.add(i.withJson(json));
                }
                return NodeOutput.of(out);
            });
        }
    }

    /**
     * Outputs {@code count} items built one by one, checking the output limit as it goes (as nodes
     * that multiply items do).
     */
    static final class FanOut implements ActionNode {
        @Override
        public NodeDescription description() {
            return NodeDescription.builder("test.fanOut")
                    .group(NodeGroup.ACTION)
                    .parameter(Parameter.number("count"))
                    .parameter(Parameter.bool("unchecked"))
                    .build();
        }

        @Override
        public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
            long count = (long) context.parameters().number("count");
            boolean check = !context.parameters().bool("unchecked");
            List<Item> out = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                if (check) {
                    context.checkOutputSize(i + 1);
                }
                out.add(Item.of(Map.of("i", i)));
            }
            return CompletableFuture.completedFuture(NodeOutput.of(out));
        }
    }

    /** Outputs {@code count} items that all hold one string of {@code length} characters. */
    static final class Amplify implements ActionNode {
        @Override
        public NodeDescription description() {
            return NodeDescription.builder("test.amplify")
                    .group(NodeGroup.ACTION)
                    .parameter(Parameter.number("count"))
                    .parameter(Parameter.number("length"))
                    .build();
        }

        @Override
        public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
            String big = "x".repeat((int) context.parameters().number("length"));
            List<Item> out = new ArrayList<>();
            for (int i = 0; i < (int) context.parameters().number("count"); i++) {
                out.add(Item.of(Map.of("s", big)));
            }
            return CompletableFuture.completedFuture(NodeOutput.of(out));
        }
    }

    /** Keeps its thread busy for about a millisecond, then passes its items on (a CPU-bound step in a loop). */
    static final class Busy implements ActionNode {
        @Override
        public NodeDescription description() {
            return NodeDescription.builder("test.busy").group(NodeGroup.ACTION).build();
        }

        @Override
        public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
            long until = System.nanoTime() + 1_000_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            return CompletableFuture.completedFuture(NodeOutput.of(context.items()));
        }
    }

    /** Completes when the test completes the future it hands out for each run (an execution held open). */
    static final class Held implements ActionNode {
        final java.util.concurrent.LinkedBlockingQueue<CompletableFuture<NodeOutput>> runs =
                new java.util.concurrent.LinkedBlockingQueue<>();

        @Override
        public NodeDescription description() {
            return NodeDescription.builder("test.held").group(NodeGroup.ACTION).build();
        }

        @Override
        public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
            CompletableFuture<NodeOutput> run = new CompletableFuture<>();
            runs.add(run);
            return run;
        }
    }

    /** Never completes until cancelled (a hung remote call). */
    static final class Hang implements ActionNode {
        @Override
        public NodeDescription description() {
            return NodeDescription.builder("test.hang").group(NodeGroup.ACTION).build();
        }

        @Override
        public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
            return new CompletableFuture<>();
        }
    }

    /** Uses a credential: logs and throws with the secret in the text, outputs it too. */
    static final class LeakySecret implements ActionNode {
        @Override
        public NodeDescription description() {
            return NodeDescription.builder("test.leaky")
                    .group(NodeGroup.ACTION)
                    .credential(CredentialRequirement.required("testApi"))
                    .parameter(Parameter.bool("fail"))
                    .build();
        }

        @Override
        public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
            String token =
                    context.credential("testApi").orElseThrow().secret("token").reveal();
            context.log().warn("calling with token {}", token);
            if (context.parameters().bool("fail")) {
                throw new NodeApiException("request with Bearer " + token + " was refused", 401);
            }
            return CompletableFuture.completedFuture(NodeOutput.of(List.of(Item.of(Map.of("echo", "token=" + token)))));
        }
    }
}
