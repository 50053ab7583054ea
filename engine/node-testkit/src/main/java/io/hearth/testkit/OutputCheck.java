package io.hearth.testkit;

import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares the items a node produced with items in n8n's pinned form, the way n8n's own node test
 * harness does: JSON by value (key order and number representation do not matter), paired-item
 * links ignored, binary data compared only where the expected item states it (and then only the
 * fields it states: {@code mimeType}, {@code fileName}, {@code data} as base64...). An expected
 * entry without a {@code json} wrapper is the item's JSON itself.
 */
public final class OutputCheck {

    private static final int MAX_DIFFERENCES = 12;

    private OutputCheck() {}

    /**
     * The differences between the items of a node's output and the expected pinned items, as
     * readable lines; empty when they match.
     *
     * @param expected the pinned items: a JSON array in n8n's {@code pinData} form (already parsed)
     */
    public static List<String> differences(Object expected, List<Item> actual) {
        List<Map<String, Object>> want = expectedItems(expected);
        List<Object> got = new ArrayList<>(actual.size());
        for (int i = 0; i < actual.size(); i++) {
            got.add(actualItem(actual.get(i), i < want.size() ? want.get(i) : Map.of()));
        }
        List<String> out = new ArrayList<>();
        if (want.size() != got.size()) {
            out.add("expected " + count(want.size()) + ", got " + count(got.size()));
        }
        for (int i = 0; i < Math.min(want.size(), got.size()) && out.size() < MAX_DIFFERENCES; i++) {
            JsonValues.differences("item " + i, want.get(i), got.get(i), out, MAX_DIFFERENCES);
        }
        for (int i = want.size(); i < got.size() && out.size() < MAX_DIFFERENCES; i++) {
            out.add("item " + i + ": unexpected " + JsonValues.shortText(got.get(i)));
        }
        for (int i = got.size(); i < want.size() && out.size() < MAX_DIFFERENCES; i++) {
            out.add("item " + i + ": missing " + JsonValues.shortText(want.get(i)));
        }
        return out;
    }

    /** The expected items in their canonical form {@code {"json": ..., "binary": ...}}. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> expectedItems(Object expected) {
        if (!(expected instanceof List<?> list)) {
            throw new IllegalArgumentException(
                    "expected items must be a JSON array, got " + JsonValues.shortText(expected));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object entry : list) {
            if (!(entry instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(
                        "each expected item must be an object, got " + JsonValues.shortText(entry));
            }
            Map<String, Object> item = new LinkedHashMap<>();
            if (m.get("json") instanceof Map<?, ?> json) {
                item.put("json", json);
                if (m.get("binary") instanceof Map<?, ?> binary && !binary.isEmpty()) {
                    item.put("binary", binary);
                }
            } else {
                item.put("json", (Map<String, Object>) m);
            }
            out.add(item);
        }
        return out;
    }

    /** The produced item in canonical form, with binary fields only where the expectation names them. */
    private static Map<String, Object> actualItem(Item item, Map<String, Object> expectation) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("json", JsonValues.normalize(item.json()));
        if (expectation.get("binary") instanceof Map<?, ?> wanted) {
            Map<String, Object> binary = new LinkedHashMap<>();
            item.binary().forEach((key, data) -> {
                Object fields = wanted.get(key);
                binary.put(key, binaryFields(data, fields instanceof Map<?, ?> f ? f : Map.of()));
            });
            out.put("binary", binary);
        }
        return out;
    }

    private static Map<String, Object> binaryFields(BinaryData data, Map<?, ?> wanted) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("mimeType", data.mimeType());
        data.fileName().ifPresent(n -> all.put("fileName", n));
        all.put("fileExtension", data.fileExtension());
        all.put("fileType", data.fileType());
        all.put("fileSize", data.size());
        all.put("data", Base64.getEncoder().encodeToString(data.data()));
        Map<String, Object> out = new LinkedHashMap<>();
        for (Object k : wanted.keySet()) {
            if (all.containsKey(String.valueOf(k))) {
                out.put(String.valueOf(k), all.get(String.valueOf(k)));
            }
        }
        return out;
    }

    /** The lines of a whole node's comparison over its runs, n8n style: one run expected. */
    static Optional<String> compareRuns(String node, Object expected, List<List<Item>> runs) {
        if (runs.isEmpty()) {
            return Optional.of("Node \"" + node + "\" did not run (pinData expects its output)");
        }
        if (runs.size() > 1) {
            return Optional.of(
                    "Node \"" + node + "\" ran " + runs.size() + " times; pinData holds the output of one run");
        }
        List<String> lines = differences(expected, runs.getFirst());
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder("Node \"" + node + "\": output differs from the expected items\n");
        for (String line : lines) {
            sb.append("  ").append(line).append('\n');
        }
        sb.append("  expected: ")
                .append(abbreviate(JsonValues.write(expectedItems(expected))))
                .append('\n');
        List<Object> actual = new ArrayList<>();
        for (Item i : runs.getFirst()) {
            actual.add(Map.of("json", i.json()));
        }
        sb.append("  actual:   ").append(abbreviate(JsonValues.write(actual)));
        return Optional.of(sb.toString());
    }

    private static String abbreviate(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "... (" + s.length() + " characters)" : s;
    }

    private static String count(int n) {
        return n == 1 ? "1 item" : n + " items";
    }
}
