package io.hearth.runtime.nodes;

import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.Condition;
import io.hearth.node.description.CredentialRequirement;
import io.hearth.node.description.DisplayOptions;
import io.hearth.node.description.FieldGroup;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import io.hearth.node.trigger.WebhookContext;
import io.hearth.node.trigger.WebhookNode;
import io.hearth.node.trigger.WebhookReceipt;
import io.hearth.node.trigger.WebhookRequest;
import io.hearth.node.trigger.WebhookResponse;
import io.hearth.node.trigger.WebhookSpec;
import io.hearth.node.trigger.WebhookSpec.ResponseData;
import io.hearth.node.trigger.WebhookSpec.ResponseMode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Starts an execution for each HTTP request to {@code /webhook/<path>}. Parameters follow n8n's
 * Webhook node v2 so exported n8n workflows keep working. The item it outputs is
 * {@code {headers, params, query, body}}; uploaded files and non-text raw bodies become binary.
 */
public final class WebhookTriggerNode implements WebhookNode {

    public static final String TYPE = "hearth.webhook";

    private static final Option[] RESPONSE_CODES = {
        Option.of("200", 200, "OK - Request has succeeded"),
        Option.of("201", 201, "Created - Request has been fulfilled"),
        Option.of("204", 204, "No Content - Request processed, no content returned"),
        Option.of("301", 301, "Moved Permanently - Requested resource moved permanently"),
        Option.of("302", 302, "Found - Requested resource moved temporarily"),
        Option.of("304", 304, "Not Modified - Resource has not been modified"),
        Option.of("400", 400, "Bad Request - Request could not be understood"),
        Option.of("401", 401, "Unauthorized - Request requires user authentication"),
        Option.of("403", 403, "Forbidden - Server understood, but refuses to fulfill"),
        Option.of("404", 404, "Not Found - Server has not found a match"),
        Option.of("Custom Code", "customCode", "Write any HTTP code")
    };

