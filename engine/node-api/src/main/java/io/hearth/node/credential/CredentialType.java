package io.hearth.node.credential;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A kind of credential, e.g. "Home Assistant API". Stateless; found with {@link java.util.ServiceLoader}. */
public interface CredentialType {

    CredentialDescription description();

    /**
     * Turns what a user typed into canonical values before validation and storage (e.g. a host
     * pasted as {@code https://ha.local:8443/} becomes host, port and SSL). Default: unchanged.
     */
    default CredentialData normalize(CredentialData data) {
        return data;
    }

    /** Field-level problems with the (normalised) values; empty when they are acceptable. */
    default List<FieldError> validate(CredentialData data) {
        return List.of();
    }

    /**
     * How this credential authenticates outgoing HTTP requests. Types that declare it can be chosen
     * in HTTP Request's "Predefined Credential Type"; empty for types that do not sign requests.
     */
    default Optional<RequestAuthentication> requestAuthentication() {
        return Optional.empty();
    }

    /** How a user fills this credential by signing in through the browser; empty for types without sign-in. */
    default Optional<BrowserSignIn> browserSignIn() {
        return Optional.empty();
    }

    /** Tries the credential against the remote service. Default: this type has no test. */
    default CompletionStage<CredentialTestResult> test(CredentialData data) {
        return CompletableFuture.completedFuture(CredentialTestResult.unsupported());
    }
}
