package io.hearth.runtime.nodes;

import io.hearth.node.ActionNode;
import io.hearth.node.ItemLoop;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Port;
import io.hearth.node.description.VersionMigration;
import io.hearth.runtime.conditions.FilterValue;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Routes each item to "true" or "false" by n8n's filter conditions (If v2.3's parameters; v1 and
 * v2.0 workflows are migrated, see {@link IfMigrations}).
 */
public final class IfNode implements ActionNode {

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.if")
            .alias("n8n-nodes-base.if")
            .displayName("If")
            .versions(1, 2, 2.1, 2.2, 2.3)
            .group(NodeGroup.TRANSFORM)
            .categories("Flow")
            .icon("fa:map-signs")
            .description("Route items to different branches (true/false)")
            .outputs(new Port("true"), new Port("false"))
            .parameters(ConditionParameters.ALL)
            .build();

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public List<VersionMigration> migrations() {
        return IfMigrations.STEPS;
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        ZoneId zone = context.workflow().timezone();
        Conditions conditions = new Conditions();
        return ItemLoop.route(context, 2, in -> {
            try {
                return conditions.of(in.parameters()).test(in.index(), zone) ? TRUE : FALSE;
            } catch (RuntimeException e) {
                if (context.continueOnFail()) {
                    return FALSE; // as n8n: an item whose conditions fail to evaluate goes to "false"
                }
                throw e;
            }
        });
    }

    private static final List<Integer> TRUE = List.of(0);
    private static final List<Integer> FALSE = List.of(1);

    /**
     * The filter of each item, read once for all items where it holds no expression: the runtime then
     * hands every item the very same condition objects.
     */
    static final class Conditions {
        private Object raw;
        private Object looseTypes;
        private Object ignoreCase;
        private FilterValue filter;

        // identity tells whether a value was replaced: copy only on change
        @SuppressWarnings("ReferenceEquality")
        FilterValue of(ParameterValues p) {
            Object conditions = p.get("conditions").orElse(null);
            Object loose = p.get("looseTypeValidation").orElse(null);
            Object ignore = p.get("options.ignoreCase").orElse(null);
            if (filter == null
                    || conditions != raw
                    || !Objects.equals(loose, looseTypes)
                    || !Objects.equals(ignore, ignoreCase)) {
                filter = conditions(p);
                raw = conditions;
                looseTypes = loose;
                ignoreCase = ignore;
            }
            return filter;
        }
    }

    /**
     * The filter with the node's own settings where the stored filter states none (n8n's editor
     * writes them into the filter; a workflow made through the API may not).
     */
    static FilterValue conditions(ParameterValues p) {
        Object raw = p.get("conditions").orElse(null);
        FilterValue filter = FilterValue.read(raw, "conditions");
        java.util.Map<?, ?> stored =
                raw instanceof java.util.Map<?, ?> m && m.get("options") instanceof java.util.Map<?, ?> o
                        ? o
                        : java.util.Map.of();
        var options = filter.options();
        if (!stored.containsKey("typeValidation")) {
            options = options.withStrictTypes(!p.bool("looseTypeValidation"));
        }
        if (!stored.containsKey("caseSensitive") && p.get("options.ignoreCase").isPresent()) {
            options = options.withCaseSensitive(!p.bool("options.ignoreCase"));
        }
        return filter.withOptions(options);
    }
}
