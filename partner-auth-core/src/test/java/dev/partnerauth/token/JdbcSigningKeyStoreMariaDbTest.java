package dev.partnerauth.token;

import dev.partnerauth.internal.jdbc.JdbcSigningKeyStore;
import dev.partnerauth.testing.JdbcStoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on MariaDB, in a database of its own with the shipped schema applied. */
class JdbcSigningKeyStoreMariaDbTest extends SigningKeyStoreContract {
    @RegisterExtension
    static final JdbcStoreFixture<SigningKeyStore> db = JdbcStoreFixture.mariaDb(JdbcSigningKeyStore::new);

    @Override
    protected SigningKeyStore store() {
        return db.store();
    }

    @Override
    protected SigningKeyStore anotherNode() {
        return new JdbcSigningKeyStore(db.dataSource());
    }
}
