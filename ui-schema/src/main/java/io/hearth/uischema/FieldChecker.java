package io.hearth.uischema;

import io.hearth.common.Json;
import io.hearth.node.description.FieldGroup;
import io.hearth.node.description.FilterOperator;
import io.hearth.node.description.LocatorMode;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import io.hearth.node.description.ParameterType;
import io.hearth.node.description.ParameterType.BooleanType;
import io.hearth.node.description.ParameterType.CollectionType;
import io.hearth.node.description.ParameterType.ColorType;
import io.hearth.node.description.ParameterType.DateTimeType;
import io.hearth.node.description.ParameterType.FixedCollectionType;
import io.hearth.node.description.ParameterType.JsonType;
import io.hearth.node.description.ParameterType.MultiOptionsType;
import io.hearth.node.description.ParameterType.NoticeType;
import io.hearth.node.description.ParameterType.NumberType;
import io.hearth.node.description.ParameterType.OptionsType;
import io.hearth.node.description.ParameterType.ResourceLocatorType;
import io.hearth.node.description.ParameterType.StringType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks values against parameter declarations, level by level, collecting violations.
 * <p>Kept in one file beyond 400 lines: one recursive walk over one declaration tree, whose cases call each
 * other.
 */
final class FieldChecker {

    private static final String ARROW = " \u2192 ";

    private final List<Violation> violations = new ArrayList<>();
    // what the user sees for each path checked so far (a field's title, a collection entry's ordinal)
    private final Map<String, String> labels = new java.util.HashMap<>();
    private final boolean expressions;
    // node parameters: a key the node does not declare is refused (credential data is checked leniently)
    private final boolean refuseUndeclared;
    private final Predicate<Parameter> mayBeOmitted;

    private final java.util.function.Function<String, Optional<String>> expressionProblem;

    private FieldChecker(
            boolean expressions,
            Predicate<Parameter> mayBeOmitted,
            java.util.function.Function<String, Optional<String>> expressionProblem) {
        this.expressions = expressions;
        this.refuseUndeclared = expressions;
        this.mayBeOmitted = mayBeOmitted;
        this.expressionProblem = expressionProblem;
    }

    /** @param expressionProblem what is wrong with an expression's text (without its '='), if anything */
    static FieldChecker forParameters(java.util.function.Function<String, Optional<String>> expressionProblem) {
        return new FieldChecker(true, p -> false, expressionProblem);
    }

    /**
     * Credential values are literal: {@code "=..."} is plain text there (a password may start with
     * {@code =}), so it gets the type checks of any other value.
     *
     * @param mayBeOmitted fields whose absence is fine even when required (stored secrets on update)
     */
    static FieldChecker forCredentials(Predicate<Parameter> mayBeOmitted) {
        return new FieldChecker(false, mayBeOmitted, text -> Optional.empty());
    }

    List<Violation> violations() {
        return List.copyOf(violations);
    }

    /**
     * Checks the visible fields of one level. An absent field takes its default (n8n leaves
     * parameters at their default out of saved workflows) unless {@code optionalFields}: the
     * fields of a collection are only there when the user added them.
     */
    void checkLevel(Scope scope, String path, boolean optionalFields) {
        checkLevel(scope, path, "", optionalFields);
    }

    private void checkLevel(Scope scope, String path, String label, boolean optionalFields) {
        if (refuseUndeclared && optionalFields) {
            refuseUndeclared(scope, path, label);
        }
        for (Parameter p : scope.fields()) {
            if (!p.holdsValue() || !scope.isVisible(p)) {
                continue;
            }
            String at = path + "." + p.name();
            labels.put(at, label.isEmpty() ? p.displayName() : label + ARROW + p.displayName());
            Object set = scope.values().get(p.name());
            if (set == null && (optionalFields || mayBeOmitted.test(p))) {
                continue;
            }
            Object value = set != null ? set : p.defaultValue();
            if (Values.isEmpty(value)) {
                if (p.required() && !scope.visibilityDependsOnExpression(p)) {
                    add(at, "is required");
                }
            } else if (set != null) {
                if (p.unsupported().isPresent()) {
                    if (!Values.same(set, p.defaultValue())) {
                        add(
                                at,
                                Violation.STATEMENT + "not supported by Hearth: "
                                        + p.unsupported().get());
                    }
                    continue;
                }
                checkValue(p, set, at, scope);
            }
        }
    }

