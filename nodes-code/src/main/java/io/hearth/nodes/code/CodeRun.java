package io.hearth.nodes.code;

import io.hearth.common.Json;
import io.hearth.expression.DateTimeValue;
import io.hearth.expression.ExpressionValues;
import io.hearth.expression.Scope;
import io.hearth.expression.Undefined;
import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import io.hearth.node.NodeException;
import io.hearth.node.NodeExecutionContext;
import io.hearth.runtime.execution.WorkflowDataScope;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

/**
 * One run of a Code node: leases a context, hands it the input items and the run's variables, calls
 * the user's function once (all items) or per item, drives timers and promises until each call
 * settles, and turns outcomes into items or n8n's errors.
 */
final class CodeRun {

    private static final Pattern USER_LINE = Pattern.compile("\\(?" + JsSandbox.CODE_SOURCE_NAME + ":(\\d+)(?::\\d+)?");

    private final JsSandbox sandbox;
    private final NodeExecutionContext context;
    private final WorkflowDataScope data;
    private final boolean eachItem;
    private final ConsoleLines console;
    private long returnedChars;

    CodeRun(JsSandbox sandbox, NodeExecutionContext context, WorkflowDataScope data, boolean eachItem) {
        this.sandbox = sandbox;
        this.context = context;
        this.data = data;
        this.eachItem = eachItem;
        this.console = new ConsoleLines(sandbox.settings().maxConsoleLines(), context::console);
    }

    List<Item> execute(String code, Duration timeout) {
        List<Item> input = context.items();
        try (JsSandbox.Lease lease = sandbox.lease(timeout)) {
            try {
                return runIn(lease, code, input);
            } catch (PolyglotException e) {
                lease.discard();
                throw translate(e, lease, timeout);
            } catch (IllegalStateException e) {
                // The context was closed under us: the deadline or the heap guard stopped the run.
                lease.discard();
                if (lease.stopped() != null) {
                    throw stopped(lease.stopped(), timeout);
                }
                throw e;
            }
        }
    }

    private List<Item> runIn(JsSandbox.Lease lease, String code, List<Item> input) {
        SandboxContext ctx = lease.context();
        Value runner = ctx.runner();
        Scope first = data.itemScope(0);
        HostBridge bridge =
                new HostBridge(data::itemScope, context.workflow().timezone(), console, context::workflowStaticData);
        Object now = first.lookup("$now");
        Object today = now instanceof DateTimeValue d
                ? DateTimeValue.of(d.toZonedDateTime().truncatedTo(ChronoUnit.DAYS))
                : first.lookup("$today");
        runner.invokeMember(
                "begin",
                bridge,
                Json.write(itemsForScript(input)),
                Json.write(meta(first)),
                handle(now),
                handle(today));
        Value fn;
        try {
            fn = ctx.function(sandbox, code);
        } catch (PolyglotException e) {
            if (e.isSyntaxError()) {
                throw syntaxError(e);
            }
            throw e;
        }
        List<Item> out = new ArrayList<>();
        try {
            if (!eachItem) {
                JsOutcome outcome = settle(lease, runner, runner.invokeMember("call", fn, -1));
                if (outcome instanceof JsOutcome.Threw t && context.continueOnFail()) {
                    out.add(Item.of(Map.of("error", message(t, -1))));
                } else {
                    out.addAll(CodeResults.allItems(returned(outcome, -1)));
                }
                context.checkOutputSize(out.size());
            } else {
                for (int i = 0; i < input.size(); i++) {
                    JsOutcome outcome = settle(lease, runner, runner.invokeMember("call", fn, i));
                    if (outcome instanceof JsOutcome.Threw t && context.continueOnFail()) {
                        out.add(Item.of(Map.of("error", message(t, i))).pairedWith(i));
                        continue;
                    }
                    CodeResults.eachItem(returned(outcome, i), i).ifPresent(out::add);
                    context.checkOutputSize(out.size());
                }
            }
            writeBackStaticData(runner);
        } finally {
            if (!runner.invokeMember("end").asBoolean()) {
                lease.discard();
            }
        }
        return out;
    }

