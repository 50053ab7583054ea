package io.hearth.credentials;

/** No installed plugin provides this credential type. */
public final class UnknownCredentialTypeException extends CredentialException {

    private final String type;

    public UnknownCredentialTypeException(String type) {
        super("Unknown credential type '" + type + "': no installed plugin provides it");
        this.type = type;
    }

    public String type() {
        return type;
    }
}
