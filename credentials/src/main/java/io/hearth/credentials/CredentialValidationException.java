package io.hearth.credentials;

import io.hearth.node.credential.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The submitted credential is not acceptable. Field paths are those of the API body: {@code name},
 * {@code type}, {@code data.<field>}.
 */
public final class CredentialValidationException extends CredentialException {

    private final List<FieldError> errors;

    public CredentialValidationException(List<FieldError> errors) {
        super("Invalid credential: " + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
