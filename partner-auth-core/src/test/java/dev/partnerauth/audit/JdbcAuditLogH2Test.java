package dev.partnerauth.audit;

import dev.partnerauth.testing.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The contract on an in-memory H2 database with the shipped schema. */
class JdbcAuditLogH2Test extends JdbcAuditLogContract {
    private DataSource ds;
    private JdbcAuditLog log;

    @BeforeEach
    void setUp() {
        ds = TestDatabases.h2WithSchema();
        log = new JdbcAuditLog(ds);
    }

    @AfterEach
    void tearDown() {
        TestDatabases.drop(ds);
    }

    @Override
    protected JdbcAuditLog log() {
        return log;
    }
}
