package dev.partnerauth.user;

import dev.partnerauth.testing.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The contract on PostgreSQL, in a schema of its own with the shipped schema applied. */
class JdbcPartnerUserStorePostgresTest extends PartnerUserStoreContract {
    private static DataSource ds;
    private PartnerUserStore store;

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
        store = new JdbcPartnerUserStore(ds);
    }

    @Override
    protected PartnerUserStore store() {
        return store;
    }
}
