package dev.partnerauth.token;

import dev.partnerauth.testing.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The contract on an in-memory H2 database with the shipped schema. */
class JdbcGrantStoreH2Test extends OneTimeGrantStoreContract {
    private DataSource ds;
    private OneTimeGrantStore store;

    @BeforeEach
    void setUp() {
        ds = TestDatabases.h2WithSchema();
        store = new JdbcGrantStore(ds);
    }

    @AfterEach
    void tearDown() {
        TestDatabases.drop(ds);
    }

    @Override
    protected OneTimeGrantStore store() {
        return store;
    }
}
