package dev.partnerauth.user;

import dev.partnerauth.testing.JdbcStoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on an in-memory H2 database with the shipped schema. */
class JdbcPartnerUserStoreH2Test extends PartnerUserStoreContract {
    @RegisterExtension
    static final JdbcStoreFixture<PartnerUserStore> db = JdbcStoreFixture.h2(JdbcPartnerUserStore::new);

    @Override
    protected PartnerUserStore store() {
        return db.store();
    }
}
