package io.hearth.nodes.homeassistant.resource;

import io.hearth.node.Item;
import io.hearth.node.ParameterValues;
import io.hearth.nodes.homeassistant.client.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns Home Assistant's JSON answers into output items. */
public final class Results {

    private Results() {}

    /** A list gives one item per element; an object one item; anything else {@code {key: value}}. */
    public static List<Item> items(Object json, String scalarKey) {
        if (json instanceof List<?> list) {
            List<Item> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(Item.of(o instanceof Map<?, ?> ? Json.asObject(o) : wrap(scalarKey, o)));
            }
            return out;
        }
        if (json instanceof Map<?, ?>) {
            return List.of(Item.of(Json.asObject(json)));
        }
        return List.of(Item.of(wrap(scalarKey, json)));
    }

    public static List<Item> one(Map<String, Object> json) {
        return List.of(Item.of(json));
    }

    public static Map<String, Object> wrap(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }

    /** {@code returnAll} or the first {@code limit} (default 50, 1..100 in the editor) elements; HA has no paging. */
    public static <T> List<T> limit(List<T> all, ParameterValues params) {
        if (params.get("returnAll").isPresent() && params.bool("returnAll")) {
            return all;
        }
        long limit = params.get("limit").isPresent() ? params.integer("limit") : 50;
        if (limit < 1) {
            throw new io.hearth.node.ParameterException("limit", "must be at least 1 (got " + limit + ")");
        }
        return all.size() <= limit ? all : all.subList(0, (int) limit);
    }
}
