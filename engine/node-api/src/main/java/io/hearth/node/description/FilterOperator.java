package io.hearth.node.description;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One comparison a filter condition can make, as n8n defines them: the type of the value it
 * compares ({@code string}, {@code number}, {@code dateTime}, {@code boolean}, {@code array},
 * {@code object}, {@code any}) and the operation ({@code equals}, {@code gt}, {@code notEmpty}...).
 *
 * @param type        the left value's type
 * @param operation   the comparison
 * @param displayName as the editor shows it ("is greater than")
 * @param singleValue the operation reads no right value
 * @param rightType   the right value's type when it differs from {@code type} (array length: number)
 */
public record FilterOperator(
        String type, String operation, String displayName, boolean singleValue, Optional<String> rightType) {

    /** Every operator, in n8n's order (grouped by type). */
    public static final List<FilterOperator> ALL = catalogue();

    /** {@code "string:equals"}, the form Hearth's own editor stores. */
    public String id() {
        return type + ":" + operation;
    }

    /** The operator of that type and operation, if n8n has it. */
    public static Optional<FilterOperator> find(String type, String operation) {
        for (FilterOperator o : ALL) {
            if (o.type.equals(type) && o.operation.equals(operation)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** The operations n8n offers for a type ({@code any} has only exists and does not exist). */
    public static List<String> operations(String type) {
        return ALL.stream()
                .filter(o -> o.type.equals(type))
                .map(FilterOperator::operation)
                .toList();
    }

    /** The types n8n's filters compare. */
    public static final List<String> TYPES =
            List.of("string", "number", "dateTime", "boolean", "array", "object", "any");

    private static List<FilterOperator> catalogue() {
        List<FilterOperator> all = new ArrayList<>();
        for (String type : List.of("string", "number", "dateTime", "boolean", "array", "object")) {
            single(all, type, "exists", "exists");
            single(all, type, "notExists", "does not exist");
            single(all, type, "empty", "is empty");
            single(all, type, "notEmpty", "is not empty");
            switch (type) {
                case "string" -> {
                    both(all, type, "equals", "is equal to");
                    both(all, type, "notEquals", "is not equal to");
                    both(all, type, "contains", "contains");
                    both(all, type, "notContains", "does not contain");
                    both(all, type, "startsWith", "starts with");
                    both(all, type, "notStartsWith", "does not start with");
                    both(all, type, "endsWith", "ends with");
                    both(all, type, "notEndsWith", "does not end with");
                    both(all, type, "regex", "matches regex");
                    both(all, type, "notRegex", "does not match regex");
                }
                case "number" -> {
                    both(all, type, "equals", "is equal to");
                    both(all, type, "notEquals", "is not equal to");
                    both(all, type, "gt", "is greater than");
                    both(all, type, "lt", "is less than");
                    both(all, type, "gte", "is greater than or equal to");
                    both(all, type, "lte", "is less than or equal to");
                }
                case "dateTime" -> {
                    both(all, type, "equals", "is equal to");
                    both(all, type, "notEquals", "is not equal to");
                    both(all, type, "after", "is after");
                    both(all, type, "before", "is before");
                    both(all, type, "afterOrEquals", "is after or equal to");
                    both(all, type, "beforeOrEquals", "is before or equal to");
                }
                case "boolean" -> {
                    single(all, type, "true", "is true");
                    single(all, type, "false", "is false");
                    both(all, type, "equals", "is equal to");
                    both(all, type, "notEquals", "is not equal to");
                }
                case "array" -> {
                    all.add(new FilterOperator(type, "contains", "contains", false, Optional.of("any")));
                    all.add(new FilterOperator(type, "notContains", "does not contain", false, Optional.of("any")));
                    all.add(new FilterOperator(type, "lengthEquals", "length equal to", false, Optional.of("number")));
                    all.add(new FilterOperator(
                            type, "lengthNotEquals", "length not equal to", false, Optional.of("number")));
                    all.add(new FilterOperator(type, "lengthGt", "length greater than", false, Optional.of("number")));
                    all.add(new FilterOperator(type, "lengthLt", "length less than", false, Optional.of("number")));
                    all.add(new FilterOperator(
                            type, "lengthGte", "length greater than or equal to", false, Optional.of("number")));
                    all.add(new FilterOperator(
                            type, "lengthLte", "length less than or equal to", false, Optional.of("number")));
                }
                default -> {}
            }
        }
        single(all, "any", "exists", "exists");
        single(all, "any", "notExists", "does not exist");
        return List.copyOf(all);
    }

    private static void single(List<FilterOperator> all, String type, String operation, String name) {
        all.add(new FilterOperator(type, operation, name, true, Optional.empty()));
    }

    private static void both(List<FilterOperator> all, String type, String operation, String name) {
        all.add(new FilterOperator(type, operation, name, false, Optional.empty()));
    }
}
