package dev.partnerauth.user;

import dev.partnerauth.testing.JdbcStoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on MariaDB, in a database of its own with the shipped schema applied. */
class JdbcPartnerUserStoreMariaDbTest extends PartnerUserStoreContract {
    @RegisterExtension
    static final JdbcStoreFixture<PartnerUserStore> db = JdbcStoreFixture.mariaDb(JdbcPartnerUserStore::new);

    @Override
    protected PartnerUserStore store() {
        return db.store();
    }
}
