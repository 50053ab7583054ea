package io.hearth.expression;

import java.util.Collection;
import java.util.List;

/**
 * A host object exposed to expressions ({@code $input}, {@code $node["X"]}, {@code $workflow}...).
 * Names in the sandbox deny-list ({@code constructor}, {@code __proto__}...) are refused before
 * {@link #get} is called.
 */
public interface ExpressionObject {

    /** The property value, or {@link Undefined#INSTANCE} for an unknown property. */
    Object get(String property);

    /** The enumerable properties, used by {@code Object.keys} and when converting to JSON. */
    default Collection<String> keys() {
        return List.of();
    }
}
