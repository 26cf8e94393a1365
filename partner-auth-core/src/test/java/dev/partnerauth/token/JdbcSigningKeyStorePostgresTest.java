package dev.partnerauth.token;

import dev.partnerauth.testing.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The contract on PostgreSQL, in a schema of its own with the shipped schema applied. */
class JdbcSigningKeyStorePostgresTest extends SigningKeyStoreContract {
    private static DataSource ds;
    private SigningKeyStore store;

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
        store = new JdbcSigningKeyStore(ds);
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
