package io.hearth.runtime.nodes;

import io.hearth.node.ActionNode;
import io.hearth.node.ItemLoop;
import io.hearth.node.LoadOptionsMethod;
import io.hearth.node.NodeException;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.Condition;
import io.hearth.node.description.DynamicOutputs;
import io.hearth.node.description.FieldGroup;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import io.hearth.node.description.Port;
import io.hearth.node.description.VersionMigration;
import io.hearth.runtime.conditions.FilterOptions;
import io.hearth.runtime.conditions.FilterValue;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Routes each item to outputs: by rules (one output per rule, each rule an n8n filter, plus an
 * optional fallback output) or by an expression giving the output index. Switch v3.4's parameters;
 * v1, v2 and v3.0 workflows are migrated ({@link SwitchMigrations}).
 */
public final class SwitchNode implements ActionNode {

    /** Outputs of a migrated Switch v1, which always had four (Hearth-internal parameter). */
    static final String LEGACY_OUTPUT_COUNT = "legacyOutputCount";

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.switch")
            .alias("n8n-nodes-base.switch")
            .displayName("Switch")
            .versions(1, 2, 3, 3.1, 3.2, 3.3, 3.4)
            .group(NodeGroup.TRANSFORM)
            .categories("Flow")
            .icon("fa:map-signs")
            .description("Route items depending on defined expression or rules")
            .subtitle("=mode: {{$parameter[\"mode\"]}}")
            .outputs(Port.MAIN)
            .dynamicOutputs(new DynamicOutputs(
                    "rules.values",
                    "outputKey",
                    Optional.of("options.fallbackOutput"),
                    Optional.of("extra"),
                    "Fallback",
                    List.of("numberOutputs", LEGACY_OUTPUT_COUNT)))
            .parameter(Parameter.options(
                            "mode",
                            Option.of("Rules", "rules", "Build a matching rule for each output"),
                            Option.of("Expression", "expression", "Write an expression to return the output index"))
                    .displayName("Mode")
                    .defaultValue("rules")
                    .noDataExpression()
                    .description("How data should be routed"))
            .parameter(Parameter.number("numberOutputs")
                    .displayName("Number of Outputs")
                    .defaultValue(4)
                    .minValue(0)
                    .noDataExpression()
                    .description("How many outputs to create")
                    .show("mode", "expression"))
            .parameter(Parameter.number("output")
                    .displayName("Output Index")
                    .defaultValue("={{}}")
                    .hint("The index to route the item to, starts at 0")
                    .description("The output index to send the input item to; an expression that returns a number")
                    .show("mode", "expression"))
            .parameter(Parameter.fixedCollection(
                            "rules",
                            true,
                            "Add Routing Rule",
                            new FieldGroup(
                                    "values",
                                    "Routing Rule",
                                    List.of(
                                            Parameter.filter("conditions")
                                                    .displayName("Conditions")
                                                    .placeholder("Add Condition")
                                                    .build(),
                                            Parameter.bool("renameOutput")
                                                    .displayName("Rename Output")
                                                    .build(),
                                            Parameter.string("outputKey")
                                                    .displayName("Output Name")
                                                    .description(
                                                            "The label of the output items go to when the rule matches")
                                                    .show("renameOutput", true)
                                                    .build())))
                    .displayName("Routing Rules")
                    .defaultValue(Map.of(
                            "values",
                            List.of(Map.of(
                                    "conditions",
                                    Map.of(
                                            "options",
                                            Map.of("caseSensitive", true, "leftValue", "", "typeValidation", "strict"),
                                            "conditions",
                                            List.of(Map.of(
                                                    "leftValue",
                                                    "",
                                                    "rightValue",
                                                    "",
                                                    "operator",
                                                    Map.of("type", "string", "operation", "equals"))),
                                            "combinator",
                                            "and")))))
                    .show("mode", "rules"))
            .parameter(Parameter.bool("looseTypeValidation")
                    .displayName("Convert types where required")
                    .description("If the type of an expression doesn't match the type of the comparison, convert it"
                            + " where possible")
                    .show("@version", Condition.of(Condition.Operator.GTE, 3.1)))
            .parameter(Parameter.collection(
                            "options",
                            "Add option",
                            Parameter.dynamicOptions(
                                            "fallbackOutput",
                                            io.hearth.node.description.DynamicOptions.of(
                                                    "getFallbackOutputOptions", "rules.values"))
                                    .displayName("Fallback Output")
                                    .defaultValue("none")
                                    .description("Where items go when no rule matches; by default they are dropped")
                                    .build(),
                            Parameter.bool("ignoreCase")
                                    .displayName("Ignore Case")
                                    .description("Whether to ignore letter case when evaluating conditions")
                                    .defaultValue(true)
                                    .build(),
                            Parameter.string("renameFallbackOutput")
                                    .displayName("Rename Fallback Output")
                                    .placeholder("e.g. Fallback")
                                    .show("fallbackOutput", "extra")
                                    .build(),
                            Parameter.bool("allMatchingOutputs")
                                    .displayName("Send data to all matching outputs")
                                    .description("Whether to send data to all outputs meeting conditions (and not just"
                                            + " the first one)")
                                    .build())
                    .displayName("Options")
                    .show("mode", "rules"))
            .build();

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public List<VersionMigration> migrations() {
        return SwitchMigrations.STEPS;
    }

