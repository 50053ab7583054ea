package io.hearth.runtime.workflow;

/**
 * A node's reference to a stored credential, as in n8n: {@code {"id": "7", "name": "My HA"}}. Older
 * n8n exports give only the name ({@code "homeAssistantApi": "My HA"}); such a reference is resolved
 * by name among the credentials of its type, and exported back as it came.
 *
 * @param id     the credential's id; empty when the document gave none
 * @param name   the credential's name as the document gave it
 * @param asText the document gave the name alone, as a string
 */
public record CredentialRef(String id, String name, boolean asText) {

    public CredentialRef {
        id = id == null ? "" : id;
        name = name == null ? "" : name;
    }

    public CredentialRef(String id, String name) {
        this(id, name, false);
    }

    /** A reference by name only. */
    public static CredentialRef byName(String name) {
        return new CredentialRef("", name, true);
    }

    public boolean hasId() {
        return !id.isBlank();
    }
}