    /** What the code did to the static data objects it asked for goes back to the workflow. */
    @SuppressWarnings("unchecked")
    private void writeBackStaticData(Value runner) {
        Object written = Json.parse(runner.invokeMember("staticData").asString());
        if (written instanceof Map<?, ?> byType) {
            byType.forEach((type, value) -> {
                Map<String, Object> target = context.workflowStaticData(String.valueOf(type));
                target.clear();
                if (value instanceof Map<?, ?> m) {
                    target.putAll((Map<String, Object>) m);
                }
            });
        }
    }

    private JsOutcome.Returned returned(JsOutcome outcome, int itemIndex) {
        return switch (outcome) {
            case JsOutcome.Threw t -> throw new NodeException(message(t, itemIndex), description(t), null);
            case JsOutcome.Returned r -> r;
        };
    }

    private JsOutcome settle(JsSandbox.Lease lease, Value runner, Value outcome) {
        while (!outcome.getMember("done").asBoolean()) {
            long next = runner.invokeMember("pump").asLong();
            if (outcome.getMember("done").asBoolean()) {
                break;
            }
            if (next < 0) {
                return new JsOutcome.Threw(
                        "Error",
                        "The code's promise never settled: it waits for something that never happens"
                                + " (no timer or pending work is left)",
                        0);
            }
            if (next > 0) {
                try {
                    Thread.sleep(Math.min(next, 1000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    lease.cancel(JsSandbox.StopReason.TIMEOUT);
                }
            }
            if (lease.stopped() != null) {
                throw new IllegalStateException("stopped");
            }
        }
        if (outcome.getMember("ok").asBoolean()) {
            long length = outcome.getMember("jsonLength").asLong();
            if (length > sandbox.settings().maxResultChars()) {
                throw tooMuchData();
            }
            // All items' results together are the node's output: bounded by the execution's data limit
            // before they are copied and parsed (a result of many times the limit would fill the heap).
            returnedChars += length;
            context.checkOutputBytes(returnedChars, "The code returned");
            Value json = outcome.getMember("json");
            return new JsOutcome.Returned(
                    outcome.getMember("type").asString(), json == null || json.isNull() ? "" : json.asString());
        }
        if (outcome.getMember("serializing").asBoolean()) {
            String message = outcome.getMember("message").asString();
            if (message.contains("Invalid string length")) {
                throw tooMuchData();
            }
            return new JsOutcome.Threw("Error", "The returned data cannot be converted to JSON: " + message, 0);
        }
        String stack = outcome.getMember("stack").asString();
        return new JsOutcome.Threw(
                outcome.getMember("errorName").asString(),
                outcome.getMember("message").asString(),
                userLine(stack));
    }

    private NodeException tooMuchData() {
        return new NodeException(
                "The code returned more data than the server allows ("
                        + (sandbox.settings().maxResultChars() >> 20) + " MB as JSON)",
                "Return fewer or smaller items, or raise hearth.code.max-result-size (HEARTH_CODE_MAX_RESULT_SIZE)",
                null);
    }

    private static int userLine(String stack) {
        Matcher m = USER_LINE.matcher(stack);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** n8n's form: "message [line 3]" or "message [line 3, for item 0]". */
    private String message(JsOutcome.Threw t, int itemIndex) {
        String text = t.message().isEmpty() ? "Unknown error" : t.message();
        if (!eachItem && text.equals("item is not defined")) {
            text = "`item` is not defined. Did you mean `$input.item.json`? (only in 'Run Once for Each Item' mode)";
        }
        if (eachItem && text.equals("items is not defined")) {
            text =
                    "`items` is not defined. Did you mean `$input.item`? (`items` is only in 'Run Once for All Items' mode)";
        }
        if (t.line() > 0) {
            return text
                    + (itemIndex < 0
                            ? " [line " + t.line() + "]"
                            : " [line " + t.line() + ", for item " + itemIndex + "]");
        }
        return itemIndex < 0 ? text : text + " [item " + itemIndex + "]";
    }

    private static String description(JsOutcome.Threw t) {
        return t.name().isEmpty() || t.name().equals("Error") ? null : t.name();
    }

    private NodeException translate(PolyglotException e, JsSandbox.Lease lease, Duration timeout) {
        if (lease.stopped() != null) {
            return stopped(lease.stopped(), timeout);
        }
        if (e.isResourceExhausted() && e.getMessage() != null && e.getMessage().contains("Statement count limit")) {
            return new NodeException(
                    "The code ran more than " + sandbox.settings().maxStatements() + " statements and was stopped",
                    "It may contain an endless loop. The limit is the server's hearth.code.max-statements"
                            + " (HEARTH_CODE_MAX_STATEMENTS).",
                    null);
        }
        if (e.isResourceExhausted()) {
            return new NodeException(
                    "The code ran out of memory and was stopped",
                    "It tried to build more data than the server can hold: " + e.getMessage(),
                    null);
        }
        if (e.isCancelled()) {
            return stopped(JsSandbox.StopReason.TIMEOUT, timeout);
        }
        if (e.isSyntaxError()) {
            return syntaxError(e);
        }
        return new NodeException(
                e.getMessage() == null ? "The code failed" : e.getMessage(),
                e.isHostException() ? null : "Error",
                null);
    }

    private NodeException stopped(JsSandbox.StopReason reason, Duration timeout) {
        if (reason == JsSandbox.StopReason.MEMORY) {
            return new NodeException(
                    "The code used too much memory and was stopped",
                    "The server's heap stayed above "
                            + Math.round(sandbox.settings().heapFraction() * 100)
                            + "% full while it ran. Process the data in smaller batches.",
                    null);
        }
        long seconds = Math.max(1, timeout.toSeconds());
        return new NodeException(
                "Task execution timed out after " + seconds + (seconds == 1 ? " second" : " seconds"),
                "The code was taking too long, so it was stopped. Optimize it to prevent long-running tasks, e.g."
                        + " by processing data in smaller batches, and make sure every path can end (no endless"
                        + " loops). The limit is the server's hearth.code.timeout (HEARTH_CODE_TIMEOUT).",
                null);
    }

    private static NodeException syntaxError(PolyglotException e) {
        String message = e.getMessage() == null ? "SyntaxError" : e.getMessage();
        // GraalJS: "code:3:9 Expected ; but found x" -> "Expected ; but found x [line 3]"
        Matcher m = Pattern.compile(
                        "^(?:SyntaxError: )?" + JsSandbox.CODE_SOURCE_NAME + ":(\\d+):\\d+ (.*)$", Pattern.DOTALL)
                .matcher(message);
        String text = m.matches() ? m.group(2).lines().findFirst().orElse("") + " [line " + m.group(1) + "]" : message;
        return new NodeException(text, "SyntaxError", null);
    }

    private static ProxyArray handle(Object value) {
        return value instanceof DateTimeValue d
                ? ProxyArray.fromArray("d", new HostBridge.Handle(d))
                : ProxyArray.fromArray("u", null);
    }

    /** n8n's item shape for the script: json, and binary with its data as base64. */
    private static List<Object> itemsForScript(List<Item> items) {
        List<Object> out = new ArrayList<>(items.size());
        for (Item item : items) {
            Map<String, Object> m = new LinkedHashMap<>(4);
            m.put("json", item.json());
            if (!item.binary().isEmpty()) {
                Map<String, Object> binary = new LinkedHashMap<>();
                item.binary().forEach((key, b) -> binary.put(key, binaryForScript(b)));
                m.put("binary", binary);
            }
            out.add(m);
        }
        return out;
    }

    static Map<String, Object> binaryForScript(BinaryData b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", Base64.getEncoder().encodeToString(b.data()));
        m.put("mimeType", b.mimeType());
        b.fileName().ifPresent(n -> m.put("fileName", n));
        m.put("fileExtension", b.fileExtension());
        if (!b.fileType().isEmpty()) {
            m.put("fileType", b.fileType());
        }
        m.put("fileSize", b.size());
        return m;
    }

    private Map<String, Object> meta(Scope scope) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String name : List.of(
                "$workflow",
                "$execution",
                "$vars",
                "$prevNode",
                "$runIndex",
                "$mode",
                "$parameter",
                "$nodeVersion",
                "$nodeId")) {
            m.put(name.substring(1), plain(scope.lookup(name)));
        }
        Object env = scope.lookup("$env");
        m.put("env", env instanceof Map<?, ?> ? plain(env) : null);
        return m;
    }

    private static Object plain(Object v) {
        Object p = ExpressionValues.toJson(v);
        return p == Undefined.INSTANCE ? null : p;
    }
}
