package dev.partnerauth.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.key.AuthenticationKey;
import dev.partnerauth.key.JdbcKeyStore;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.key.StoredKey;
import dev.partnerauth.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MariaDB has no timestamp with time zone: the stores keep UTC in DATETIME(6), so two nodes whose
 * JVMs run in different time zones read the same instant (Connector/J shifts an OffsetDateTime
 * into the JVM's zone, which would store New York's wall clock on one node and Berlin's on another).
 */
class MariaDbInstantsTest {
    private static final Instant T0 = Instant.parse("2030-03-31T01:30:00.123456Z"); // a DST change in Europe
    private DataSource ds;
    private TimeZone original;

    @BeforeEach
    void database() {
        ds = TestDatabases.mariaDbWithSchema();
        original = TimeZone.getDefault();
    }

    @AfterEach
    void restore() {
        TimeZone.setDefault(original);
        TestDatabases.drop(ds);
    }

    @Test
    void instantWhenWrittenFromNewYorkThenStoredAsUtcAndReadTheSameFromBerlin() throws Exception {
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        new JdbcKeyStore(ds).insert(new StoredKey(new AuthenticationKey(new KeyId("AAAAAAAAAAA1"),
                new PartnerId("prt_testpartner0"), "Key", IpAllowlist.parse(List.of("10.0.0.0/8")), T0, null, null),
                new byte[32]));

        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CAST(created_at AS CHAR) FROM partner_auth_keys")) {
            rs.next();
            assertEquals("2030-03-31 01:30:00.123456", rs.getString(1));
        }
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        assertEquals(T0, new JdbcKeyStore(ds).find(new KeyId("AAAAAAAAAAA1")).orElseThrow().metadata().createdAt());
    }
}
