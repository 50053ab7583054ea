package io.hearth.runtime.nodes;

import io.hearth.node.ActionNode;
import io.hearth.node.Item;
import io.hearth.node.NodeException;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Port;
import io.hearth.node.description.VersionMigration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * n8n's Filter: keeps the items that meet its conditions — If's conditions exactly (filter v2.3's
 * parameters; version 1's typed lists are migrated). Only kept items go on; the discarded ones are
 * recorded as the run's second output ("Discarded"), as n8n shows them.
 */
public final class FilterNode implements ActionNode {

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.filter")
            .alias("n8n-nodes-base.filter")
            .displayName("Filter")
            .versions(1, 2, 2.1, 2.2, 2.3)
            .group(NodeGroup.TRANSFORM)
            .categories("Flow", "Data Transformation", "Core Nodes")
            .keywords("Router", "Filter", "Condition", "Logic", "Boolean", "Branch")
            .icon("fa:filter")
            .description("Keep only items matching a condition")
            .outputs(new Port("Kept"))
            .parameters(ConditionParameters.ALL)
            .build();

    /**
     * Filter's versions: v1 is If v1 with {@code combineConditions} AND/OR for If's
     * {@code combineOperation} all/any; v2.0 keeps "convert types" in the options, as If v2.0.
     */
    static final List<VersionMigration> MIGRATIONS = List.of(
            VersionMigration.upTo(
                    2,
                    "typed condition lists (combined by AND/OR) become one filter",
                    p -> IfMigrations.v1ToFilter(combineAsIf(p))),
            VersionMigration.upTo(
                    2.1, "options.looseTypeValidation moves to the top level", IfMigrations::looseTypesToTopLevel));

    private static Map<String, Object> combineAsIf(Map<String, Object> p) {
        Map<String, Object> out = new LinkedHashMap<>(p);
        Object combine = out.remove("combineConditions");
        out.put("combineOperation", "OR".equals(combine) ? "any" : "all");
        return out;
    }

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public List<VersionMigration> migrations() {
        return MIGRATIONS;
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        ZoneId zone = context.workflow().timezone();
        List<Item> items = context.items();
        List<Item> kept = new ArrayList<>();
        List<Item> discarded = new ArrayList<>();
        IfNode.Conditions conditions = new IfNode.Conditions();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i).pairedWith(i);
            boolean pass;
            try {
                pass = conditions.of(context.parameters(i)).test(i, zone);
            } catch (NodeException e) {
                if (!context.continueOnFail()) {
                    throw e;
                }
                pass = false; // as n8n: an item whose conditions fail to evaluate is discarded
            }
            (pass ? kept : discarded).add(item);
        }
        return CompletableFuture.completedFuture(NodeOutput.ofOutputs(kept, discarded));
    }
}
