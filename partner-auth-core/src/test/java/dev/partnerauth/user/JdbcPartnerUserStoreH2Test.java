package dev.partnerauth.user;

import dev.partnerauth.testing.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The contract on an in-memory H2 database with the shipped schema. */
class JdbcPartnerUserStoreH2Test extends PartnerUserStoreContract {
    private DataSource ds;
    private PartnerUserStore store;

    @BeforeEach
    void setUp() {
        ds = TestDatabases.h2WithSchema();
        store = new JdbcPartnerUserStore(ds);
    }

    @AfterEach
    void tearDown() {
        TestDatabases.drop(ds);
    }

    @Override
    protected PartnerUserStore store() {
        return store;
    }
}