    @Override
    public Map<String, LoadOptionsMethod> loadOptionsMethods() {
        return Map.of("getFallbackOutputOptions", context -> {
            List<Option> options = new ArrayList<>();
            options.add(Option.of("None (default)", "none", "Items will be ignored"));
            options.add(Option.of("Extra Output", "extra", "Items will be sent to the extra, separate, output"));
            List<Map<String, Object>> rules =
                    ParameterValues.of(context.currentParameters()).group("rules", "values");
            for (int i = 0; i < rules.size(); i++) {
                Object key = rules.get(i).get("outputKey");
                String label = key == null || key.toString().isBlank() ? String.valueOf(i) : key.toString();
                options.add(Option.of(
                        "Output " + label, i, "Items will be sent to the same output as when matched rule " + (i + 1)));
            }
            return CompletableFuture.completedFuture(options);
        });
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        ParameterValues first = context.parameters();
        if ("expression".equals(first.string("mode"))) {
            int outputs = (int) first.integer("numberOutputs");
            return ItemLoop.route(context, outputs, in -> List.of(outputIndex(in.parameters(), outputs)));
        }
        List<Map<String, Object>> rules = first.group("rules", "values");
        int legacyOutputs = first.get(LEGACY_OUTPUT_COUNT).orElse(null) instanceof Number n ? n.intValue() : -1;
        boolean extra = "extra".equals(first.get("options.fallbackOutput").orElse("none"));
        int outputs = legacyOutputs >= 0 ? legacyOutputs : rules.size() + (extra ? 1 : 0);
        ZoneId zone = context.workflow().timezone();
        return ItemLoop.route(context, outputs, in -> {
            ParameterValues p = in.parameters();
            List<Map<String, Object>> itemRules = p.group("rules", "values");
            boolean all = p.bool("options.allMatchingOutputs");
            List<Integer> targets = new ArrayList<>();
            for (int r = 0; r < itemRules.size(); r++) {
                String path = "rules.values[" + r + "].conditions";
                FilterValue filter = FilterValue.read(conditionsOf(itemRules.get(r)), path);
                if (filter.withOptions(options(p, itemRules.get(r))).test(in.index(), zone)) {
                    targets.add(checked(targetOf(itemRules.get(r), r), outputs, path));
                    if (!all) {
                        break;
                    }
                }
            }
            if (targets.isEmpty()) {
                Object fallback = p.get("options.fallbackOutput").orElse("none");
                if ("extra".equals(fallback)) {
                    targets.add(outputs - 1);
                } else if (!"none".equals(fallback)) {
                    targets.add(checked(fallbackIndex(fallback), outputs, "options.fallbackOutput"));
                }
            }
            return targets;
        });
    }

    /** A rule's filter; Hearth's earlier single-condition rules ({leftValue, operator, rightValue}) as one. */
    private static Object conditionsOf(Map<String, Object> rule) {
        return !rule.containsKey("conditions") && rule.containsKey("operator") ? List.of(rule) : rule.get("conditions");
    }

    /** The rule's filter settings, with the node's where the stored filter states none. */
    private static FilterOptions options(ParameterValues p, Map<String, Object> rule) {
        Map<?, ?> stored =
                rule.get("conditions") instanceof Map<?, ?> c && c.get("options") instanceof Map<?, ?> o ? o : Map.of();
        FilterOptions options =
                FilterValue.read(rule.get("conditions"), "conditions").options();
        if (!stored.containsKey("typeValidation")) {
            options = options.withStrictTypes(!p.bool("looseTypeValidation"));
        }
        if (!stored.containsKey("caseSensitive") && p.get("options.ignoreCase").isPresent()) {
            options = options.withCaseSensitive(!p.bool("options.ignoreCase"));
        }
        return options;
    }

    /** A migrated v1 rule names its output; otherwise each rule has its own. */
    private static int targetOf(Map<String, Object> rule, int index) {
        return rule.get("output") instanceof Number n ? n.intValue() : index;
    }

    private static int fallbackIndex(Object fallback) {
        if (fallback instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(fallback.toString().strip());
        } catch (NumberFormatException e) {
            throw new ParameterException(
                    "options.fallbackOutput", "must be none, extra or an output index, got '" + fallback + "'");
        }
    }

    private static int outputIndex(ParameterValues p, int outputs) {
        Object raw = p.get("output").orElse(null);
        if (raw == null || "".equals(raw)) {
            throw new ParameterException("output", "the expression gave no output index (it must return a number)");
        }
        double d;
        try {
            d = raw instanceof Number n
                    ? n.doubleValue()
                    : Double.parseDouble(raw.toString().strip());
        } catch (NumberFormatException e) {
            throw new ParameterException("output", "must be a number, got '" + raw + "'");
        }
        if (d != Math.rint(d)) {
            throw new ParameterException("output", "must be a whole number, got " + raw);
        }
        return checked((int) d, outputs, "output");
    }

    private static int checked(int index, int outputs, String parameter) {
        if (index < 0 || index >= outputs) {
            throw new NodeException(
                    "The output " + index + " is not allowed",
                    "Output indexes start at 0; this Switch has " + outputs + " (" + parameter + ")",
                    null);
        }
        return index;
    }
}
