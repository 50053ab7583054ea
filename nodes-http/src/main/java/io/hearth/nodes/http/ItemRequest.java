package io.hearth.nodes.http;

import io.hearth.common.Json;
import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import io.hearth.node.NodeException;
import io.hearth.nodes.http.HttpRequestNode.Params;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request for one input item, from the node's parameters: URL, query (repeated names grouped as n8n does),
 * headers and the body in each of its content types.
 */
final class ItemRequest {

    private ItemRequest() {}

    /** The request for one item: URL, query, headers and body from the parameters. */
    static RequestDraft draft(Params p, Item item) {
        String url = p.string("url", "").strip();
        if (url.isEmpty()) {
            throw new NodeException("URL: the URL is empty");
        }
        URI uri;
        try {
            uri = URI.create(url.contains("://") ? url : "http://" + url);
        } catch (IllegalArgumentException e) {
            throw new NodeException("URL: '" + url + "' is not a valid URL (" + e.getMessage() + ")");
        }
        if (!uri.getScheme().equalsIgnoreCase("http") && !uri.getScheme().equalsIgnoreCase("https")) {
            throw new NodeException("URL: only http and https are supported, not '" + uri.getScheme() + "'");
        }
        RequestDraft draft = new RequestDraft(p.string("method", "GET").toUpperCase(Locale.ROOT), uri);
        Params options = p.map("options");
        draft.arrayFormat = options.string("queryParameterArrays", "brackets");
        boolean lowercase = !Boolean.FALSE.equals(options.raw().get("lowercaseHeaders"));
        if (p.bool("sendQuery")) {
            for (Map.Entry<String, Object> e :
                    pairs(p, "specifyQuery", "queryParameters", "jsonQuery", "Query Parameters")) {
                draft.query.add(e);
            }
            groupRepeated(draft.query);
        }
        if (p.bool("sendHeaders")) {
            for (Map.Entry<String, Object> e :
                    pairs(p, "specifyHeaders", "headerParameters", "jsonHeaders", "Headers")) {
                String name = lowercase ? e.getKey().toLowerCase(Locale.ROOT) : e.getKey();
                if (!name.isBlank()) {
                    draft.headers.add(Map.entry(name, RequestDraft.text(e.getValue())));
                }
            }
        }
        if (p.bool("sendBody")) {
            draft.body = body(p, item);
        }
        return draft;
    }

    private static void groupRepeated(List<Map.Entry<String, Object>> query) {
        Map<String, Object> grouped = new LinkedHashMap<>();
        boolean repeated = false;
        for (Map.Entry<String, Object> e : query) {
            if (grouped.containsKey(e.getKey())) {
                repeated = true;
                Object prev = grouped.get(e.getKey());
                List<Object> list = prev instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(List.of(prev));
                list.add(e.getValue());
                grouped.put(e.getKey(), list);
            } else {
                grouped.put(e.getKey(), e.getValue());
            }
        }
        if (repeated) {
            query.clear();
            grouped.forEach((k, v) -> query.add(Map.entry(k, v)));
        }
    }

    private static List<Map.Entry<String, Object>> pairs(
            Params p, String specify, String list, String json, String label) {
        List<Map.Entry<String, Object>> out = new ArrayList<>();
        if (p.string(specify, "keypair").equals("json")) {
            Object value = p.raw().get(json);
            Object parsed = value instanceof String s ? parseJson(s, label) : value;
            if (parsed instanceof Map<?, ?> m) {
                m.forEach((k, v) -> out.add(Map.entry(String.valueOf(k), v == null ? "" : v)));
            } else if (parsed != null) {
                throw new NodeException("The value in the \"" + label + "\" field is not a JSON object");
            }
            return out;
        }
        for (Map<String, Object> e : p.list(list, "parameters")) {
            String name = String.valueOf(e.getOrDefault("name", ""));
            if (!name.isEmpty()) {
                out.add(Map.entry(name, e.get("value") == null ? "" : e.get("value")));
            }
        }
        return out;
    }

    private static Object parseJson(String text, String label) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new NodeException("The value in the \"" + label + "\" field is not valid JSON");
        }
    }

    private static RequestDraft.Body body(Params p, Item item) {
        String contentType = p.string("contentType", "json");
        String specify = p.string("specifyBody", "keypair");
        return switch (contentType) {
            case "json" -> {
                if (specify.equals("json")) {
                    Object value = p.raw().get("jsonBody");
                    Object parsed = value instanceof String s ? parseJson(s, "JSON Body") : value;
                    yield new RequestDraft.JsonBody(parsed == null ? Map.of() : parsed);
                }
                Map<String, Object> fields = new LinkedHashMap<>();
                for (Map<String, Object> e : p.list("bodyParameters", "parameters")) {
                    String name = String.valueOf(e.getOrDefault("name", ""));
                    if (!name.isEmpty()) {
                        fields.put(name, e.get("value"));
                    }
                }
                yield new RequestDraft.JsonBody(fields);
            }
            case "form-urlencoded" -> {
                if (specify.equals("string")) {
                    yield new RequestDraft.RawBody(
                            p.string("body", "").getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
                }
                List<Map.Entry<String, String>> fields = new ArrayList<>();
                for (Map<String, Object> e : p.list("bodyParameters", "parameters")) {
                    String name = String.valueOf(e.getOrDefault("name", ""));
                    if (!name.isEmpty()) {
                        fields.add(Map.entry(name, RequestDraft.text(e.getOrDefault("value", ""))));
                    }
                }
                yield new RequestDraft.FormBody(fields);
            }
            case "multipart-form-data" -> {
                List<RequestDraft.Part> parts = new ArrayList<>();
                for (Map<String, Object> e : p.list("bodyParameters", "parameters")) {
                    String name = String.valueOf(e.getOrDefault("name", ""));
                    if ("formBinaryData".equals(e.get("parameterType"))) {
                        String field = String.valueOf(e.getOrDefault("inputDataFieldName", "data"));
                        BinaryData b = binary(item, field, "Body Parameters → " + name + " → Input Data Field Name");
                        parts.add(new RequestDraft.Part(
                                name, b.data(), b.mimeType(), b.fileName().orElse(field)));
                    } else {
                        parts.add(new RequestDraft.Part(
                                name,
                                RequestDraft.text(e.getOrDefault("value", "")).getBytes(StandardCharsets.UTF_8),
                                null,
                                null));
                    }
                }
                yield new RequestDraft.MultipartBody(parts);
            }
            case "binaryData" -> {
                String field = p.string("inputDataFieldName", "data");
                BinaryData b = binary(item, field, "Input Data Field Name");
                yield new RequestDraft.RawBody(b.data(), b.mimeType());
            }
            case "raw" ->
                new RequestDraft.RawBody(
                        p.string("body", "").getBytes(StandardCharsets.UTF_8),
                        p.string("rawContentType", "text/plain"));
            default -> throw new NodeException("Body Content Type: '" + contentType + "' is not supported");
        };
    }

    private static BinaryData binary(Item item, String field, String parameter) {
        BinaryData b = item.binary().get(field);
        if (b == null) {
            throw new NodeException(parameter + ": the input item has no binary property '" + field + "'"
                    + (item.binary().isEmpty()
                            ? ""
                            : " (it has " + String.join(", ", item.binary().keySet()) + ")"));
        }
        return b;
    }
}
