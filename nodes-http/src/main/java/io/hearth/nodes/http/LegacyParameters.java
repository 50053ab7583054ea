package io.hearth.nodes.http;

import io.hearth.node.description.FieldGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTP Request versions 1 and 2: n8n's older parameters ({@code requestMethod}, {@code responseFormat},
 * {@code jsonParameters}, {@code *ParametersUi}...) and the one migration step that turns them into the
 * version 3 form the node runs.
 */
final class LegacyParameters {

    private LegacyParameters() {}

    private static Parameter.Builder legacy(Parameter.Builder b) {
        return b.show("@version", 1.0, 2.0);
    }

    private static Parameter list(String name, String display) {
        return legacy(Parameter.fixedCollection(
                                name,
                                true,
                                "Add " + display,
                                new FieldGroup(
                                        "parameter",
                                        "Parameter",
                                        List.of(
                                                Parameter.string("name")
                                                        .displayName("Name")
                                                        .build(),
                                                Parameter.string("value")
                                                        .displayName("Value")
                                                        .build())))
                        .displayName(display)
                        .show("jsonParameters", false))
                .build();
    }

    static List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        out.add(legacy(Parameter.options(
                                "requestMethod",
                                Option.of("DELETE", "DELETE"),
                                Option.of("GET", "GET"),
                                Option.of("HEAD", "HEAD"),
                                Option.of("OPTIONS", "OPTIONS"),
                                Option.of("PATCH", "PATCH"),
                                Option.of("POST", "POST"),
                                Option.of("PUT", "PUT"))
                        .displayName("Request Method")
                        .defaultValue("GET"))
                .build());
        out.add(legacy(Parameter.options(
                                "authentication",
                                Option.of("None", "none"),
                                Option.of("Basic Auth", "basicAuth"),
                                Option.of("Digest Auth", "digestAuth"),
                                Option.of("Header Auth", "headerAuth"),
                                Option.of("Query Auth", "queryAuth"))
                        .displayName("Authentication")
                        .defaultValue("none"))
                .build());
        out.add(legacy(Parameter.options(
                                "responseFormat",
                                Option.of("File", "file"),
                                Option.of("JSON", "json"),
                                Option.of("String", "string"))
                        .displayName("Response Format")
                        .defaultValue("json"))
                .build());
        out.add(legacy(Parameter.string("dataPropertyName")
                        .displayName("Property Name")
                        .defaultValue("data")
                        .show("responseFormat", "file", "string"))
                .build());
        out.add(legacy(Parameter.bool("jsonParameters").displayName("JSON/RAW Parameters"))
                .build());
        out.add(legacy(Parameter.bool("sendBinaryData").displayName("Send Binary File"))
                .build());
        out.add(legacy(Parameter.string("binaryPropertyName")
                        .displayName("Binary Property")
                        .defaultValue("data")
                        .show("sendBinaryData", true))
                .build());
        out.add(legacy(Parameter.json("bodyParametersJson")
                        .displayName("Body Parameters")
                        .show("jsonParameters", true))
                .build());
        out.add(legacy(Parameter.json("headerParametersJson")
                        .displayName("Headers")
                        .show("jsonParameters", true))
                .build());
        out.add(legacy(Parameter.json("queryParametersJson")
                        .displayName("Query Parameters")
                        .show("jsonParameters", true))
                .build());
        out.add(list("bodyParametersUi", "Body Parameters"));
        out.add(list("headerParametersUi", "Headers"));
        out.add(list("queryParametersUi", "Query Parameters"));
        out.add(legacy(Parameter.collection(
                                "options",
                                "Add Option",
                                Parameter.number("batchInterval")
                                        .displayName("Batch Interval")
                                        .build(),
                                Parameter.number("batchSize")
                                        .displayName("Batch Size")
                                        .defaultValue(-1)
                                        .build(),
                                Parameter.options(
                                                "bodyContentType",
                                                Option.of("JSON", "json"),
                                                Option.of("RAW/Custom", "raw"),
                                                Option.of("Form-Data Multipart", "multipart-form-data"),
                                                Option.of("Form Urlencoded", "form-urlencoded"))
                                        .displayName("Body Content Type")
                                        .defaultValue("json")
                                        .build(),
                                Parameter.string("bodyContentCustomMimeType")
                                        .displayName("MIME Type")
                                        .build(),
                                Parameter.bool("fullResponse")
                                        .displayName("Full Response")
                                        .build(),
                                Parameter.bool("followAllRedirects")
                                        .displayName("Follow All Redirects")
                                        .build(),
                                Parameter.bool("followRedirect")
                                        .displayName("Follow GET/HEAD Redirect")
                                        .defaultValue(true)
                                        .build(),
                                Parameter.bool("ignoreResponseCode")
                                        .displayName("Ignore Response Code")
                                        .build(),
                                Parameter.bool("allowUnauthorizedCerts")
                                        .displayName("Ignore SSL Issues")
                                        .build(),
                                Parameter.string("proxy").displayName("Proxy").build(),
                                Parameter.number("timeout")
                                        .displayName("Timeout")
                                        .defaultValue(10000)
                                        .build(),
                                Parameter.bool("useQueryString")
                                        .displayName("Use Querystring")
                                        .build())
                        .displayName("Options"))
                .build());
        return out;
    }

    /**
     * Versions 1 and 2 in the version 3 form: method, body/query/header lists or JSON, the response
     * format as a response option, the old options under their new names.
     */
    static Map<String, Object> toV3(Map<String, Object> p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", p.getOrDefault("requestMethod", "GET"));
        out.put("url", p.getOrDefault("url", ""));
        String auth = String.valueOf(p.getOrDefault("authentication", "none"));
        switch (auth) {
            case "basicAuth" -> generic(out, "httpBasicAuth");
            case "digestAuth" -> generic(out, "httpDigestAuth");
            case "headerAuth" -> generic(out, "httpHeaderAuth");
            case "queryAuth" -> generic(out, "httpQueryAuth");
            case "none" -> out.put("authentication", "none");
            default -> out.put("authentication", auth);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> options = p.get("options") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        boolean json = Boolean.TRUE.equals(p.get("jsonParameters"));
        String bodyType = String.valueOf(options.getOrDefault("bodyContentType", "json"));
        Object query = json ? p.get("queryParametersJson") : pairs(p.get("queryParametersUi"));
        if (query != null && !isEmpty(query)) {
            out.put("sendQuery", true);
            out.put("specifyQuery", json ? "json" : "keypair");
            out.put(json ? "jsonQuery" : "queryParameters", json ? query : Map.of("parameters", query));
        }
        Object headers = json ? p.get("headerParametersJson") : pairs(p.get("headerParametersUi"));
        if (headers != null && !isEmpty(headers)) {
            out.put("sendHeaders", true);
            out.put("specifyHeaders", json ? "json" : "keypair");
            out.put(json ? "jsonHeaders" : "headerParameters", json ? headers : Map.of("parameters", headers));
        }
        if (Boolean.TRUE.equals(p.get("sendBinaryData"))) {
            out.put("sendBody", true);
            out.put("contentType", "binaryData");
            out.put("inputDataFieldName", p.getOrDefault("binaryPropertyName", "data"));
        } else {
            Object body = json ? p.get("bodyParametersJson") : pairs(p.get("bodyParametersUi"));
            if (body != null && !isEmpty(body)) {
                out.put("sendBody", true);
                if (bodyType.equals("raw")) {
                    out.put("contentType", "raw");
                    out.put("rawContentType", options.getOrDefault("bodyContentCustomMimeType", "text/plain"));
                    out.put("body", body);
                } else {
                    out.put("contentType", bodyType);
                    out.put("specifyBody", json ? (bodyType.equals("json") ? "json" : "string") : "keypair");
                    if (!json) {
                        out.put("bodyParameters", Map.of("parameters", body));
                    } else if (bodyType.equals("json")) {
                        out.put("jsonBody", body);
                    } else {
                        out.put("body", body);
                    }
                }
            }
        }
        Map<String, Object> newOptions = new LinkedHashMap<>();
        Map<String, Object> response = new LinkedHashMap<>();
        String format = String.valueOf(p.getOrDefault("responseFormat", "json"));
        response.put(
                "responseFormat",
                switch (format) {
                    case "file" -> "file";
                    case "string" -> "text";
                    default -> "json";
                });
        response.put("outputPropertyName", p.getOrDefault("dataPropertyName", "data"));
        response.put("fullResponse", Boolean.TRUE.equals(options.get("fullResponse")));
        response.put("neverError", Boolean.TRUE.equals(options.get("ignoreResponseCode")));
        newOptions.put("response", Map.of("response", response));
        boolean follow = !Boolean.FALSE.equals(options.get("followRedirect"))
                || Boolean.TRUE.equals(options.get("followAllRedirects"));
        newOptions.put("redirect", Map.of("redirect", Map.of("followRedirects", follow, "maxRedirects", 21)));
        if (options.get("batchSize") instanceof Number size && size.intValue() > 0) {
            newOptions.put(
                    "batching",
                    Map.of(
                            "batch",
                            Map.of("batchSize", size, "batchInterval", options.getOrDefault("batchInterval", 0))));
        }
        for (String same : List.of("allowUnauthorizedCerts", "proxy", "timeout")) {
            if (options.containsKey(same)) {
                newOptions.put(same, options.get(same));
            }
        }
        newOptions.put(
                "queryParameterArrays", Boolean.TRUE.equals(options.get("useQueryString")) ? "repeat" : "brackets");
        out.put("options", newOptions);
        return out;
    }

    private static void generic(Map<String, Object> out, String type) {
        out.put("authentication", "genericCredentialType");
        out.put("genericAuthType", type);
    }

    private static Object pairs(Object ui) {
        if (ui instanceof Map<?, ?> m && m.get("parameter") instanceof List<?> l) {
            return l;
        }
        return null;
    }

    private static boolean isEmpty(Object v) {
        return v instanceof String s ? s.isBlank() : v instanceof List<?> l && l.isEmpty();
    }
}
