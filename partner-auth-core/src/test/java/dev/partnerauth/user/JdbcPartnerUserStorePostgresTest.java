package dev.partnerauth.user;

import dev.partnerauth.testing.JdbcStoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on PostgreSQL, in a schema of its own with the shipped schema applied. */
class JdbcPartnerUserStorePostgresTest extends PartnerUserStoreContract {
    @RegisterExtension
    static final JdbcStoreFixture<PartnerUserStore> db = JdbcStoreFixture.postgres(JdbcPartnerUserStore::new);

    @Override
    protected PartnerUserStore store() {
        return db.store();
    }
}
