/**
 * Credentials: named instances of a {@link io.hearth.node.credential.CredentialType}, stored encrypted in the
 * {@code credentials} table and referenced by id from workflow nodes.
 * <p>
 * Start-up, as the server wires it (no Spring in this module):
 * <pre>{@code
 * MasterKeyProvider keys = new MasterKeyProvider(dataDir);              // HEARTH_ENCRYPTION_KEY or <dataDir>/encryption.key
 * MasterKey key = keys.load(StoredKeyIds.in(dataSource));
 * CredentialStore store = new CredentialStore(dataSource, key);
 * store.verifyKey();                                                    // refuses a wrong key, changes nothing
 * CredentialService credentials = new CredentialService(store, registry::credentialType);
 * KeyRotation rotation = new KeyRotation(store, keys);
 * }</pre>
 * <ul>
 *   <li>{@link io.hearth.credentials.CredentialService}: create, update, get, list, rename, delete, test, and
 *       {@code decrypt} for the runtime. Secrets are write-only: reads mask them.</li>
 *   <li>{@link io.hearth.credentials.CredentialStore}: Jasypt encryption at rest and the start-up key check.</li>
 *   <li>{@link io.hearth.credentials.MasterKeyProvider} / {@link io.hearth.credentials.MasterKey}: where the key
 *       comes from.</li>
 *   <li>{@link io.hearth.credentials.KeyRotation}: re-encrypts everything with a new key, all or nothing.</li>
 *   <li>{@link io.hearth.common.SecretRedactor}: removes secret values from logs, errors and execution data.</li>
 * </ul>
 * No method returns {@code null}; absent values are {@link java.util.Optional} or empty collections.
 */
package io.hearth.credentials;
