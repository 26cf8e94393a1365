package dev.partnerauth.key;

import dev.partnerauth.testing.JdbcStoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on an in-memory H2 database with the shipped schema. */
class JdbcKeyStoreH2Test extends KeyStoreContract {
    @RegisterExtension
    static final JdbcStoreFixture<KeyStore> db = JdbcStoreFixture.h2(JdbcKeyStore::new);

    @Override
    protected KeyStore store() {
        return db.store();
    }
}
