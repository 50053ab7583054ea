package io.hearth.credentials;

/** No credential has this id. */
public final class CredentialNotFoundException extends CredentialException {

    private final String id;

    public CredentialNotFoundException(String id) {
        super("No credential with id " + id);
        this.id = id;
    }

    public String id() {
        return id;
    }
}
