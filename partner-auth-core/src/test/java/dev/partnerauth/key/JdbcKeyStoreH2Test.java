package dev.partnerauth.key;

import dev.partnerauth.testing.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The contract on an in-memory H2 database with the shipped schema. */
class JdbcKeyStoreH2Test extends KeyStoreContract {
    private DataSource ds;
    private KeyStore store;

    @BeforeEach
    void setUp() {
        ds = TestDatabases.h2WithSchema();
        store = new JdbcKeyStore(ds);
    }

    @AfterEach
    void tearDown() {
        TestDatabases.drop(ds);
    }

    @Override
    protected KeyStore store() {
        return store;
    }
}
