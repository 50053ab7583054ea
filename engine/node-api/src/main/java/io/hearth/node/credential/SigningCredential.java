package io.hearth.node.credential;

/**
 * A decrypted credential together with the way its type authenticates HTTP requests.
 *
 * @param data           the credential's values
 * @param authentication what its type adds to a request
 */
public record SigningCredential(CredentialData data, RequestAuthentication authentication) {

    /** Adds the credential to the request. */
    public void sign(OutgoingRequest request) {
        authentication.apply(data, request);
    }
}
