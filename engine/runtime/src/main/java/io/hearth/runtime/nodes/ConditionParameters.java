package io.hearth.runtime.nodes;

import io.hearth.node.description.Condition;
import io.hearth.node.description.Parameter;
import java.util.List;

/** The parameters If and Filter share (v2.3): the conditions, "Convert types where required" and Ignore Case. */
final class ConditionParameters {

    static final List<Parameter> ALL = List.of(
            Parameter.filter("conditions")
                    .displayName("Conditions")
                    .placeholder("Add Condition")
                    .build(),
            Parameter.bool("looseTypeValidation")
                    .displayName("Convert types where required")
                    .description("If the type of an expression doesn't match the type of the comparison, convert it"
                            + " where possible: for booleans \"false\" or 0 become false")
                    .show("@version", Condition.of(Condition.Operator.GTE, 2.1))
                    .build(),
            Parameter.collection(
                            "options",
                            "Add option",
                            Parameter.bool("ignoreCase")
                                    .displayName("Ignore Case")
                                    .description("Whether to ignore letter case when evaluating conditions")
                                    .defaultValue(true)
                                    .build())
                    .displayName("Options")
                    .build());

    private ConditionParameters() {}
}
