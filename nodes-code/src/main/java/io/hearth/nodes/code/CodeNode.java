package io.hearth.nodes.code;

import io.hearth.node.BlockingActionNode;
import io.hearth.node.NodeException;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import io.hearth.runtime.execution.WorkflowDataScope;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * n8n's Code node (JavaScript): "Run Once for All Items" or "Run Once for Each Item", with n8n's
 * variables, return shapes and messages. Runs on the blocking pool: the code is CPU work bounded by
 * the sandbox's statement limit and deadline.
 */
public final class CodeNode implements BlockingActionNode {

    static final String ALL_ITEMS = "runOnceForAllItems";
    static final String EACH_ITEM = "runOnceForEachItem";

    private static final String JS_HELP = "JavaScript code to execute. Use $input.all(), $json, $('Node name'),"
            + " DateTime, $jmespath() and console.log() (shown with the node's run).";

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.code")
            .alias("n8n-nodes-base.code")
            .displayName("Code")
            .versions(1, 2)
            .group(NodeGroup.TRANSFORM)
            .categories("Data", "Core")
            .icon("fa:code")
            .description("Run custom JavaScript code")
            .parameter(Parameter.options(
                            "mode",
                            Option.of(
                                    "Run Once for All Items",
                                    ALL_ITEMS,
                                    "Run this code only once, no matter how many input items there are"),
                            Option.of(
                                    "Run Once for Each Item",
                                    EACH_ITEM,
                                    "Run this code as many times as there are input items"))
                    .displayName("Mode")
                    .defaultValue(ALL_ITEMS)
                    .noDataExpression())
            .parameter(Parameter.options(
                            "language",
                            Option.of("JavaScript", "javaScript", "Code in JavaScript"),
                            Option.of("Python (not supported by Hearth)", "pythonNative", "Code in Python"))
                    .displayName("Language")
                    .defaultValue("javaScript")
                    .noDataExpression()
                    .show("@version", 2))
            .parameter(Parameter.text("jsCode", 20)
                    .displayName("JavaScript")
                    .description(JS_HELP)
                    .noDataExpression()
                    .show("language", "javaScript"))
            .parameter(Parameter.text("pythonCode", 20)
                    .displayName("Python")
                    .description("Hearth does not run Python: rewrite this code in JavaScript")
                    .noDataExpression()
                    .show("language", "python", "pythonNative"))
            .parameter(Parameter.notice(
                    "notice",
                    "Debug with console.log(): its output is kept with the node's run and shown in the"
                            + " editor's output panel."))
            .documentationUrl("https://docs.n8n.io/code/code-node/")
            .build();

    private static final Pattern DISALLOWED_PER_ITEM =
            Pattern.compile("\\$input\\.(?<method>first|last|all|itemMatching)");

    private final Supplier<JsSandbox> sandbox;

    /**
     * The node as registered through ServiceLoader: one sandbox per server, configured from the
     * environment and created on the first run.
     */
    public CodeNode() {
        this.sandbox = SharedSandbox::get;
    }

    public CodeNode(JsSandbox sandbox) {
        this.sandbox = () -> sandbox;
    }

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public NodeOutput executeBlocking(NodeExecutionContext context) {
        ParameterValues p = context.parameters();
        String language = context.node().typeVersion() >= 2 ? p.string("language") : "javaScript";
        if (language.startsWith("python")) {
            throw new NodeException(
                    "Python is not supported",
                    "Hearth's Code node runs JavaScript only (Code → Language: Python). Rewrite the code in"
                            + " JavaScript; n8n's variables ($input, $json, $('Node')...) are the same.",
                    null);
        }
        String mode = p.string("mode").isBlank() ? ALL_ITEMS : p.string("mode");
        if (!mode.equals(ALL_ITEMS) && !mode.equals(EACH_ITEM)) {
            throw new NodeException("Code → Mode: '" + mode + "' is not one of " + ALL_ITEMS + ", " + EACH_ITEM);
        }
        String code = p.string("jsCode");
        if (code.isBlank()) {
            throw new NodeException("No code to execute", "Code → JavaScript is empty", null);
        }
        if (!(context instanceof WorkflowDataScope data)) {
            throw new NodeException("The Code node needs Hearth's workflow runtime to run");
        }
        if (mode.equals(EACH_ITEM)) {
            refuseAllItemsMethods(code);
        }
        JsSandbox js = sandbox.get();
        CodeRun run = new CodeRun(js, context, data, mode.equals(EACH_ITEM));
        return NodeOutput.of(run.execute(code, js.settings().timeout()));
    }

    /** n8n refuses $input.all()/first()/last()/itemMatching() in per-item mode, naming the line. */
    private static void refuseAllItemsMethods(String code) {
        Matcher m = DISALLOWED_PER_ITEM.matcher(code);
        if (!m.find()) {
            return;
        }
        String method = m.group("method");
        String[] lines = code.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripLeading();
            if (line.contains(method) && !line.startsWith("//") && !line.startsWith("/*") && !line.startsWith("*")) {
                throw new NodeException(
                        "Can't use ." + method + "() here [line " + (i + 1) + ", for item 0]",
                        "This is only available in 'Run Once for All Items' mode",
                        null);
            }
        }
    }
}
