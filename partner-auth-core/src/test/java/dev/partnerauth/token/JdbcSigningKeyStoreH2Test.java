package dev.partnerauth.token;

import dev.partnerauth.internal.jdbc.JdbcSigningKeyStore;
import dev.partnerauth.testing.JdbcStoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on an in-memory H2 database with the shipped schema. */
class JdbcSigningKeyStoreH2Test extends SigningKeyStoreContract {
    @RegisterExtension
    static final JdbcStoreFixture<SigningKeyStore> db = JdbcStoreFixture.h2(JdbcSigningKeyStore::new);

    @Override
    protected SigningKeyStore store() {
        return db.store();
    }

    @Override
    protected SigningKeyStore anotherNode() {
        return new JdbcSigningKeyStore(db.dataSource());
    }
}
