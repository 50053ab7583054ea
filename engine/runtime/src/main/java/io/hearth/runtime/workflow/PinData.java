package io.hearth.runtime.workflow;

import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * n8n's pinned data: per node name, the items that node outputs in manual runs instead of running
 * ({@code "pinData": {"Node": [{"json": {...}}, ...]}}). n8n's own exports wrap each item in
 * {@code json}; older documents and n8n's test workflows sometimes give the bare object, which n8n
 * accepts as well.
 */
public final class PinData {

    private PinData() {}

    /** The items pinned to {@code node} in {@code workflow}; empty if none are. */
    public static Optional<List<Item>> of(Workflow workflow, String node) {
        Object pinned = workflow.pinData().get(node);
        return pinned == null ? Optional.empty() : Optional.of(items(pinned));
    }

    /** Reads one node's pinned items; throws {@link IllegalArgumentException} saying what is wrong. */
    @SuppressWarnings("unchecked")
    public static List<Item> items(Object pinned) {
        if (!(pinned instanceof List<?> list)) {
            throw new IllegalArgumentException("must be an array of items");
        }
        List<Item> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> entry)) {
                throw new IllegalArgumentException("item " + i + " must be an object");
            }
            Map<String, Object> m = (Map<String, Object>) entry;
            if (m.get("json") instanceof Map<?, ?> json) {
                out.add(new Item((Map<String, Object>) json, binary(m.get("binary"), i), List.of()));
            } else {
                out.add(Item.of(m));
            }
        }
        return List.copyOf(out);
    }

    /** Items in n8n's pinned form: {@code [{"json": {...}, "binary": {"data": {mimeType, fileName, data}}}]}. */
    public static List<Object> toJson(List<Item> items) {
        List<Object> out = new ArrayList<>(items.size());
        for (Item item : items) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("json", item.json());
            if (!item.binary().isEmpty()) {
                Map<String, Object> binary = new LinkedHashMap<>();
                item.binary().forEach((key, data) -> {
                    Map<String, Object> b = new LinkedHashMap<>();
                    b.put("mimeType", data.mimeType());
                    data.fileName().ifPresent(f -> b.put("fileName", f));
                    b.put("data", Base64.getEncoder().encodeToString(data.data()));
                    binary.put(key, b);
                });
                m.put("binary", binary);
            }
            out.add(m);
        }
        return out;
    }

    private static Map<String, BinaryData> binary(Object raw, int index) {
        if (raw == null) {
            return Map.of();
        }
        if (!(raw instanceof Map<?, ?> bm)) {
            throw new IllegalArgumentException("item " + index + ": binary must be an object");
        }
        Map<String, BinaryData> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : bm.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> b)) {
                throw new IllegalArgumentException("item " + index + ": binary." + e.getKey() + " must be an object");
            }
            byte[] bytes;
            try {
                bytes = b.get("data") instanceof String s
                        ? Base64.getMimeDecoder().decode(s)
                        : new byte[0];
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(
                        "item " + index + ": binary." + e.getKey() + ".data must be base64", ex);
            }
            Object mime = b.get("mimeType");
            Object fileName = b.get("fileName");
            out.put(
                    String.valueOf(e.getKey()),
                    BinaryData.of(
                            bytes,
                            mime == null ? null : mime.toString(),
                            fileName == null ? null : fileName.toString()));
        }
        return out;
    }
}
