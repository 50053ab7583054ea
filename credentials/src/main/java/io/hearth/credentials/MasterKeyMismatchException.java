package io.hearth.credentials;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The master key cannot decrypt some stored credentials: Hearth was started with the wrong key. Thrown by
 * {@link CredentialStore#verifyKey()}, which changes nothing.
 */
public final class MasterKeyMismatchException extends CredentialException {

    private final int undecryptable;
    private final String currentKeyId;
    private final Set<String> storedKeyIds;

    MasterKeyMismatchException(
            MasterKey key, int undecryptable, int total, Set<String> storedKeyIds, List<String> examples) {
        super(message(key, undecryptable, total, storedKeyIds, examples));
        this.undecryptable = undecryptable;
        this.currentKeyId = key.keyId();
        this.storedKeyIds = Set.copyOf(storedKeyIds);
    }

    private static String message(
            MasterKey key, int undecryptable, int total, Set<String> storedKeyIds, List<String> examples) {
        Set<String> others = new TreeSet<>(storedKeyIds);
        others.remove(key.keyId());
        String expected = others.isEmpty()
                ? "the stored data does not decrypt with it"
                : "expected " + String.join(" or ", others);
        return "The encryption key from " + key.source().describe() + " cannot decrypt " + undecryptable + " of "
                + total + " stored credential" + (total == 1 ? "" : "s") + " (key id " + key.keyId() + ", "
                + expected + "; e.g. " + String.join(", ", examples) + "). Start with the key that encrypted them: "
                + key.source().howToUseTheRightKey() + ". Nothing was changed.";
    }

    public int undecryptable() {
        return undecryptable;
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    /** The distinct key ids found in the {@code credentials} table. */
    public Set<String> storedKeyIds() {
        return storedKeyIds;
    }
}
