package dev.partnerauth.key;

import dev.partnerauth.testing.JdbcStoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on MariaDB, in a database of its own with the shipped schema applied. */
class JdbcKeyStoreMariaDbTest extends KeyStoreContract {
    @RegisterExtension
    static final JdbcStoreFixture<KeyStore> db = JdbcStoreFixture.mariaDb(JdbcKeyStore::new);

    @Override
    protected KeyStore store() {
        return db.store();
    }
}
