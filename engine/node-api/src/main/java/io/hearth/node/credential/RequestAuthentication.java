package io.hearth.node.credential;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How a credential type authenticates outgoing HTTP requests (n8n's {@code authenticate}). A type
 * that declares one ({@link CredentialType#requestAuthentication()}) can be picked in HTTP Request's
 * "Predefined Credential Type" without any code in the node. Implementations only add what the
 * credential holds; secrets never go anywhere else.
 */
@FunctionalInterface
public interface RequestAuthentication {

    void apply(CredentialData credential, OutgoingRequest request);

    /** {@code Authorization: Bearer <field>}. */
    static RequestAuthentication bearer(String tokenField) {
        return (c, r) ->
                r.header("Authorization", "Bearer " + c.secret(tokenField).reveal());
    }

    /** {@code Authorization: Basic base64(user:password)}. */
    static RequestAuthentication basic(String userField, String passwordField) {
        return (c, r) -> r.header(
                "Authorization",
                basicValue(c.string(userField), c.secret(passwordField).reveal()));
    }

    /** A header whose value is a field of the credential. */
    static RequestAuthentication header(String headerName, String valueField) {
        return (c, r) -> r.header(headerName, c.secret(valueField).reveal());
    }

    /** A header whose name and value are both fields of the credential (n8n's Header Auth). */
    static RequestAuthentication headerNamedBy(String nameField, String valueField) {
        return (c, r) -> r.header(c.string(nameField), c.secret(valueField).reveal());
    }

    /** A query parameter whose name and value are fields of the credential (n8n's Query Auth). */
    static RequestAuthentication queryNamedBy(String nameField, String valueField) {
        return (c, r) ->
                r.queryParameter(c.string(nameField), c.secret(valueField).reveal());
    }

    /** The value of a Basic {@code Authorization} header. */
    static String basicValue(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
