package io.hearth.node.description;

/**
 * A credential type a node accepts, e.g. {@code homeAssistantApi}. Shown only when its display
 * options match the node's parameters (the Webhook node asks for basic-auth credentials only when
 * authentication is "basicAuth").
 */
public record CredentialRequirement(String type, boolean required, DisplayOptions displayOptions) {

    /**
     * Stands for every credential type that declares how it authenticates HTTP requests
     * ({@link io.hearth.node.credential.CredentialType#requestAuthentication()}): HTTP Request's
     * "Predefined Credential Type". Such credentials reach the node only through
     * {@link io.hearth.node.NodeExecutionContext#requestCredential(String)}.
     */
    public static final String ANY_REQUEST_AUTHENTICATION = "*requestAuthentication";

    /** Any credential type that declares request authentication, when the display options match. */
    public static CredentialRequirement anyRequestAuthentication(DisplayOptions displayOptions) {
        return new CredentialRequirement(ANY_REQUEST_AUTHENTICATION, true, displayOptions);
    }

    public boolean isAnyRequestAuthentication() {
        return ANY_REQUEST_AUTHENTICATION.equals(type);
    }

    public static CredentialRequirement required(String type) {
        return new CredentialRequirement(type, true, DisplayOptions.ALWAYS);
    }

    public static CredentialRequirement when(String type, DisplayOptions displayOptions) {
        return new CredentialRequirement(type, true, displayOptions);
    }
}
