package io.hearth.runtime.conditions;

import io.hearth.node.ParameterException;
import io.hearth.node.description.FilterOperator;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A filter parameter's value, resolved for one item:
 * {@code {"conditions": [...], "combinator": "and"|"or", "options": {...}}}. What the value leaves
 * out takes n8n's defaults ({@code and}; case-sensitive, strict types, version 1), as n8n patches
 * them in when it loads a workflow.
 *
 * @param or true when any condition suffices ({@code combinator: "or"})
 */
public record FilterValue(List<FilterCondition> conditions, boolean or, FilterOptions options) {

    public FilterValue {
        conditions = List.copyOf(conditions);
    }

    /**
     * Reads a resolved filter value. Also accepted, as Hearth stored conditions before: a bare list
     * of conditions, and an operator written {@code "number:gt"}.
     *
     * @param path the parameter's path, for errors ({@code conditions})
     */
    public static FilterValue read(Object raw, String path) {
        List<?> list;
        boolean or = false;
        FilterOptions options = FilterOptions.DEFAULTS;
        if (raw instanceof Map<?, ?> m) {
            Object conditions = m.get("conditions");
            list = conditions instanceof List<?> l ? l : List.of();
            if (conditions != null && !(conditions instanceof List<?>)) {
                throw new ParameterException(path + ".conditions", "must be a list of conditions");
            }
            Object combinator = m.get("combinator");
            if (combinator != null && !"and".equals(combinator) && !"or".equals(combinator)) {
                throw new ParameterException(path + ".combinator", "must be 'and' or 'or', got '" + combinator + "'");
            }
            or = "or".equals(combinator);
            if (m.get("options") instanceof Map<?, ?> o) {
                options = readOptions(o, path);
            }
        } else if (raw instanceof List<?> l) {
            list = l;
        } else if (raw == null || "".equals(raw)) {
            list = List.of();
        } else {
            throw new ParameterException(path, "must be a filter {conditions, combinator, options}");
        }
        List<FilterCondition> conditions = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> c)) {
                throw new ParameterException(conditionPath(path, i), "must be a condition object");
            }
            conditions.add(condition(c, path, i));
        }
        return new FilterValue(conditions, or, options);
    }

    /** Whether the item passes: every condition ({@code and}) or any ({@code or}), as JavaScript's every/some. */
    public boolean test(int itemIndex, ZoneId zone) {
        for (int i = 0; i < conditions.size(); i++) {
            boolean pass = Comparisons.evaluate(conditions.get(i), options, i, itemIndex, zone);
            if (or && pass) {
                return true;
            }
            if (!or && !pass) {
                return false;
            }
        }
        return !or;
    }

    public FilterValue withOptions(FilterOptions value) {
        return new FilterValue(conditions, or, value);
    }

    private static FilterOptions readOptions(Map<?, ?> o, String filterPath) {
        boolean caseSensitive = !(o.get("caseSensitive") instanceof Boolean b) || b;
        if (o.get("caseSensitive") instanceof String s) {
            caseSensitive = !s.equalsIgnoreCase("false");
        }
        Object validation = o.get("typeValidation");
        if (validation != null && !"strict".equals(validation) && !"loose".equals(validation)) {
            throw new ParameterException(
                    filterPath + ".options.typeValidation", "must be 'strict' or 'loose', got '" + validation + "'");
        }
        int version = o.get("version") instanceof Number n ? n.intValue() : 1;
        return new FilterOptions(caseSensitive, !"loose".equals(validation), version);
    }

    // Read for every item: the path is only spelt out for an error.
    private static String conditionPath(String path, int index) {
        return path + ".conditions[" + index + "]";
    }

    private static FilterCondition condition(Map<?, ?> c, String filterPath, int index) {
        Object op = c.get("operator");
        String type;
        String operation;
        Optional<String> rightType = Optional.empty();
        boolean singleValue;
        if (op instanceof Map<?, ?> om) {
            if (!(om.get("type") instanceof String t) || !(om.get("operation") instanceof String o)) {
                throw new ParameterException(
                        conditionPath(filterPath, index) + ".operator", "needs a type and an operation");
            }
            type = t;
            operation = o;
            if (om.get("rightType") instanceof String r) {
                rightType = Optional.of(r);
            }
            singleValue = Boolean.TRUE.equals(om.get("singleValue"));
        } else if (op instanceof String s && s.indexOf(':') > 0) {
            type = s.substring(0, s.indexOf(':'));
            operation = s.substring(s.indexOf(':') + 1);
            Optional<FilterOperator> known = FilterOperator.find(type, operation);
            rightType = known.flatMap(FilterOperator::rightType);
            singleValue = known.map(FilterOperator::singleValue).orElse(false);
        } else {
            throw new ParameterException(
                    conditionPath(filterPath, index) + ".operator",
                    "must be {\"type\": ..., \"operation\": ...} or 'type:operation'");
        }
        if (FilterOperator.find(type, operation).isEmpty()) {
            throw new ParameterException(
                    conditionPath(filterPath, index) + ".operator", Comparisons.unknownOperator(type, operation));
        }
        return new FilterCondition(c.get("leftValue"), c.get("rightValue"), type, operation, rightType, singleValue);
    }
}