    /**
     * In a collection ("Options", "Additional Fields": the user adds each field from a list), a key no
     * field declares in any version or visibility is refused: n8n would use it (an option of a newer
     * n8n, one Hearth lacks) and Hearth would silently not. Declared but hidden fields (another
     * version's, another mode's) are ignored, as n8n ignores them. Top-level parameters and
     * fixed-collection entries are not judged this way: n8n writes keys of its own there (an
     * assignment's {@code id}), and version migrations read and add keys beside the declared ones.
     */
    private void refuseUndeclared(Scope scope, String path, String label) {
        for (String key : scope.values().keySet()) {
            if (scope.fields().stream().noneMatch(f -> f.name().equals(key))) {
                String at = path + "." + key;
                labels.put(at, label.isEmpty() ? key : label + ARROW + key);
                add(at, Violation.STATEMENT + "not supported by Hearth (an option Hearth does not know)");
            }
        }
    }

    private void checkValue(Parameter p, Object value, String at, Scope scope) {
        if (expressions && Expressions.isExpression(value) && Expressions.allowedIn(p.type())) {
            if (p.noDataExpression()) {
                add(at, "expressions are not allowed");
            } else {
                expressionProblem
                        .apply(((String) value).substring(1))
                        .ifPresent(problem -> add(at, "has an invalid expression: " + problem));
            }
            return;
        }
        switch (p.type()) {
            case StringType s ->
                require(
                        Values.isScalar(value)
                                || (s.fieldNames()
                                        && value instanceof List<?> l
                                        && l.stream().allMatch(Values::isScalar)),
                        at,
                        "must be text");
            case NumberType n -> checkNumber(n, value, at);
            case BooleanType b -> require(Values.isBoolean(value), at, "must be true or false");
            case OptionsType o -> checkChoice(o.options(), o.dynamicOptions().isPresent(), value, at);
            case MultiOptionsType m -> checkChoices(m, value, at);
            case CollectionType c -> checkCollection(c, value, at, scope);
            case FixedCollectionType f -> checkFixedCollection(f, value, at, scope);
            case JsonType j -> checkJson(value, at);
            case DateTimeType d -> require(Values.isDateTime(value), at, "must be an ISO-8601 date-time");
            case ColorType c -> require(Values.isColor(value), at, "must be a color like #rgb or #rrggbb");
            case NoticeType n -> {}
            case ResourceLocatorType r -> checkLocator(r, value, at);
            case ParameterType.FilterType f -> checkFilter(value, at);
            case ParameterType.CredentialTypeType c -> require(value instanceof String, at, "must be text");
        }
    }

    private void checkNumber(NumberType type, Object value, String at) {
        Optional<BigDecimal> number = Values.number(value);
        if (number.isEmpty()) {
            add(at, "must be a number");
            return;
        }
        if (type.minValue().isPresent()
                && number.get().compareTo(BigDecimal.valueOf(type.minValue().getAsDouble())) < 0) {
            add(at, "must be at least " + Values.plain(type.minValue().getAsDouble()));
        } else if (type.maxValue().isPresent()
                && number.get().compareTo(BigDecimal.valueOf(type.maxValue().getAsDouble())) > 0) {
            add(at, "must be at most " + Values.plain(type.maxValue().getAsDouble()));
        }
    }

    private void checkChoice(List<Option> options, boolean dynamic, Object value, String at) {
        if (dynamic) {
            // loaded choices are unknown here; any single value may be one of them
            require(Values.isScalar(value), at, "must be a single value");
        } else {
            Optional<Option> chosen =
                    options.stream().filter(o -> Values.same(o.value(), value)).findFirst();
            if (chosen.isEmpty()) {
                add(
                        at,
                        "must be one of: "
                                + options.stream()
                                        .map(o -> String.valueOf(o.value()))
                                        .collect(Collectors.joining(", ")));
            } else {
                chosen.get()
                        .unsupported()
                        .ifPresent(reason -> add(
                                at,
                                Violation.STATEMENT + "'" + chosen.get().name() + "' is not supported by Hearth: "
                                        + reason));
            }
        }
    }

