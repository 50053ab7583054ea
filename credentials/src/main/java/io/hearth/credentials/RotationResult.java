package io.hearth.credentials;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a completed key rotation did.
 *
 * @param reEncrypted     how many credentials were re-encrypted
 * @param previousKeyId   the key id they were encrypted with before
 * @param newKeyId        the key id they are encrypted with now
 * @param previousKeyFile where the replaced key file was kept (key-file keys only)
 * @param operatorAdvice  what the operator must do now, for the log or the CLI
 */
public record RotationResult(
        int reEncrypted,
        String previousKeyId,
        String newKeyId,
        Optional<Path> previousKeyFile,
        String operatorAdvice) {}