    private static final NodeDescription DESCRIPTION = NodeDescription.builder(TYPE)
            .alias("n8n-nodes-base.webhook")
            .displayName("Webhook")
            .versions(1, 1.1, 2, 2.1)
            .group(NodeGroup.TRIGGER)
            .categories("Triggers")
            .icon("fa:bolt")
            .description("Starts the workflow when an HTTP request arrives")
            .subtitle("={{$parameter[\"httpMethod\"] + \": \" + $parameter[\"path\"]}}")
            .credential(CredentialRequirement.when(
                    HttpBasicAuthCredential.NAME, DisplayOptions.show("authentication", "basicAuth")))
            .credential(CredentialRequirement.when(
                    HttpHeaderAuthCredential.NAME, DisplayOptions.show("authentication", "headerAuth")))
            .parameter(Parameter.bool("multipleMethods")
                    .displayName("Allow Multiple HTTP Methods")
                    .description("Accept the methods listed in HTTP Method (a list) instead of one"))
            .parameter(Parameter.options(
                            "httpMethod",
                            Option.of("DELETE", "DELETE"),
                            Option.of("GET", "GET"),
                            Option.of("HEAD", "HEAD"),
                            Option.of("PATCH", "PATCH"),
                            Option.of("POST", "POST"),
                            Option.of("PUT", "PUT"))
                    .displayName("HTTP Method")
                    .defaultValue("GET"))
            .parameter(Parameter.string("path")
                    .displayName("Path")
                    .required()
                    .placeholder("webhook")
                    .description("The URL path after /webhook/; segments like :id capture path parameters"))
            .parameter(Parameter.options(
                            "authentication",
                            Option.of("None", "none"),
                            Option.of("Basic Auth", "basicAuth"),
                            Option.of("Header Auth", "headerAuth"),
                            Option.unsupported(
                                    "JWT Auth", "jwtAuth", "", "Hearth has no JWT credential to verify the token with"))
                    .displayName("Authentication")
                    .defaultValue("none"))
            .parameter(Parameter.options(
                            "responseMode",
                            Option.of("Immediately", "onReceived", "As soon as the request arrives"),
                            Option.of("When Last Node Finishes", "lastNode", "Returns the last node's output"),
                            Option.of(
                                    "Using 'Respond to Webhook' Node",
                                    "responseNode",
                                    "The Respond to Webhook node shapes the answer"),
                            Option.unsupported(
                                    "Streaming",
                                    "streaming",
                                    "Returns data in real time from streaming enabled nodes",
                                    "Hearth sends a webhook's answer whole; choose another way to respond"))
                    .displayName("Respond")
                    .defaultValue("onReceived"))
            .parameter(Parameter.number("responseCode", 100, 599)
                    .displayName("Response Code")
                    .defaultValue(200)
                    .show("@version", 1, 1.1)
                    .hide("responseMode", "responseNode"))
            .parameter(Parameter.options(
                            "responseData",
                            Option.of("All Entries", "allEntries"),
                            Option.of("First Entry JSON", "firstEntryJson"),
                            Option.of("First Entry Binary", "firstEntryBinary"),
                            Option.of("No Response Body", "noData"))
                    .displayName("Response Data")
                    .defaultValue("firstEntryJson")
                    .show("responseMode", "lastNode"))
            .parameter(Parameter.string("responseBinaryPropertyName")
                    .displayName("Property Name")
                    .defaultValue("data")
                    .show("responseData", "firstEntryBinary")
                    .show("responseMode", "lastNode"))
            .parameter(Parameter.collection(
                            "options",
                            "Add Option",
                            Parameter.bool("binaryData")
                                    .displayName("Binary File")
                                    .description("Whether the webhook will receive binary data")
                                    .show("/httpMethod", "PATCH", "PUT", "POST")
                                    .show("@version", 1)
                                    .unsupported("Hearth does not keep the whole request body as one file; it keeps"
                                            + " uploads and non-JSON bodies as files itself (see Binary Property)")
                                    .build(),
                            Parameter.string("binaryPropertyName")
                                    .displayName("Binary Property")
                                    .defaultValue("data")
                                    .description("Where uploaded files and raw binary bodies go")
                                    .build(),
                            Parameter.bool("noResponseBody")
                                    .displayName("No Response Body")
                                    .description("Whether to send any body in the response")
                                    .show("/responseMode", "onReceived")
                                    .hide("rawBody", true)
                                    .build(),
                            Parameter.bool("rawBody")
                                    .displayName("Raw Body")
                                    .description("Keep the body as binary data")
                                    .build(),
                            Parameter.bool("ignoreBots")
                                    .displayName("Ignore Bots")
                                    .build(),
                            Parameter.string("ipWhitelist")
                                    .displayName("IP(s) Whitelist")
                                    .placeholder("127.0.0.1, 10.0.0.0/8")
                                    .build(),
                            Parameter.fixedCollection(
                                            "responseCode",
                                            false,
                                            "Add Response Code",
                                            new FieldGroup(
                                                    "values",
                                                    "Values",
                                                    List.of(
                                                            Parameter.options("responseCode", RESPONSE_CODES)
                                                                    .displayName("Response Code")
                                                                    .defaultValue(200)
                                                                    .build(),
                                                            Parameter.number("customCode", 100, 599)
                                                                    .displayName("Code")
                                                                    .defaultValue(200)
                                                                    .show("responseCode", "customCode")
                                                                    .build())))
                                    .displayName("Response Code")
                                    .show("@version", new Condition(Condition.Operator.GTE, 2))
                                    .hide("/responseMode", "responseNode")
                                    .build(),
                            Parameter.string("responseContentType")
                                    .displayName("Response Content-Type")
                                    .placeholder("application/xml")
                                    .show("/responseData", "firstEntryJson")
                                    .show("/responseMode", "lastNode")
                                    .build(),
                            Parameter.string("responseData")
                                    .displayName("Response Data")
                                    .placeholder("success")
                                    .description("Custom response data to send")
                                    .show("/responseMode", "onReceived")
                                    .hide("noResponseBody", true)
                                    .build(),
                            ResponseHeaders.parameter(),
                            Parameter.string("responsePropertyName")
                                    .displayName("Property Name")
                                    .defaultValue("data")
                                    .description("Name of the property to return the data of instead of the whole JSON")
                                    .show("/responseData", "firstEntryJson")
                                    .show("/responseMode", "lastNode")
                                    .build())
                    .displayName("Options"))
            .build();

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public WebhookSpec spec(ParameterValues p) {
        Set<String> methods = new LinkedHashSet<>();
        if (p.bool("multipleMethods") || p.get("httpMethod").orElse(null) instanceof List) {
            p.list("httpMethod").forEach(m -> methods.add(m.toString().toUpperCase(Locale.ROOT)));
            if (methods.isEmpty()) {
                methods.addAll(List.of("GET", "POST"));
            }
        } else {
            methods.add(
                    p.string("httpMethod").isBlank()
                            ? "GET"
                            : p.string("httpMethod").toUpperCase(Locale.ROOT));
        }
        String path = normalizePath(p.string("path"));
        ResponseMode mode =
                ResponseMode.fromWireName(p.string("responseMode").isBlank() ? "onReceived" : p.string("responseMode"));
        if (p.bool("options.binaryData")) {
            throw new ParameterException(
                    "options.binaryData", "'Binary File' (version 1) is not supported by Hearth; use version 2");
        }
        ResponseData data = ResponseData.fromWireName(
                p.string("responseData").isBlank() ? "firstEntryJson" : p.string("responseData"));
        Map<String, List<String>> headers = ResponseHeaders.read(p, "options.responseHeaders");
        String contentType = p.string("options.responseContentType");
        if (!contentType.isBlank()) {
            headers.put("Content-Type", List.of(contentType));
        }
        return new WebhookSpec(
                methods,
                path,
                mode,
                responseCode(p),
                data,
                headers,
                receivedBody(p),
                p.get("options.responsePropertyName").map(String::valueOf).filter(name -> !name.isBlank()),
                p.string("responseBinaryPropertyName"));
    }

