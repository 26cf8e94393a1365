package dev.partnerauth.token;

import dev.partnerauth.testing.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The contract on an in-memory H2 database with the shipped schema. */
class JdbcSigningKeyStoreH2Test extends SigningKeyStoreContract {
    private DataSource ds;
    private SigningKeyStore store;

    @BeforeEach
    void setUp() {
        ds = TestDatabases.h2WithSchema();
        store = new JdbcSigningKeyStore(ds);
    }

    @AfterEach
    void tearDown() {
        TestDatabases.drop(ds);
    }

    @Override
    protected SigningKeyStore store() {
        return store;
    }

    @Override
    protected SigningKeyStore anotherNode() {
        return new JdbcSigningKeyStore(ds);
    }
}
