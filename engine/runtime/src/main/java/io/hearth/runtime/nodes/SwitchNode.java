package io.hearth.runtime.nodes;

import io.hearth.node.ActionNode;
import io.hearth.node.ItemLoop;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.DynamicOutputs;
import io.hearth.node.description.FieldGroup;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import io.hearth.node.description.Port;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Routes each item to the output of the first rule it matches (or every matching rule). One
 * output per rule, plus an optional fallback output. Reads n8n Switch v3 rules
 * ({@code rules.values[{conditions: <filter>, outputKey}]}) and Hearth's single-condition rules.
 */
public final class SwitchNode implements ActionNode {

    private static final List<Parameter> RULE_FIELDS = new ArrayList<>(ConditionFields.fields());

    static {
        RULE_FIELDS.add(Parameter.string("outputKey")
                .displayName("Output Name")
                .placeholder("e.g. high")
                .build());
    }

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.switch")
            .alias("n8n-nodes-base.switch")
            .displayName("Switch")
            .versions(3, 3.1, 3.2)
            .group(NodeGroup.TRANSFORM)
            .categories("Flow")
            .icon("fa:map-signs")
            .description("Routes items to one of several outputs by rules")
            .outputs(Port.MAIN)
            .dynamicOutputs(new DynamicOutputs(
                    "rules.values",
                    "outputKey",
                    Optional.of("options.fallbackOutput"),
                    Optional.of("extra"),
                    "Fallback"))
            .parameter(Parameter.fixedCollection(
                            "rules", true, "Add Routing Rule", new FieldGroup("values", "Routing Rules", RULE_FIELDS))
                    .displayName("Routing Rules"))
            .parameter(Parameter.collection(
                            "options",
                            "Add Option",
                            Parameter.options(
                                            "fallbackOutput",
                                            Option.of("None (drop the item)", "none"),
                                            Option.of("Extra Output", "extra"))
                                    .displayName("Fallback Output")
                                    .defaultValue("none")
                                    .build(),
                            Parameter.bool("allMatchingOutputs")
                                    .displayName("Send to All Matching Outputs")
                                    .build(),
                            Parameter.bool("ignoreCase")
                                    .displayName("Ignore Case")
                                    .build())
                    .displayName("Options"))
            .build();

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        ParameterValues first = context.parameters();
        int rules = first.group("rules", "values").size();
        Object fallback = first.get("options.fallbackOutput").orElse("none");
        boolean extra = "extra".equals(fallback);
        return ItemLoop.route(context, rules + (extra ? 1 : 0), in -> {
            ParameterValues p = in.parameters();
            boolean ignoreCase = p.bool("options.ignoreCase");
            boolean all = p.bool("options.allMatchingOutputs");
            List<Map<String, Object>> values = p.group("rules", "values");
            List<Integer> matched = new ArrayList<>();
            for (int r = 0; r < values.size() && r < rules; r++) {
                Map<String, Object> rule = values.get(r);
                String path = "rules.values[" + r + "]";
                boolean ok = rule.containsKey("conditions")
                        ? Conditions.evaluate(rule.get("conditions"), "and", !ignoreCase, path + ".conditions")
                        : Conditions.test(rule, !ignoreCase, path);
                if (ok) {
                    matched.add(r);
                    if (!all) {
                        break;
                    }
                }
            }
            if (matched.isEmpty()) {
                if (extra) {
                    matched.add(rules);
                } else if (fallback instanceof Number n && n.intValue() >= 0 && n.intValue() < rules) {
                    matched.add(n.intValue());
                }
            }
            return matched;
        });
    }
}