    /**
     * As n8n: version 1 and 1.1 have the code as a parameter, from version 2 it is the "Response Code"
     * option (one of the listed codes or a custom one); 200 otherwise.
     */
    private static int responseCode(ParameterValues p) {
        if (p.get("responseCode").isPresent()) {
            return (int) p.integer("responseCode");
        }
        List<Map<String, Object>> chosen = p.group("options.responseCode", "values");
        if (chosen.isEmpty()) {
            return 200;
        }
        Object code = chosen.getFirst().getOrDefault("responseCode", 200);
        if ("customCode".equals(code)) {
            code = chosen.getFirst().getOrDefault("customCode", 200);
        }
        if (!(code instanceof Number n) || n.intValue() < 100 || n.intValue() > 599) {
            throw new ParameterException("options.responseCode", "must be an HTTP status code, not '" + code + "'");
        }
        return n.intValue();
    }

    /** What responding immediately answers with, as n8n: the Response Data text, nothing, or "Workflow was started". */
    private static WebhookResponse.Body receivedBody(ParameterValues p) {
        Object text = p.get("options.responseData").orElse("");
        if (text instanceof String s && s.startsWith("=")) {
            throw new ParameterException(
                    "options.responseData", "an expression is not supported here; Hearth answers before the run");
        }
        if (!String.valueOf(text).isEmpty()) {
            // sent as n8n's web server sends a string
            return new WebhookResponse.TextBody(String.valueOf(text), "text/html; charset=utf-8");
        }
        return p.bool("options.noResponseBody") ? new WebhookResponse.NoBody() : WebhookSpec.WORKFLOW_WAS_STARTED;
    }

    /** {@code /a/b/} and {@code a/b} are the same path. */
    public static String normalizePath(String path) {
        String p = path.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    @Override
    public CompletionStage<WebhookReceipt> receive(WebhookContext context) {
        ParameterValues p = context.parameters();
        WebhookRequest request = context.request();
        WebhookReceipt.Rejected rejected = WebhookAccess.check(context, p, request);
        if (rejected != null) {
            return CompletableFuture.completedFuture(rejected);
        }
        String binaryProperty =
                p.string("options.binaryPropertyName").isBlank() ? "data" : p.string("options.binaryPropertyName");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("headers", flatten(request.headers()));
        json.put("params", request.pathParams());
        json.put("query", flatten(request.query()));
        Map<String, BinaryData> binary = new LinkedHashMap<>();
        switch (request.body()) {
            case WebhookRequest.NoBody n -> json.put("body", Map.of());
            case WebhookRequest.JsonBody j -> {
                json.put("body", j.value());
                if (p.bool("options.rawBody")) {
                    binary.put(
                            binaryProperty,
                            BinaryData.of(
                                    io.hearth.common.Json.write(j.value()).getBytes(StandardCharsets.UTF_8),
                                    "application/json",
                                    null));
                }
            }
            case WebhookRequest.FormBody f -> json.put("body", flatten(f.fields()));
            case WebhookRequest.MultipartBody m -> {
                json.put("body", flatten(m.fields()));
                int i = 0;
                for (Map.Entry<String, BinaryData> file : m.files().entrySet()) {
                    String key = m.files().size() == 1 ? binaryProperty : binaryProperty + i;
                    binary.put(key, file.getValue());
                    i++;
                }
            }
            case WebhookRequest.RawBody r -> {
                String type = r.contentType().toLowerCase(Locale.ROOT);
                boolean text = type.startsWith("text/") || type.contains("xml") || type.contains("javascript");
                if (text && !p.bool("options.rawBody")) {
                    json.put("body", new String(r.data(), StandardCharsets.UTF_8));
                } else {
                    json.put("body", Map.of());
                    binary.put(binaryProperty, BinaryData.of(r.data(), r.contentType(), null));
                }
            }
        }
        return CompletableFuture.completedFuture(
                new WebhookReceipt.Accepted(List.of(new Item(json, binary, List.of()))));
    }

    private static Map<String, Object> flatten(Map<String, List<String>> multi) {
        Map<String, Object> out = new LinkedHashMap<>();
        multi.forEach((k, v) -> out.put(k, v.size() == 1 ? v.getFirst() : List.copyOf(v)));
        return out;
    }
}
