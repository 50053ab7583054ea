package io.hearth.node.description;

/**
 * A credential type a node accepts, e.g. {@code homeAssistantApi}. Shown only when its display
 * options match the node's parameters (the Webhook node asks for basic-auth credentials only when
 * authentication is "basicAuth").
 */
public record CredentialRequirement(String type, boolean required, DisplayOptions displayOptions) {

    public static CredentialRequirement required(String type) {
        return new CredentialRequirement(type, true, DisplayOptions.ALWAYS);
    }

    public static CredentialRequirement when(String type, DisplayOptions displayOptions) {
        return new CredentialRequirement(type, true, displayOptions);
    }
}
