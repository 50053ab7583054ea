package io.hearth.expression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of n8n's extension functions each type has (n8n's ExtensionMaps, in n8n's order: Array,
 * Date, Number, Object, String, Boolean): for n8n's errors when one is called on a value that does
 * not have it ({@code "x".sum()}: sum() is only callable on type "Array").
 */
final class N8nExtensions {

    private static final Map<String, Set<String>> BY_TYPE = new LinkedHashMap<>();

    static {
        BY_TYPE.put("Array", ArrayExtensions.NAMES);
        BY_TYPE.put(
                "Date",
                Set.of(
                        "beginningOf",
                        "endOfMonth",
                        "extract",
                        "isBetween",
                        "isDst",
                        "isInLast",
                        "isWeekend",
                        "minus",
                        "plus",
                        "format",
                        "toDateTime",
                        "diffTo",
                        "diffToNow",
                        "toInt",
                        "toFloat",
                        "toBoolean",
                        "isEmpty",
                        "isNotEmpty"));
        BY_TYPE.put(
                "Number",
                Set.of(
                        "ceil",
                        "floor",
                        "format",
                        "round",
                        "abs",
                        "isInteger",
                        "isEven",
                        "isOdd",
                        "toBoolean",
                        "toInt",
                        "toFloat",
                        "toDateTime"));
        BY_TYPE.put(
                "Object",
                Set.of(
                        "isEmpty",
                        "isNotEmpty",
                        "hasField",
                        "removeField",
                        "removeFieldsContaining",
                        "keepFieldsContaining",
                        "compact",
                        "urlEncode",
                        "keys",
                        "values",
                        "toJsonString",
                        "toInt",
                        "toFloat",
                        "toBoolean",
                        "toDateTime"));
        BY_TYPE.put("String", StringExtensions.NAMES);
        BY_TYPE.put("Boolean", Set.of("toBoolean", "toInt", "toFloat", "toNumber", "toDateTime"));
    }

    /** The date extensions n8n also applies to strings holding an ISO date. */
    static final Set<String> DATE = BY_TYPE.get("Date");

    private N8nExtensions() {}

    static boolean isExtension(String name) {
        for (Set<String> names : BY_TYPE.values()) {
            if (names.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** n8n's error for an extension function the value's type does not have; null if no type has it. */
    static ExpressionException notCallableOn(String name) {
        List<String> types = new ArrayList<>();
        BY_TYPE.forEach((type, names) -> {
            if (names.contains(name)) {
                types.add("\"" + type + "\"");
            }
        });
        if (types.isEmpty()) {
            return null;
        }
        if (types.size() == 1) {
            return new ExpressionException(name + "() is only callable on type " + types.getFirst());
        }
        String last = types.removeLast();
        return new ExpressionException(
                name + "() is only callable on types " + String.join(", ", types) + ", and " + last);
    }
}
