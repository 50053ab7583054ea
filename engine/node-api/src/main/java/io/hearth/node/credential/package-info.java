/**
 * Credential types: the fields a credential has (secret ones marked), how to normalise and check
 * what a user typed, and how to test it against the remote service. Values reach nodes decrypted,
 * in memory only, as {@link io.hearth.node.credential.CredentialData}; secrets as
 * {@link io.hearth.node.credential.Secret}, whose {@code toString()} never shows the value.
 */
package io.hearth.node.credential;
