package dev.partnerauth.settings;

import dev.partnerauth.testing.JdbcStoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on PostgreSQL, in a schema of its own with the shipped schema applied. */
class JdbcSettingsStorePostgresTest extends SettingsStoreContract {
    @RegisterExtension
    static final JdbcStoreFixture<SettingsStore> db = JdbcStoreFixture.postgres(JdbcSettingsStore::new);

    @Override
    protected SettingsStore store() {
        return db.store();
    }
}
