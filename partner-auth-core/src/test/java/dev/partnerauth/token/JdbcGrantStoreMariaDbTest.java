package dev.partnerauth.token;

import dev.partnerauth.internal.jdbc.JdbcGrantStore;
import dev.partnerauth.testing.JdbcStoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on MariaDB, in a database of its own with the shipped schema applied. */
class JdbcGrantStoreMariaDbTest extends OneTimeGrantStoreContract {
    @RegisterExtension
    static final JdbcStoreFixture<OneTimeGrantStore> db = JdbcStoreFixture.mariaDb(JdbcGrantStore::new);

    @Override
    protected OneTimeGrantStore store() {
        return db.store();
    }
}
