package dev.partnerauth.token;

import dev.partnerauth.internal.jdbc.JdbcGrantStore;
import dev.partnerauth.testing.JdbcStoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on an in-memory H2 database with the shipped schema. */
class JdbcGrantStoreH2Test extends OneTimeGrantStoreContract {
    @RegisterExtension
    static final JdbcStoreFixture<OneTimeGrantStore> db = JdbcStoreFixture.h2(JdbcGrantStore::new);

    @Override
    protected OneTimeGrantStore store() {
        return db.store();
    }
}
