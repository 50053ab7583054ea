package io.hearth.runtime.nodes;

import io.hearth.common.Json;
import io.hearth.node.ActionNode;
import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import io.hearth.node.NodeException;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.Condition;
import io.hearth.node.description.DynamicOutputs;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import io.hearth.node.description.VersionMigration;
import io.hearth.node.trigger.WebhookResponder;
import io.hearth.node.trigger.WebhookResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Answers the HTTP request of a webhook whose response mode is "Using 'Respond to Webhook' node":
 * status, headers and body (items, JSON, text, binary, redirect or nothing). Passes its items on,
 * so the workflow can continue after answering; from version 1.3 (1.4: when "Enable Response Output
 * Branch" is on) a second output carries the response it sent.
 */
public final class RespondToWebhookNode implements ActionNode {

    private static final Condition FROM_1_4 = new Condition(Condition.Operator.GTE, 1.4);

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.respondToWebhook")
            .alias("n8n-nodes-base.respondToWebhook")
            .displayName("Respond to Webhook")
            .versions(1, 1.1, 1.2, 1.3, 1.4, 1.5)
            .group(NodeGroup.TRANSFORM)
            .categories("Flow")
            .icon("fa:reply")
            .description("Returns data for a webhook")
            .dynamicOutputs(new DynamicOutputs(
                    "", "", Optional.of("enableResponseOutput"), Optional.of(true), "Response", List.of()))
            .parameter(Parameter.bool("enableResponseOutput")
                    .displayName("Enable Response Output Branch")
                    .description("Whether to provide an additional output branch with the response sent to the webhook")
                    .show("@version", FROM_1_4))
            .parameter(Parameter.options(
                            "respondWith",
                            Option.of("All Incoming Items", "allIncomingItems"),
                            Option.of("Binary File", "binary"),
                            Option.of("First Incoming Item", "firstIncomingItem"),
                            Option.of("JSON", "json"),
                            Option.unsupported(
                                    "JWT Token",
                                    "jwt",
                                    "Respond with a JWT token",
                                    "Hearth has no JWT credential to sign the token with"),
                            Option.of("No Data", "noData"),
                            Option.of("Redirect", "redirect"),
                            Option.of("Text", "text"))
                    .displayName("Respond With")
                    .defaultValue("firstIncomingItem"))
            .parameter(Parameter.text("responseBody", 5)
                    .displayName("Response Body")
                    .defaultValue("{\n  \"myField\": \"value\"\n}")
                    .show("respondWith", "json", "text")
                    .description("JSON (for Respond With JSON) or text; expressions allowed"))
            .parameter(Parameter.string("redirectURL")
                    .displayName("Redirect URL")
                    .required()
                    .placeholder("https://example.com")
                    .show("respondWith", "redirect"))
            .parameter(Parameter.options(
                            "responseDataSource",
                            Option.of(
                                    "Choose Automatically From Input",
                                    "automatically",
                                    "Use if input data will contain a single piece of binary data"),
                            Option.of(
                                    "Specify Myself",
                                    "set",
                                    "Enter the name of the input field the binary data will be in"))
                    .displayName("Response Data Source")
                    .defaultValue("automatically")
                    .show("respondWith", "binary"))
            .parameter(Parameter.string("inputFieldName")
                    .displayName("Input Field Name")
                    .required()
                    .defaultValue("data")
                    .show("respondWith", "binary")
                    .show("responseDataSource", "set"))
            .parameter(Parameter.collection(
                            "options",
                            "Add Option",
                            Parameter.number("responseCode", 100, 599)
                                    .displayName("Response Code")
                                    .defaultValue(200)
                                    .build(),
                            ResponseHeaders.parameter(),
                            Parameter.string("responseKey")
                                    .displayName("Put Response in Field")
                                    .description("Wrap the items in an object under this key")
                                    .show("/respondWith", "allIncomingItems", "firstIncomingItem")
                                    .build(),
                            Parameter.bool("enableStreaming")
                                    .displayName("Enable Streaming")
                                    .defaultValue(true)
                                    .description("Stream the response when the webhook responds by streaming;"
                                            + " Hearth's Webhook has no streaming mode, so the answer is sent whole")
                                    .show(
                                            "/respondWith",
                                            "allIncomingItems",
                                            "firstIncomingItem",
                                            "text",
                                            "json",
                                            "jwt")
                                    .show("@version", new Condition(Condition.Operator.GTE, 1.5))
                                    .build())
                    .displayName("Options"))
            .build();

    /**
     * n8n added the response output in 1.3 (always there) and made it a switch in 1.4 (off by
     * default): written out, so each version keeps its outputs.
     */
    static final List<VersionMigration> MIGRATIONS = List.of(
            VersionMigration.upTo(1.3, "no response output before 1.3", p -> withResponseOutput(p, false)),
            VersionMigration.upTo(1.4, "1.3 always has the response output", p -> withResponseOutput(p, true)));

    static Map<String, Object> withResponseOutput(Map<String, Object> parameters, boolean enabled) {
        parameters.putIfAbsent("enableResponseOutput", enabled);
        return parameters;
    }

    @Override
    public List<VersionMigration> migrations() {
        return MIGRATIONS;
    }

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    /**
     * The node types that can answer a request through this node, as n8n lists them (Form and Chat
     * Trigger are n8n's too; Hearth has neither).
     */
    static final java.util.Set<String> WEBHOOK_NODE_TYPES = java.util.Set.of(WebhookTriggerNode.TYPE, WaitNode.TYPE);

    static final String NO_WEBHOOK = "No Webhook node found in the workflow";

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        List<Item> items = context.items();
        ParameterValues p = context.parameters();
        WebhookResponse response;
        try {
            // as n8n from 1.1: a Respond to Webhook no webhook can reach is a mistake, even in a manual run
            if (context.node().typeVersion() >= 1.1
                    && context.parentNodes().stream().noneMatch(n -> WEBHOOK_NODE_TYPES.contains(n.type()))) {
                throw new NodeException(
                        NO_WEBHOOK,
                        "Insert a Webhook node to your workflow and set the \u201cRespond\u201d parameter to"
                                + " \u201cUsing Respond to Webhook Node\u201d",
                        null);
            }
            response = response(p, items);
        } catch (NodeException e) {
            if (!context.continueOnFail()) {
                throw e;
            }
            // n8n's node answers a failure itself when it continues: one item with the error, paired with all inputs
            List<Item.PairedItem> paired = java.util.stream.IntStream.range(0, items.size())
                    .mapToObj(i -> new Item.PairedItem(i, 0, java.util.OptionalInt.empty()))
                    .toList();
            return CompletableFuture.completedFuture(
                    NodeOutput.of(List.of(new Item(Map.of("error", e.getMessage()), Map.of(), paired))));
        }
        Optional<WebhookResponder> responder = context.webhookResponder();
        if (responder.isEmpty()) {
            context.log().info("No webhook request to answer (not started by a webhook); passing items on");
        } else if (!responder.get().respond(response)) {
            context.log().warn("The webhook was already answered; this response was not sent");
        }
        if (!p.bool("enableResponseOutput")) {
            return CompletableFuture.completedFuture(NodeOutput.of(items));
        }
        return CompletableFuture.completedFuture(
                NodeOutput.ofOutputs(items, List.of(Item.of(Map.of("response", asItem(response))))));
    }

    private static WebhookResponse response(ParameterValues p, List<Item> items) {
        int status = p.get("options.responseCode").isPresent() ? (int) p.integer("options.responseCode") : 200;
        Map<String, List<String>> headers = ResponseHeaders.read(p, "options.responseHeaders");
        String responseKey = p.string("options.responseKey");
        WebhookResponse.Body body = switch (p.string("respondWith")) {
            case "allIncomingItems" ->
                new WebhookResponse.JsonBody(wrap(
                        responseKey, items.stream().map(i -> (Object) i.json()).toList()));
            case "firstIncomingItem", "" ->
                new WebhookResponse.JsonBody(wrap(
                        responseKey,
                        items.isEmpty() ? Map.of() : items.getFirst().json()));
            case "json" -> new WebhookResponse.JsonBody(jsonBody(p));
            case "text" -> new WebhookResponse.TextBody(p.string("responseBody"), "text/plain; charset=utf-8");
            case "noData" -> new WebhookResponse.NoBody();
            case "redirect" -> {
                status = p.get("options.responseCode").isPresent() ? status : 307;
                headers.put("Location", List.of(p.requiredString("redirectURL")));
                yield new WebhookResponse.NoBody();
            }
            case "binary" -> new WebhookResponse.BinaryBody(binary(p, items));
            default -> throw new ParameterException("respondWith", "unknown value '" + p.string("respondWith") + "'");
        };
        return new WebhookResponse(status, headers, body);
    }

    /** The binary data to answer with: the field named, or (as n8n by default) the first item's first. */
    private static BinaryData binary(ParameterValues p, List<Item> items) {
        Map<String, BinaryData> binaries =
                items.isEmpty() ? Map.of() : items.getFirst().binary();
        if (!"set".equals(p.string("responseDataSource"))) {
            return binaries.values().stream()
                    .findFirst()
                    .orElseThrow(() -> new NodeException("No binary data exists on the first item!"));
        }
        String field = p.requiredString("inputFieldName");
        BinaryData data = binaries.get(field);
        if (data == null) {
            throw new NodeException("No binary data in field '" + field + "' of the first item");
        }
        return data;
    }

    /**
     * The response as n8n's response output shows it: {@code {body, headers, statusCode}}, header names
     * in lower case; a binary body as its file name, type and size (the bytes stay in the answer).
     */
    private static Map<String, Object> asItem(WebhookResponse response) {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (response.body()) {
            case WebhookResponse.JsonBody j -> out.put("body", j.value());
            case WebhookResponse.TextBody t -> out.put("body", t.text());
            case WebhookResponse.BinaryBody b -> {
                Map<String, Object> file = new LinkedHashMap<>();
                b.data().fileName().ifPresent(name -> file.put("fileName", name));
                file.put("mimeType", b.data().mimeType());
                file.put("fileSize", b.data().size());
                out.put("body", file);
            }
            case WebhookResponse.NoBody n -> {}
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        response.headers()
                .forEach((name, values) -> headers.put(
                        name.toLowerCase(Locale.ROOT), values.size() == 1 ? values.getFirst() : List.copyOf(values)));
        out.put("headers", headers);
        out.put("statusCode", response.status());
        return out;
    }

    private static Object jsonBody(ParameterValues p) {
        Object v = p.get("responseBody").orElse(Map.of());
        if (v instanceof String s) {
            if (s.isBlank()) {
                return Map.of();
            }
            try {
                return Json.parse(s);
            } catch (IllegalArgumentException e) {
                throw new ParameterException("responseBody", "is not valid JSON: " + e.getMessage());
            }
        }
        return v;
    }

    private static Object wrap(String key, Object value) {
        return key.isBlank() ? value : Map.of(key, value);
    }
}
