package dev.partnerauth.key;

import dev.partnerauth.testing.JdbcStoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on PostgreSQL, in a schema of its own with the shipped schema applied. */
class JdbcKeyStorePostgresTest extends KeyStoreContract {
    @RegisterExtension
    static final JdbcStoreFixture<KeyStore> db = JdbcStoreFixture.postgres(JdbcKeyStore::new);

    @Override
    protected KeyStore store() {
        return db.store();
    }
}
