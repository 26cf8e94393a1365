package dev.partnerauth.audit;

import dev.partnerauth.testing.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The contract on PostgreSQL, in a schema of its own with the shipped schema applied. */
class JdbcAuditLogPostgresTest extends JdbcAuditLogContract {
    private static DataSource ds;
    private JdbcAuditLog log;

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
        log = new JdbcAuditLog(ds);
    }

    @Override
    protected JdbcAuditLog log() {
        return log;
    }
}
