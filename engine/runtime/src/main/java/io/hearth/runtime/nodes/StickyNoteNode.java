package io.hearth.runtime.nodes;

import io.hearth.node.ActionNode;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Parameter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * n8n's Sticky Note: markdown on the canvas. It has no inputs or outputs, is kept and exported as it
 * came, and never runs (the runtime never starts from it, and nothing can connect to it).
 */
public final class StickyNoteNode implements ActionNode {

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.stickyNote")
            .alias("n8n-nodes-base.stickyNote")
            .displayName("Sticky Note")
            .group(NodeGroup.TRANSFORM)
            .categories("Notes")
            .icon("fa:sticky-note")
            .description("Make your workflow easier to understand")
            .inputs()
            .outputs()
            .parameter(Parameter.text("content", 4)
                    .displayName("Content")
                    .defaultValue("## I'm a note \n**Double click** to edit me. [Guide](https://docs.n8n.io/workflows/"
                            + "components/sticky-notes/)"))
            .parameter(
                    Parameter.number("height").displayName("Height").required().defaultValue(160))
            .parameter(Parameter.number("width").displayName("Width").required().defaultValue(240))
            .parameter(Parameter.number("color").displayName("Color").required().defaultValue(1))
            .build();

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        return CompletableFuture.completedFuture(NodeOutput.empty(0));
    }
}
