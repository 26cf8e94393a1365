package dev.partnerauth.settings;

import dev.partnerauth.testing.JdbcStoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on MariaDB, in a database of its own with the shipped schema applied. */
class JdbcSettingsStoreMariaDbTest extends SettingsStoreContract {
    @RegisterExtension
    static final JdbcStoreFixture<SettingsStore> db = JdbcStoreFixture.mariaDb(JdbcSettingsStore::new);

    @Override
    protected SettingsStore store() {
        return db.store();
    }
}
