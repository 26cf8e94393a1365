package dev.partnerauth.settings;

import dev.partnerauth.testing.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The contract on an in-memory H2 database with the shipped schema. */
class JdbcSettingsStoreH2Test extends SettingsStoreContract {
    private DataSource ds;
    private SettingsStore store;

    @BeforeEach
    void setUp() {
        ds = TestDatabases.h2WithSchema();
        store = new JdbcSettingsStore(ds);
    }

    @AfterEach
    void tearDown() {
        TestDatabases.drop(ds);
    }

    @Override
    protected SettingsStore store() {
        return store;
    }
}
