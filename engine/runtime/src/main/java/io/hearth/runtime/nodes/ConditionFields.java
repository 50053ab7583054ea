package io.hearth.runtime.nodes;

import io.hearth.node.description.Parameter;
import java.util.List;

/** The form fields of one condition, shared by If and Switch. */
final class ConditionFields {

    private ConditionFields() {}

    static List<Parameter> fields() {
        return List.of(
                Parameter.string("leftValue")
                        .displayName("Value 1")
                        .placeholder("{{ $json.status }}")
                        .build(),
                Parameter.options("operator", Conditions.OPERATORS.toArray(new io.hearth.node.description.Option[0]))
                        .displayName("Operation")
                        .defaultValue("string:equals")
                        .build(),
                Parameter.string("rightValue")
                        .displayName("Value 2")
                        .hide(
                                "operator",
                                "string:empty",
                                "string:notEmpty",
                                "boolean:true",
                                "boolean:false",
                                "array:empty",
                                "array:notEmpty",
                                "any:exists",
                                "any:notExists")
                        .build());
    }
}
