package dev.partnerauth.settings;

import dev.partnerauth.testing.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The contract on PostgreSQL, in a schema of its own with the shipped schema applied. */
class JdbcSettingsStorePostgresTest extends SettingsStoreContract {
    private static DataSource ds;
    private SettingsStore store;

    @BeforeAll
    static void createSchema() {
        ds = TestDatabases.postgresWithSchema();
    }

    @AfterAll
    static void dropSchema() {
        TestDatabases.drop(ds);
    }

    @BeforeEach
    void setUp() {
        TestDatabases.deleteAllRows(ds);
        store = new JdbcSettingsStore(ds);
    }

    @Override
    protected SettingsStore store() {
        return store;
    }
}
