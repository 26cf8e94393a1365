package dev.partnerauth.settings;

import dev.partnerauth.testing.JdbcStoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on an in-memory H2 database with the shipped schema. */
class JdbcSettingsStoreH2Test extends SettingsStoreContract {
    @RegisterExtension
    static final JdbcStoreFixture<SettingsStore> db = JdbcStoreFixture.h2(JdbcSettingsStore::new);

    @Override
    protected SettingsStore store() {
        return db.store();
    }
}
