package io.hearth.credentials;

import java.util.Set;
import javax.sql.DataSource;

/** The distinct {@code key_id}s in the {@code credentials} table: which master keys the stored data needs. */
@FunctionalInterface
public interface StoredKeyIds {

    Set<String> keyIdsInUse();

    static StoredKeyIds in(DataSource dataSource) {
        CredentialRepository repository = new CredentialRepository(dataSource);
        return repository::keyIdsInUse;
    }
}
