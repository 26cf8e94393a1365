package dev.partnerauth.jdbc;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.partnerauth.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every statement on a request path, or one that runs against a growing table, can be answered
 * from an index: with sequential scans priced out, PostgreSQL's plan still avoids them.
 */
class HotStatementIndexTest {
    private static DataSource ds;

    @BeforeAll
    static void createSchema() {
        ds = TestDatabases.postgresWithSchema();
    }

    @AfterAll
    static void dropSchema() {
        TestDatabases.drop(ds);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM partner_auth_keys WHERE id = 'AAAAAAAAAAA1'",
        "UPDATE partner_auth_keys SET last_used_at = now() WHERE id = 'AAAAAAAAAAA1'",
        "SELECT * FROM partner_auth_settings WHERE id = 1",
        "SELECT * FROM partner_auth_users WHERE user_id = 'u-1'",
        "DELETE FROM partner_auth_grants WHERE kind = 'ACCESS_TOKEN' AND digest = '\\x00'::bytea RETURNING *",
        "DELETE FROM partner_auth_grants WHERE key_id = 'AAAAAAAAAAA1'",
        "DELETE FROM partner_auth_grants WHERE (kind, digest) IN"
                + " (SELECT kind, digest FROM partner_auth_grants WHERE expires_at <= now() LIMIT 1000)",
        "SELECT * FROM partner_auth_audit_events ORDER BY at DESC, id DESC LIMIT 50",
        "DELETE FROM partner_auth_audit_events WHERE id IN"
                + " (SELECT id FROM partner_auth_audit_events WHERE at < now() ORDER BY at LIMIT 1000)"
    })
    void planWhenSequentialScansPricedOutThenUsesAnIndex(String sql) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            try (ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            } finally {
                s.execute("RESET enable_seqscan");
            }
        }
        assertFalse(plan.toString().contains("Seq Scan"), plan::toString);
    }
}
