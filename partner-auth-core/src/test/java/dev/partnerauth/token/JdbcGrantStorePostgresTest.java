package dev.partnerauth.token;

import dev.partnerauth.internal.jdbc.JdbcGrantStore;
import dev.partnerauth.testing.JdbcStoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on PostgreSQL, in a schema of its own with the shipped schema applied. */
class JdbcGrantStorePostgresTest extends OneTimeGrantStoreContract {
    @RegisterExtension
    static final JdbcStoreFixture<OneTimeGrantStore> db = JdbcStoreFixture.postgres(JdbcGrantStore::new);

    @Override
    protected OneTimeGrantStore store() {
        return db.store();
    }
}
