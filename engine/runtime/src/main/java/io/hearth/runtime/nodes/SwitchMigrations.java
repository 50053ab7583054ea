package io.hearth.runtime.nodes;

import io.hearth.node.description.VersionMigration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Switch's parameters across n8n's type versions (packages/nodes-base/nodes/Switch at 5fbc8d1f):
 * <ul>
 * <li>v1: always four outputs; rules compare one {@code value1} of one {@code dataType} (default
 *     number) with each rule's {@code value2} and send matches to the rule's {@code output} (0-3,
 *     default 0); {@code fallbackOutput} -1 (none) by default; in expression mode {@code output}
 *     defaults to 0.</li>
 * <li>v2: like v1, but one output per rule (labelled {@code outputKey}); expression mode has
 *     {@code outputsAmount} outputs (default 4).</li>
 * <li>v3: each rule is a filter; the fallback is {@code options.fallbackOutput} ("none", "extra" or
 *     an index); "convert types" is {@code options.looseTypeValidation} until v3.1 moves it to the
 *     top level. v3.2-v3.4 change only the filter version the editor writes.</li>
 * </ul>
 * Per data type, v1/v2 default operations are: boolean and string "equal", dateTime "after",
 * number "smaller"; default values false, "" and 0 (a rule's dateTime value2: 0).
 */
final class SwitchMigrations {

    private SwitchMigrations() {}

    static final List<VersionMigration> STEPS = List.of(
            VersionMigration.upTo(
                    2, "four fixed outputs and per-rule output indexes written out", SwitchMigrations::v1ToV2),
            VersionMigration.upTo(3, "value1/dataType rules become one filter per rule", SwitchMigrations::v2ToV3),
            VersionMigration.upTo(
                    3.1, "options.looseTypeValidation moves to the top level", IfMigrations::looseTypesToTopLevel));

    private record V2Type(String operation, Object value1, Object value2) {}

    private static final Map<String, V2Type> TYPES = Map.of(
            "boolean", new V2Type("equal", false, false),
            "dateTime", new V2Type("after", "", 0L),
            "number", new V2Type("smaller", 0L, 0L),
            "string", new V2Type("equal", "", ""));

    static Map<String, Object> v1ToV2(Map<String, Object> p) {
        Map<String, Object> out = new LinkedHashMap<>(p);
        out.put(SwitchNode.LEGACY_OUTPUT_COUNT, 4L);
        out.put("outputsAmount", 4L);
        if ("expression".equals(p.get("mode")) && !p.containsKey("output")) {
            out.put("output", 0L);
        }
        if (p.get("rules") instanceof Map<?, ?> rules && rules.get("rules") instanceof List<?> list) {
            List<Object> entries = new ArrayList<>();
            for (Object e : list) {
                if (e instanceof Map<?, ?> rule && !rule.containsKey("output")) {
                    Map<String, Object> copy = copy(rule);
                    copy.put("output", 0L);
                    entries.add(copy);
                } else {
                    entries.add(e);
                }
            }
            out.put("rules", Map.of("rules", entries));
        }
        return out;
    }

    static Map<String, Object> v2ToV3(Map<String, Object> p) {
        Map<String, Object> out = new LinkedHashMap<>(p);
        String dataType = p.get("dataType") instanceof String s ? s : "number";
        V2Type type = TYPES.getOrDefault(dataType, TYPES.get("string"));
        Object value1 = p.containsKey("value1") ? p.get("value1") : type.value1();
        List<Object> values = new ArrayList<>();
        if (p.get("rules") instanceof Map<?, ?> rules && rules.get("rules") instanceof List<?> list) {
            for (Object e : list) {
                if (!(e instanceof Map<?, ?> rule)) {
                    values.add(e);
                    continue;
                }
                Map<String, Object> condition = new LinkedHashMap<>();
                condition.put("leftValue", value1);
                condition.put("rightValue", rule.containsKey("value2") ? rule.get("value2") : type.value2());
                String operation = rule.get("operation") instanceof String s ? s : type.operation();
                condition.put("operator", Map.of("type", dataType, "operation", IfMigrations.v1Operation(operation)));
                Map<String, Object> filter = new LinkedHashMap<>();
                filter.put("conditions", List.of(condition));
                filter.put("combinator", "and");
                filter.put("options", Map.of("caseSensitive", true, "typeValidation", "loose", "version", 1L));
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("conditions", filter);
                Object key = rule.get("outputKey");
                if (key != null && !key.toString().isEmpty()) {
                    value.put("renameOutput", true);
                    value.put("outputKey", key);
                }
                if (rule.containsKey("output")) {
                    value.put("output", rule.get("output"));
                }
                values.add(value);
            }
        }
        out.put("rules", Map.of("values", values));
        Map<String, Object> options = p.get("options") instanceof Map<?, ?> o ? copy(o) : new LinkedHashMap<>();
        Object fallback = p.containsKey("fallbackOutput") ? p.get("fallbackOutput") : -1;
        options.put("fallbackOutput", fallback instanceof Number n && n.intValue() == -1 ? "none" : fallback);
        out.put("options", options);
        if (p.containsKey("outputsAmount")) {
            out.put("numberOutputs", p.get("outputsAmount"));
        } else if ("expression".equals(p.get("mode"))) {
            out.put("numberOutputs", 4L);
        }
        for (String old : List.of("dataType", "value1", "fallbackOutput", "outputsAmount")) {
            out.remove(old);
        }
        return out;
    }

    private static Map<String, Object> copy(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
