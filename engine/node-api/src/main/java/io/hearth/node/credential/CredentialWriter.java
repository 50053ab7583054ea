package io.hearth.node.credential;

/**
 * Writes back a value a plugin obtained while using a credential — a refreshed access token of "Sign in with
 * Home Assistant" — so that it outlives the process. Compare-and-set: when the stored value is no longer the
 * one the plugin started from (the user signed in again or disconnected meanwhile), nothing is written.
 * Credentials read from Hearth's store carry one ({@link CredentialData#writer()}); others carry {@link #NONE}.
 */
@FunctionalInterface
public interface CredentialWriter {

    /** Writes nothing: a credential that is not stored (a credential test, a test kit). */
    CredentialWriter NONE = (field, expected, value) -> false;

    /**
     * Stores {@code value} in the secret {@code field} if it still holds {@code expected}; whether it did.
     * Blocks (a database write): call it off the event loop.
     */
    boolean replace(String field, String expected, String value);
}
