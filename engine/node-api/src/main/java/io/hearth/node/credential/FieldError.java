package io.hearth.node.credential;

/** A problem with one field of a form: {@code host: must not contain a path}. */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
