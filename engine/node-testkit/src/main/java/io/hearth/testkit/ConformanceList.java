package io.hearth.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The repository's decisions about n8n's test workflows, keyed by the fixture's path under
 * {@code node-fixtures/}:
 * <pre>{
 *   "excluded":     {"HttpRequest/test/node/workflow.get.json": "why it cannot run here"},
 *   "pinned":       {"Merge/test/node/x.json": {"Customer Datastore": {"reason": "why", "items": [{"json": {...}}]}}},
 *   "knownFailing": {"If/test/v1/IF.number.json": "what Hearth still does differently"}
 * }</pre>
 * (The file may hold more sections for the conformance test itself, such as {@code refusedWhenSaved}:
 * the issues the server reports when a fixture is saved, with why.)
 * Fixtures whose node types Hearth does not have are excluded without being listed (the reason names
 * the types); n8n's test-only data node is always replaced by pinned data of its output.
 */
public record ConformanceList(
        Map<String, String> excluded, Map<String, Map<String, PinnedNode>> pinned, Map<String, String> knownFailing) {

    /**
     * A node to replace by pinned data of its output: the items given here (facts from n8n's source,
     * e.g. its training nodes' fixed data), else the output the fixture's pinData expects of it.
     */
    public record PinnedNode(String reason, Optional<Object> items) {}

    public static final ConformanceList EMPTY = new ConformanceList(Map.of(), Map.of(), Map.of());

    public ConformanceList {
        excluded = Map.copyOf(excluded);
        pinned = Map.copyOf(pinned);
        knownFailing = Map.copyOf(knownFailing);
    }

    /** Reads the list from a class-path resource, e.g. {@code /n8n-conformance.json}. */
    public static ConformanceList fromResource(String name) {
        try (InputStream in = ConformanceList.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no class-path resource " + name);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ConformanceList parse(String json) {
        if (!(JsonValues.parse(json, "the conformance list") instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException("the conformance list must be a JSON object");
        }
        Map<String, Map<String, PinnedNode>> pinned = new LinkedHashMap<>();
        if (root.get("pinned") instanceof Map<?, ?> p) {
            p.forEach((fixture, nodes) -> pinned.put(String.valueOf(fixture), pinnedNodes(nodes, "pinned." + fixture)));
        }
        return new ConformanceList(
                strings(root.get("excluded"), "excluded"), pinned, strings(root.get("knownFailing"), "knownFailing"));
    }

    /** Every fixture path the list names. */
    public Set<String> fixtures() {
        Set<String> all = new TreeSet<>(excluded.keySet());
        all.addAll(pinned.keySet());
        all.addAll(knownFailing.keySet());
        return all;
    }

    private static Map<String, PinnedNode> pinnedNodes(Object raw, String what) {
        if (!(raw instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(what + " must be an object: node name to reason or {reason, items}");
        }
        Map<String, PinnedNode> out = new LinkedHashMap<>();
        m.forEach((node, v) -> {
            if (v instanceof String reason && !reason.isBlank()) {
                out.put(String.valueOf(node), new PinnedNode(reason, Optional.empty()));
            } else if (v instanceof Map<?, ?> entry
                    && entry.get("reason") instanceof String reason
                    && entry.get("items") instanceof List<?> items) {
                out.put(String.valueOf(node), new PinnedNode(reason, Optional.of(items)));
            } else {
                throw new IllegalArgumentException(what + "." + node + " needs a reason (and optionally items)");
            }
        });
        return out;
    }

    private static Map<String, String> strings(Object raw, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        if (!(raw instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(what + " must be an object of reasons");
        }
        m.forEach((k, v) -> {
            if (!(v instanceof String s) || s.isBlank()) {
                throw new IllegalArgumentException(what + "." + k + " needs a reason");
            }
            out.put(String.valueOf(k), s);
        });
        return out;
    }
}
