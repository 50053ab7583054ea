package io.hearth.node.description;

import java.util.List;

/** A group of a fixed collection: the fields of one repeatable entry ("Attribute": name + value). */
public record FieldGroup(String name, String displayName, List<Parameter> fields) {

    public FieldGroup {
        fields = List.copyOf(fields);
    }
}
