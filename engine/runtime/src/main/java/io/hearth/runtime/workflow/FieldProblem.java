package io.hearth.runtime.workflow;

/**
 * A problem with one field of a submitted document: {@code nodes[2].parameters.entityId: required}.
 *
 * @param text the problem as the user sees it in the editor ({@code Home Assistant → Entity is required});
 *             {@code path: message} where nothing better is known
 */
public record FieldProblem(String path, String message, String text) {

    public FieldProblem(String path, String message) {
        this(path, message, path + ": " + message);
    }

    @Override
    public String toString() {
        return text;
    }
}
