package io.hearth.runtime.workflow;

/** A problem with one field of a submitted document: {@code nodes[2].parameters.entityId: required}. */
public record FieldProblem(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
