package io.hearth.node;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The loop every action node runs over its input items, done once: parameters resolved for each
 * item, output items paired with the input item they came from, and continue-on-fail handled as
 * n8n does — a failing item becomes {@code {"json": {"error": message}}} on the first output, paired
 * with its input item, and the other items go on (when the node is set to stop on failure, the
 * first failure fails the node).
 * <pre>{@code
 * public CompletionStage<NodeOutput> execute(NodeExecutionContext ctx) {
 *     return ItemLoop.map(ctx, in -> in.item().withJson(Map.of("name", in.parameters().requiredString("name"))));
 * }
 * }</pre>
 * Items are processed one after another, in input order, also by {@link #flatMapAsync}: a node that
 * calls a remote service sends one request at a time, as n8n's nodes do.
 */
public final class ItemLoop {

    private ItemLoop() {}

    /** One input item with its index and the node's parameters resolved for it. */
    public record ItemInput(int index, Item item, ParameterValues parameters) {}

    /** What a node does with one item; may throw (a {@link NodeException} for messages users read). */
    @FunctionalInterface
    public interface ItemFunction<R> {
        R apply(ItemInput input) throws Exception;
    }

    /** One output item per input item, on the node's only output. */
    public static CompletionStage<NodeOutput> map(NodeExecutionContext context, ItemFunction<Item> function) {
        return flatMap(context, in -> List.of(function.apply(in)));
    }

    /** Any number of output items per input item (none drops it), on the node's only output. */
    public static CompletionStage<NodeOutput> flatMap(NodeExecutionContext context, ItemFunction<List<Item>> function) {
        List<Item> out = new ArrayList<>();
        List<Item> items = context.items();
        for (int i = 0; i < items.size(); i++) {
            try {
                out.addAll(paired(function.apply(input(context, i)), i));
            } catch (Exception e) {
                out.add(errorItem(context, i, e));
            }
            context.checkOutputSize(out.size());
        }
        return CompletableFuture.completedFuture(NodeOutput.of(out));
    }

    /**
     * Sends each input item, unchanged, to the outputs the function names (none drops it), as If
     * and Switch do. A failing item goes to the first output as an error item.
     *
     * @param outputCount the node's number of outputs
     */
    public static CompletionStage<NodeOutput> route(
            NodeExecutionContext context, int outputCount, ItemFunction<List<Integer>> function) {
        List<List<Item>> outputs = new ArrayList<>();
        for (int o = 0; o < Math.max(1, outputCount); o++) {
            outputs.add(new ArrayList<>());
        }
        List<Item> items = context.items();
        for (int i = 0; i < items.size(); i++) {
            try {
                for (int output : function.apply(input(context, i))) {
                    if (output < 0 || output >= outputs.size()) {
                        throw new IllegalStateException(
                                "output " + output + " does not exist (the node has " + outputs.size() + ")");
                    }
                    outputs.get(output).add(items.get(i).pairedWith(i));
                }
            } catch (Exception e) {
                outputs.getFirst().add(errorItem(context, i, e));
            }
        }
        return CompletableFuture.completedFuture(new NodeOutput(List.copyOf(outputs)));
    }

    /**
     * Like {@link #flatMap} for work that completes later (a non-blocking remote call). The next item
     * starts when the previous one's stage completes; a stage that fails is handled like a throw.
     */
    public static CompletionStage<NodeOutput> flatMapAsync(
            NodeExecutionContext context, ItemFunction<CompletionStage<List<Item>>> function) {
        List<Item> out = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (int i = 0; i < context.items().size(); i++) {
            final int index = i;
            chain = chain.thenCompose(v -> {
                CompletionStage<List<Item>> stage;
                try {
                    stage = function.apply(input(context, index));
                } catch (Exception e) {
                    stage = CompletableFuture.failedFuture(e);
                }
                return stage.handle((items, failure) -> {
                    if (failure == null) {
                        out.addAll(paired(items, index));
                    } else {
                        out.add(errorItem(context, index, unwrap(failure)));
                    }
                    context.checkOutputSize(out.size());
                    return null;
                });
            });
        }
        return chain.thenApply(v -> NodeOutput.of(List.copyOf(out)));
    }

    private static ItemInput input(NodeExecutionContext context, int index) {
        return new ItemInput(index, context.items().get(index), context.parameters(index));
    }

    /** Items that name no origin are paired with the input item they were made from. */
    private static List<Item> paired(List<Item> items, int index) {
        List<Item> out = new ArrayList<>(items.size());
        for (Item item : items) {
            out.add(item.pairedItems().isEmpty() ? item.pairedWith(index) : item);
        }
        return out;
    }

    /**
     * n8n's error item for a failed input item when the node continues on failure; otherwise the
     * failure is rethrown and fails the node.
     */
    private static Item errorItem(NodeExecutionContext context, int index, Throwable failure) {
        // A limit of the execution is not the item's failure: it ends the node whatever continue-on-fail says.
        if (!context.continueOnFail() || failure instanceof ExecutionLimitException) {
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            throw new CompletionException(failure);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error", failure.getMessage() == null ? failure.toString() : failure.getMessage());
        return Item.of(json).pairedWith(index);
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
