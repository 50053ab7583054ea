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