    private void checkChoices(MultiOptionsType type, Object value, String at) {
        if (!(value instanceof List<?> list)) {
            add(at, "must be a list");
            return;
        }
        List<Object> seen = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (seen.stream().anyMatch(s -> Values.same(s, item))) {
                add(at + "[" + i + "]", "repeats '" + item + "'");
                continue;
            }
            seen.add(item);
            checkChoice(type.options(), type.dynamicOptions().isPresent(), item, at + "[" + i + "]");
        }
    }

    private void checkCollection(CollectionType type, Object value, String at, Scope scope) {
        if (!(value instanceof Map<?, ?> map)) {
            add(at, "must be an object");
            return;
        }
        Scope inner = scope.child(map, type.fields());
        checkLevel(inner, at, labelOf(at), true);
    }

    private void checkFixedCollection(FixedCollectionType type, Object value, String at, Scope scope) {
        if (!(value instanceof Map<?, ?> map)) {
            add(at, "must be an object");
            return;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            String groupPath = at + "." + key;
            Optional<FieldGroup> group =
                    type.groups().stream().filter(g -> g.name().equals(key)).findFirst();
            if (group.isEmpty()) {
                // n8n stores more beside the groups (a filter's "combinator" and "options"): not ours to judge.
                continue;
            }
            String groupLabel =
                    type.groups().size() > 1 ? labelOf(at) + ARROW + group.get().displayName() : labelOf(at);
            labels.put(groupPath, groupLabel);
            if (!type.multipleValues()) {
                checkEntry(group.get(), e.getValue(), groupPath, scope);
            } else if (e.getValue() instanceof List<?> entries) {
                for (int i = 0; i < entries.size(); i++) {
                    String entryPath = groupPath + "[" + i + "]";
                    labels.put(entryPath, groupLabel + ARROW + ordinal(i + 1) + " " + singular(group.get()));
                    checkEntry(group.get(), entries.get(i), entryPath, scope);
                }
            } else if (e.getValue() != null) {
                add(groupPath, "must be a list of entries");
            }
        }
    }

    private void checkEntry(FieldGroup group, Object entry, String at, Scope scope) {
        if (entry == null) {
            return;
        }
        if (!(entry instanceof Map<?, ?> map)) {
            add(at, "must be an object");
            return;
        }
        Scope inner = scope.child(map, group.fields());
        checkLevel(inner, at, labelOf(at), false);
    }

    private String labelOf(String path) {
        return labels.getOrDefault(path, path);
    }

    /** "Values" → "value", "Routing Rules" → "rule", "Fields to Set" → "field": an entry of a group. */
    private static String singular(FieldGroup g) {
        String[] words =
                g.displayName().strip().toLowerCase(java.util.Locale.ROOT).split("\\s+", -1);
        String name = words.length >= 3 ? words[0] : words[words.length - 1];
        if (name.endsWith("ies")) {
            return name.substring(0, name.length() - 3) + "y";
        }
        return name.endsWith("s") && !name.endsWith("ss") ? name.substring(0, name.length() - 1) : name;
    }

    static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13
                ? "th"
                : switch (n % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
    }

    private void checkJson(Object value, String at) {
        if (value instanceof String text) {
            try {
                Json.parse(text);
            } catch (IllegalArgumentException e) {
                add(at, "is not valid JSON: " + e.getMessage());
            }
        } else {
            require(value instanceof Map || value instanceof List, at, "must be JSON text, an object or a list");
        }
    }

    /** n8n's {@code {"__rl": true, "mode": "list", "value": "light.kitchen"}}, or a plain value. */
    private void checkLocator(ResourceLocatorType type, Object value, String at) {
        if (Values.isScalar(value)) {
            return;
        }
        if (!(value instanceof Map<?, ?> map)) {
            add(at, "must be a resource locator {__rl, mode, value} or text");
            return;
        }
        if (!(map.get("mode") instanceof String modeName)) {
            add(at + ".mode", "is required");
            return;
        }
        Optional<LocatorMode> mode =
                type.modes().stream().filter(m -> m.name().equals(modeName)).findFirst();
        if (mode.isEmpty() && !type.modes().isEmpty()) {
            add(
                    at + ".mode",
                    "must be one of: "
                            + type.modes().stream().map(LocatorMode::name).collect(Collectors.joining(", ")));
            return;
        }
        Object v = map.get("value");
        if (Values.isEmpty(v) || (expressions && Expressions.isExpression(v))) {
            return;
        }
        if (!(v instanceof String || v instanceof Number)) {
            add(at + ".value", "must be text");
            return;
        }
        Optional<String> pattern = mode.flatMap(LocatorMode::pattern);
        // the whole value must match, as a typed ID is one token
        if (pattern.isPresent()
                && !Pattern.compile(pattern.get()).matcher(String.valueOf(v)).matches()) {
            add(at + ".value", "must match " + pattern.get());
        }
    }

    /**
     * n8n's filter: a list of conditions whose operators n8n has. n8n itself evaluates an unknown
     * operator as false without a word; Hearth refuses it here, before anything runs.
     */
    private void checkFilter(Object value, String at) {
        if (!(value instanceof Map<?, ?> map)) {
            add(at, "must be a filter {conditions, combinator, options}");
            return;
        }
        Object combinator = map.get("combinator");
        if (combinator != null && !"and".equals(combinator) && !"or".equals(combinator)) {
            add(at + ".combinator", "must be 'and' or 'or'");
        }
        if (map.get("options") instanceof Map<?, ?> options) {
            Object validation = options.get("typeValidation");
            if (validation != null
                    && !"strict".equals(validation)
                    && !"loose".equals(validation)
                    && !(expressions && Expressions.isExpression(validation))) {
                add(at + ".options.typeValidation", "must be 'strict' or 'loose'");
            }
        }
        Object conditions = map.get("conditions");
        if (conditions == null) {
            return;
        }
        if (!(conditions instanceof List<?> list)) {
            add(at + ".conditions", "must be a list of conditions");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String cat = at + ".conditions[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> condition)) {
                add(cat, "must be a condition {leftValue, operator, rightValue}");
                continue;
            }
            Object op = condition.get("operator");
            String type;
            String operation;
            if (op instanceof Map<?, ?> om
                    && om.get("type") instanceof String t
                    && om.get("operation") instanceof String o) {
                type = t;
                operation = o;
            } else if (op instanceof String s && s.indexOf(':') > 0) {
                type = s.substring(0, s.indexOf(':'));
                operation = s.substring(s.indexOf(':') + 1);
            } else {
                add(
                        cat + ".operator",
                        "must name a type and an operation, e.g. {\"type\": \"string\", \"operation\": \"equals\"}");
                continue;
            }
            if (!FilterOperator.TYPES.contains(type)) {
                add(
                        cat + ".operator",
                        "unknown type '" + type + "' (one of " + String.join(", ", FilterOperator.TYPES) + ")");
            } else if (FilterOperator.find(type, operation).isEmpty()) {
                add(
                        cat + ".operator",
                        "unknown operation '" + operation + "' for " + type + " (one of "
                                + String.join(", ", FilterOperator.operations(type)) + ")");
            }
        }
    }

    private void require(boolean ok, String at, String message) {
        if (!ok) {
            add(at, message);
        }
    }

    private void add(String path, String message) {
        violations.add(new Violation(path, message, labelFor(path)));
    }

    /** A checked field's label; a sub-value ({@code .value}, {@code [2]}) gets its field's label. */
    private String labelFor(String path) {
        String p = path;
        while (!labels.containsKey(p)) {
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                return path;
            }
            p = p.substring(0, cut);
        }
        return labels.get(p);
    }
}
