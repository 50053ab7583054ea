package io.hearth.runtime.nodes;

import io.hearth.node.description.VersionMigration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * If's parameters across n8n's type versions (packages/nodes-base/nodes/If at 5fbc8d1f):
 * <ul>
 * <li>v1: typed condition lists {@code conditions.{boolean,dateTime,number,string}[{value1, operation, value2}]}
 *     checked in that type order, combined by {@code combineOperation} ({@code all} by default); each
 *     type has its own default operation (boolean and string "equal", dateTime "after", number "smaller")
 *     and default values (false, "", 0).</li>
 * <li>v2.0: a filter; "convert types where required" is {@code options.looseTypeValidation}.</li>
 * <li>v2.1 on: it is the top-level {@code looseTypeValidation}. v2.2 and v2.3 change only the filter
 *     version the editor writes into the filter.</li>
 * </ul>
 */
final class IfMigrations {

    private IfMigrations() {}

    static final List<VersionMigration> STEPS = List.of(
            VersionMigration.upTo(
                    2,
                    "typed condition lists become one filter (loose types, case-sensitive)",
                    IfMigrations::v1ToFilter),
            VersionMigration.upTo(
                    2.1, "options.looseTypeValidation moves to the top level", IfMigrations::looseTypesToTopLevel));

    private record V1Type(String name, String defaultOperation, Object defaultValue) {}

    private static final List<V1Type> V1_TYPES = List.of(
            new V1Type("boolean", "equal", false),
            new V1Type("dateTime", "after", ""),
            new V1Type("number", "smaller", 0L),
            new V1Type("string", "equal", ""));

    static Map<String, Object> v1ToFilter(Map<String, Object> p) {
        Map<String, Object> out = new LinkedHashMap<>(p);
        List<Object> conditions = new ArrayList<>();
        if (p.get("conditions") instanceof Map<?, ?> byType) {
            for (V1Type type : V1_TYPES) {
                if (!(byType.get(type.name()) instanceof List<?> list)) {
                    continue;
                }
                for (Object entry : list) {
                    if (!(entry instanceof Map<?, ?> c)) {
                        conditions.add(entry);
                        continue;
                    }
                    String operation = c.get("operation") instanceof String s ? s : type.defaultOperation();
                    Map<String, Object> condition = new LinkedHashMap<>();
                    condition.put("leftValue", c.containsKey("value1") ? c.get("value1") : type.defaultValue());
                    condition.put("rightValue", c.containsKey("value2") ? c.get("value2") : type.defaultValue());
                    condition.put("operator", Map.of("type", type.name(), "operation", v1Operation(operation)));
                    conditions.add(condition);
                }
            }
        }
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("conditions", conditions);
        filter.put("combinator", "any".equals(p.get("combineOperation")) ? "or" : "and");
        filter.put("options", Map.of("caseSensitive", true, "typeValidation", "loose", "version", 1L));
        out.put("conditions", filter);
        out.remove("combineOperation");
        return out;
    }

    /** v1's operation names as the filter's; unknown names stay as they are (and are refused as unknown). */
    static String v1Operation(String operation) {
        return switch (operation) {
            case "equal" -> "equals";
            case "notEqual" -> "notEquals";
            case "smaller" -> "lt";
            case "smallerEqual" -> "lte";
            case "larger" -> "gt";
            case "largerEqual" -> "gte";
            case "isEmpty" -> "empty";
            case "isNotEmpty" -> "notEmpty";
            default -> operation;
        };
    }

    static Map<String, Object> looseTypesToTopLevel(Map<String, Object> p) {
        if (!(p.get("options") instanceof Map<?, ?> options) || !options.containsKey("looseTypeValidation")) {
            return p;
        }
        Map<String, Object> out = new LinkedHashMap<>(p);
        Map<String, Object> rest = new LinkedHashMap<>();
        options.forEach((k, v) -> rest.put(String.valueOf(k), v));
        out.put("looseTypeValidation", rest.remove("looseTypeValidation"));
        out.put("options", rest);
        return out;
    }
}
