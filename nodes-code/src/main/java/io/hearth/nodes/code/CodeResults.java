package io.hearth.nodes.code;

import io.hearth.common.Json;
import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import io.hearth.node.NodeException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * n8n's rules for what Code returns: arrays of {@code {json, binary}} items, plain objects wrapped
 * in {@code json}, a single object, null for nothing; with n8n's messages for shapes it refuses.
 */
final class CodeResults {

    private static final Set<String> ITEM_KEYS = Set.of("json", "binary", "pairedItem", "error", "index");

    private CodeResults() {}

    /** "Run Once for All Items". */
    static List<Item> allItems(JsOutcome.Returned r) {
        if (r.type().equals("null")) {
            return List.of();
        }
        if (!r.type().equals("object") && !r.type().equals("array")) {
            throw itemsNotReturnedProperly();
        }
        Object value = Json.parse(r.json());
        List<Object> entries;
        if (value instanceof List<?> list) {
            entries = new ArrayList<>(list);
            boolean anyItemKey = false;
            for (Object e : entries) {
                if (!(e instanceof Map<?, ?> m)) {
                    throw itemsNotReturnedProperly();
                }
                anyItemKey |= m.keySet().stream().anyMatch(ITEM_KEYS::contains);
            }
            if (anyItemKey) {
                for (int i = 0; i < entries.size(); i++) {
                    checkTopLevelKeys((Map<?, ?>) entries.get(i), i);
                }
            }
        } else {
            Map<?, ?> single = (Map<?, ?>) value;
            entries = truthy(single.get("json")) ? List.of(single) : List.of(Map.of("json", single));
        }
        List<Map<?, ?>> normalized = normalize(entries);
        List<Item> items = new ArrayList<>(normalized.size());
        for (int i = 0; i < normalized.size(); i++) {
            items.add(toItem(normalized.get(i), i, Optional.empty()));
        }
        return items;
    }

    /** "Run Once for Each Item": null and other falsy values output nothing, as in n8n. */
    static Optional<Item> eachItem(JsOutcome.Returned r, int itemIndex) {
        if (r.json().isEmpty()) {
            return Optional.empty();
        }
        Object value = Json.parse(r.json());
        if (!truthy(value)) {
            return Optional.empty();
        }
        Object json = value;
        Object binary = null;
        if (value instanceof Map<?, ?> m) {
            if (m.containsKey("json")) {
                json = m.get("json");
            } else if (m.containsKey("binary")) {
                json = Map.of();
            }
            binary = truthy(m.get("binary")) ? m.get("binary") : null;
        }
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("json", json);
        if (binary != null) {
            item.put("binary", binary);
        }
        return Optional.of(toItem(item, itemIndex, Optional.of(itemIndex)));
    }

    private static List<Map<?, ?>> normalize(List<Object> entries) {
        List<Map<?, ?>> maps =
                entries.stream().<Map<?, ?>>map(e -> (Map<?, ?>) e).toList();
        if (maps.stream().allMatch(m -> m.containsKey("json"))) {
            return maps;
        }
        if (maps.stream().anyMatch(m -> m.containsKey("json"))) {
            throw new NodeException("Inconsistent item format");
        }
        if (maps.stream().allMatch(m -> m.containsKey("binary"))) {
            List<Map<?, ?>> out = new ArrayList<>();
            for (Map<?, ?> m : maps) {
                Map<String, Object> json = new LinkedHashMap<>();
                m.forEach((k, v) -> {
                    if (!"binary".equals(k)) {
                        json.put(String.valueOf(k), v);
                    }
                });
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("json", json);
                item.put("binary", m.get("binary"));
                out.add(item);
            }
            return out;
        }
        if (maps.stream().anyMatch(m -> m.containsKey("binary"))) {
            throw new NodeException("Inconsistent item format");
        }
        return maps.stream().<Map<?, ?>>map(m -> Map.of("json", m)).toList();
    }

    private static void checkTopLevelKeys(Map<?, ?> item, int index) {
        String reserved = null;
        String unknown = null;
        for (Object key : item.keySet()) {
            if (ITEM_KEYS.contains(key)) {
                reserved = reserved == null ? String.valueOf(key) : reserved;
            } else if (unknown == null) {
                unknown = String.valueOf(key);
            }
        }
        if (unknown == null) {
            return;
        }
        if (reserved != null) {
            throw new NodeException(
                    "Invalid output format [item " + index + "]",
                    "An output item contains the reserved key '" + reserved + "'. To get around this, please wrap"
                            + " each item in an object, under a key called 'json'.",
                    null);
        }
        throw new NodeException(
                "Unknown top-level item key: " + unknown + " [item " + index + "]",
                "Access the properties of an item under `.json`, e.g. `item.json`",
                null);
    }

    @SuppressWarnings("unchecked")
    private static Item toItem(Map<?, ?> entry, int index, Optional<Integer> pairedWith) {
        Object json = entry.get("json");
        if (!(json instanceof Map<?, ?>)) {
            throw new NodeException(
                    "A 'json' property isn't an object [item " + index + "]",
                    "In the returned data, every key named 'json' must point to an object.",
                    null);
        }
        Object binary = entry.get("binary");
        if (binary != null && !(binary instanceof Map<?, ?>)) {
            throw new NodeException(
                    "A 'binary' property isn't an object [item " + index + "]",
                    "In the returned data, every key named 'binary' must point to an object.",
                    null);
        }
        Map<String, BinaryData> files = new LinkedHashMap<>();
        if (binary instanceof Map<?, ?> b) {
            b.forEach((key, value) -> files.put(String.valueOf(key), binaryData(String.valueOf(key), value, index)));
        }
        List<Item.PairedItem> paired = pairedWith
                .map(i -> List.of(new Item.PairedItem(i, 0)))
                .orElseGet(() -> pairedItems(entry.get("pairedItem")));
        return new Item((Map<String, Object>) json, files, paired);
    }

    private static BinaryData binaryData(String key, Object value, int index) {
        if (!(value instanceof Map<?, ?> m) || !(m.get("data") instanceof String data)) {
            throw new NodeException(
                    "Binary property '" + key + "' has no data [item " + index + "]",
                    "Return binary data as { data: <base64 text>, mimeType, fileName }",
                    null);
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new NodeException(
                    "Binary property '" + key + "' is not base64 [item " + index + "]", e.getMessage(), null);
        }
        return BinaryData.of(
                bytes,
                m.get("mimeType") instanceof String s ? s : null,
                m.get("fileName") instanceof String s ? s : null);
    }

    private static List<Item.PairedItem> pairedItems(Object value) {
        List<Item.PairedItem> out = new ArrayList<>();
        if (value instanceof Number n) {
            out.add(new Item.PairedItem(n.intValue(), 0));
        } else if (value instanceof Map<?, ?> m && m.get("item") instanceof Number n) {
            out.add(new Item.PairedItem(n.intValue(), m.get("input") instanceof Number in ? in.intValue() : 0));
        } else if (value instanceof List<?> l) {
            for (Object e : l) {
                out.addAll(pairedItems(e));
            }
        }
        return out;
    }

    private static NodeException itemsNotReturnedProperly() {
        return new NodeException(
                "Code doesn't return items properly",
                "Please return an array of objects, one for each item you would like to output.",
                null);
    }

    /** JavaScript truthiness of a JSON value. */
    private static boolean truthy(Object v) {
        if (v == null) return false;
        if (v instanceof Boolean b) return b;
        if (v instanceof Number n) return n.doubleValue() != 0 && !Double.isNaN(n.doubleValue());
        if (v instanceof String s) return !s.isEmpty();
        return true;
    }
}
