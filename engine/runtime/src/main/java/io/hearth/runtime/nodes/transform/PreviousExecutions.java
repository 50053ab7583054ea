package io.hearth.runtime.nodes.transform;

import io.hearth.expression.ExpressionValues;
import io.hearth.node.Item;
import io.hearth.node.NodeException;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterValues;
import io.hearth.node.ProcessedValues;
import io.hearth.runtime.execution.ProcessedValuesRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Remove Duplicates 2's operations across executions: keep items whose value was not seen before
 * (or is higher / later than any before), and clear that history. The values live in the server's
 * database ({@link ProcessedValues}).
 */
final class PreviousExecutions {

    private PreviousExecutions() {}

    static CompletionStage<NodeOutput> remove(NodeExecutionContext context) {
        ParameterValues first = context.parameters();
        String logic = first.string("logic").isEmpty() ? RemoveDuplicatesNode.ENTRIES : first.string("logic");
        ProcessedValues.Mode mode = switch (logic) {
            case RemoveDuplicatesNode.ENTRIES -> ProcessedValues.Mode.ENTRIES;
            case RemoveDuplicatesNode.INCREMENTAL -> ProcessedValues.Mode.LATEST_NUMBER;
            case RemoveDuplicatesNode.DATE -> ProcessedValues.Mode.LATEST_DATE;
            default ->
                throw new NodeException(context.node().name() + " → Keep Items Where: '" + logic + "' is not known");
        };
        ProcessedValues.Scope scope = scope(first);
        Map<String, List<Item>> byValue = new LinkedHashMap<>();
        List<Item> items = context.items();
        for (int i = 0; i < items.size(); i++) {
            byValue.computeIfAbsent(value(context.parameters(i), mode), k -> new ArrayList<>())
                    .add(items.get(i).pairedWith(i));
        }
        // n8n groups the items in a JavaScript object: integer-like values come first
        List<String> values = JsOrder.objectKeys(byValue.keySet());
        int historySize = first.get("options.historySize").isPresent()
                ? (int) Math.max(0, Math.min(Integer.MAX_VALUE, first.integer("options.historySize")))
                : 10_000;
        return context.processedValues()
                .checkAndRecord(scope, mode, values, historySize)
                .thenApply(outcome -> {
                    List<Item> kept = new ArrayList<>();
                    for (String v : outcome.fresh()) {
                        kept.addAll(byValue.get(v));
                    }
                    return NodeOutput.of(kept);
                });
    }

    static CompletionStage<NodeOutput> clear(NodeExecutionContext context) {
        ParameterValues p = context.parameters();
        String mode = p.string("mode").isEmpty() ? "cleanDatabase" : p.string("mode");
        if (!mode.equals("cleanDatabase")) {
            throw new NodeException(context.node().name() + " → Mode: '" + mode + "' is not supported");
        }
        List<Item> items = context.items();
        List<Item> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(items.get(i).pairedWith(i));
        }
        return context.processedValues().clear(scope(p)).thenApply(v -> NodeOutput.of(out));
    }

    private static ProcessedValues.Scope scope(ParameterValues p) {
        String scope = p.string("options.scope").isEmpty() ? "node" : p.string("options.scope");
        return switch (scope) {
            case "node" -> ProcessedValues.Scope.NODE;
            case "workflow" -> ProcessedValues.Scope.WORKFLOW;
            default ->
                throw new NodeException(
                        "The scope '" + scope + "' is not supported. Please select either \"node\" or \"workflow\".");
        };
    }

    /** The item's value to dedupe on, checked as n8n checks it for the chosen mode. */
    private static String value(ParameterValues p, ProcessedValues.Mode mode) {
        return switch (mode) {
            case ENTRIES -> Descriptions.text(p.get("dedupeValue").orElse(""));
            case LATEST_NUMBER -> {
                String text = Descriptions.text(p.get("incrementalDedupeValue").orElse(""));
                if (text.isEmpty()) {
                    throw new NodeException("The `Value to Dedupe` On is empty. Please provide a value.");
                }
                double n = ExpressionValues.toNumber(text);
                if (Double.isNaN(n)) {
                    throw new NodeException("The value '" + text + "' is not a number. Please provide a number.");
                }
                yield ExpressionValues.toText(n);
            }
            case LATEST_DATE -> {
                String text = Descriptions.text(p.get("dateDedupeValue").orElse(""));
                if (text.isEmpty()) {
                    throw new NodeException("The `Value to Dedupe` On is empty. Please provide a value.");
                }
                if (ProcessedValuesRules.date(text).isEmpty()) {
                    throw new NodeException(
                            "The value '" + text + "' is not a valid date. Please provide a valid date.");
                }
                yield text;
            }
        };
    }
}
