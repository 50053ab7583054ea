package io.hearth.credentials;

/** Test seams inside a key rotation, to inject failures at exact points. */
interface RotationHooks {

    RotationHooks NONE = new RotationHooks() {};

    /** After {@code done} rows were re-encrypted inside the (uncommitted) transaction. */
    default void afterRowReEncrypted(int done) {}

    /** After the transaction committed, before the key file is moved into place. */
    default void afterCommit() {}
}
