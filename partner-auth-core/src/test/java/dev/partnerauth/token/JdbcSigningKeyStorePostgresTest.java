package dev.partnerauth.token;

import dev.partnerauth.internal.jdbc.JdbcSigningKeyStore;
import dev.partnerauth.testing.JdbcStoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on PostgreSQL, in a schema of its own with the shipped schema applied. */
class JdbcSigningKeyStorePostgresTest extends SigningKeyStoreContract {
    @RegisterExtension
    static final JdbcStoreFixture<SigningKeyStore> db = JdbcStoreFixture.postgres(JdbcSigningKeyStore::new);

    @Override
    protected SigningKeyStore store() {
        return db.store();
    }

    @Override
    protected SigningKeyStore anotherNode() {
        return new JdbcSigningKeyStore(db.dataSource());
    }
}
