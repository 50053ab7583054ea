package io.hearth.runtime.nodes;

import io.hearth.node.ParameterValues;
import io.hearth.node.description.FieldGroup;
import io.hearth.node.description.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The "Response Headers" option of the Webhook and Respond to Webhook nodes: declared once, read once. */
final class ResponseHeaders {

    private ResponseHeaders() {}

    static Parameter parameter() {
        return Parameter.fixedCollection(
                        "responseHeaders",
                        true,
                        "Add Response Header",
                        new FieldGroup(
                                "entries",
                                "Entries",
                                List.of(
                                        Parameter.string("name")
                                                .displayName("Name")
                                                .build(),
                                        Parameter.string("value")
                                                .displayName("Value")
                                                .build())))
                .displayName("Response Headers")
                .build();
    }

    /** Header name to values, from the fixed collection at {@code path} (e.g. {@code options.responseHeaders}). */
    static Map<String, List<String>> read(ParameterValues p, String path) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map<String, Object> h : p.group(path, "entries")) {
            Object name = h.get("name");
            if (name != null && !name.toString().isBlank()) {
                headers.computeIfAbsent(name.toString(), k -> new ArrayList<>())
                        .add(String.valueOf(h.getOrDefault("value", "")));
            }
        }
        return headers;
    }
}
