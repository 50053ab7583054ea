package io.hearth.runtime.nodes;

import io.hearth.node.ActionNode;
import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import io.hearth.node.NodeException;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import io.hearth.node.support.MiniJson;
import io.hearth.node.trigger.WebhookResponder;
import io.hearth.node.trigger.WebhookResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Answers the HTTP request of a webhook whose response mode is "Using 'Respond to Webhook' node":
 * status, headers and body (items, JSON, text, binary, redirect or nothing). Passes its items on,
 * so the workflow can continue after answering.
 */
public final class RespondToWebhookNode implements ActionNode {

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.respondToWebhook")
            .alias("n8n-nodes-base.respondToWebhook")
            .displayName("Respond to Webhook")
            .versions(1, 1.1)
            .group(NodeGroup.TRANSFORM)
            .categories("Flow")
            .icon("fa:reply")
            .description("Returns data for a webhook")
            .parameter(Parameter.options(
                            "respondWith",
                            Option.of("All Incoming Items", "allIncomingItems"),
                            Option.of("Binary File", "binary"),
                            Option.of("First Incoming Item", "firstIncomingItem"),
                            Option.of("JSON", "json"),
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
            .parameter(Parameter.string("inputFieldName")
                    .displayName("Input Field Name")
                    .defaultValue("data")
                    .show("respondWith", "binary"))
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
                                    .build())
                    .displayName("Options"))
            .build();

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        List<Item> items = context.items();
        Optional<WebhookResponder> responder = context.webhookResponder();
        if (responder.isEmpty()) {
            context.log().info("No webhook request to answer (not started by a webhook); passing items on");
            return CompletableFuture.completedFuture(NodeOutput.of(items));
        }
        ParameterValues p = context.parameters();
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
            case "json" -> new WebhookResponse.JsonBody(wrap(responseKey, jsonBody(p)));
            case "text" -> new WebhookResponse.TextBody(p.string("responseBody"), "text/plain; charset=utf-8");
            case "noData" -> new WebhookResponse.NoBody();
            case "redirect" -> {
                status = p.get("options.responseCode").isPresent() ? status : 307;
                headers.put("Location", List.of(p.requiredString("redirectURL")));
                yield new WebhookResponse.NoBody();
            }
            case "binary" -> {
                String field = p.string("inputFieldName").isBlank() ? "data" : p.string("inputFieldName");
                BinaryData data =
                        items.isEmpty() ? null : items.getFirst().binary().get(field);
                if (data == null) {
                    throw new NodeException("No binary data in field '" + field + "' of the first item");
                }
                yield new WebhookResponse.BinaryBody(data);
            }
            default -> throw new ParameterException("respondWith", "unknown value '" + p.string("respondWith") + "'");
        };
        if (!responder.get().respond(new WebhookResponse(status, headers, body))) {
            context.log().warn("The webhook was already answered; this response was not sent");
        }
        return CompletableFuture.completedFuture(NodeOutput.of(items));
    }

    private static Object jsonBody(ParameterValues p) {
        Object v = p.get("responseBody").orElse(Map.of());
        if (v instanceof String s) {
            if (s.isBlank()) {
                return Map.of();
            }
            try {
                return MiniJson.parse(s);
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
