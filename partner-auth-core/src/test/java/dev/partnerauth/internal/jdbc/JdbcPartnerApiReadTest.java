package dev.partnerauth.internal.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.crm.CrmSystem;
import dev.partnerauth.internal.cache.ComposedRead;
import dev.partnerauth.key.AuthenticationKey;
import dev.partnerauth.key.JdbcKeyStore;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.key.StoredKey;
import dev.partnerauth.settings.AuthenticatorSettings;
import dev.partnerauth.settings.JdbcSettingsStore;
import dev.partnerauth.testing.TestDatabases;
import dev.partnerauth.user.JdbcPartnerUserStore;
import dev.partnerauth.user.UserInformation;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The composed read answers, in one statement, exactly what the settings, key and user stores'
 * own reads answer, with absent parts absent, and a user only as the key's partner's. On H2,
 * PostgreSQL and MariaDB (whose {@code user_id} is bytes).
 */
class JdbcPartnerApiReadTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00.123456Z");
    private static final PartnerId ACME = new PartnerId("prt_acmepartner0");
    private static final PartnerId OTHER = new PartnerId("prt_otherpartner");
    private static final KeyId ID = new KeyId("AAAAAAAAAAA1");

    enum Database { H2, POSTGRESQL, MARIADB }

    private DataSource db;

    @AfterEach
    void drop() {
        if (db != null) {
            TestDatabases.drop(db);
        }
    }

    private DataSource database(Database which) {
        db = switch (which) {
            case H2 -> TestDatabases.h2WithSchema();
            case POSTGRESQL -> TestDatabases.postgresWithSchema();
            case MARIADB -> TestDatabases.mariaDbWithSchema();
        };
        return db;
    }

    private static StoredKey key(KeyId id, PartnerId partner) {
        byte[] hash = new byte[32];
        Arrays.fill(hash, (byte) 7);
        return new StoredKey(new AuthenticationKey(id, partner, "Acme PRM",
                IpAllowlist.parse(List.of("203.0.113.0/24", "2001:db8::/32")), T0, T0.plusSeconds(3600),
                T0.plusSeconds(60)), hash);
    }

    private static UserInformation user(String userId, String name) {
        return new UserInformation(userId, "login", "u@partner.example", name, "Sales", "+1", null, "+2", "Acme",
                "Main St", "New York", "NY", "USA", "10001", "https://img.example/u.png");
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void readWhenAllThreeStoredThenEachAsItsStoreReadsIt(Database which) {
        DataSource ds = database(which);
        JdbcSettingsStore settings = new JdbcSettingsStore(ds);
        JdbcKeyStore keys = new JdbcKeyStore(ds);
        JdbcPartnerUserStore users = new JdbcPartnerUserStore(ds);
        settings.put(new AuthenticatorSettings(true, CrmSystem.DYNAMICS, List.of("https://prm.example.com", "https://prm2.example.com:8443")));
        keys.insert(key(ID, ACME));
        users.upsert(ACME, user("u-1", "User One"), T0);
        users.setActive(ACME, "u-1", false);

        ComposedRead.Found found = new JdbcPartnerApiRead(ds, StoreDatabase.DEFAULT_QUERY_TIMEOUT).read(ID, "u-1");

        assertEquals(settings.get(), found.settings());
        assertEquals(keys.find(ID).orElseThrow(), found.key());
        assertEquals(users.find(ACME, "u-1").orElseThrow(), found.user());
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void readWhenNothingStoredThenInitialSettingsAndNoKeyNoUser(Database which) {
        ComposedRead.Found found = new JdbcPartnerApiRead(database(which), StoreDatabase.DEFAULT_QUERY_TIMEOUT).read(ID, "u-1");

        assertEquals(AuthenticatorSettings.INITIAL, found.settings());
        assertNull(found.key());
        assertNull(found.user());
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void readWhenOnlyAnotherPartnerHasTheUserIdThenNoUser(Database which) {
        DataSource ds = database(which);
        new JdbcKeyStore(ds).insert(key(ID, ACME));
        new JdbcKeyStore(ds).insert(key(new KeyId("AAAAAAAAAAA2"), OTHER));
        new JdbcPartnerUserStore(ds).upsert(OTHER, user("u-1", "Other's user"), T0);

        ComposedRead.Found found = new JdbcPartnerApiRead(ds, StoreDatabase.DEFAULT_QUERY_TIMEOUT).read(ID, "u-1");

        assertEquals(ACME, found.key().metadata().partnerId());
        assertNull(found.user(), "another partner's user of the same id is not this key's");
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void readWhenUserIdDiffersInCaseOrTrailingSpaceThenNoUser(Database which) {
        DataSource ds = database(which);
        new JdbcKeyStore(ds).insert(key(ID, ACME));
        new JdbcPartnerUserStore(ds).upsert(ACME, user("u-1", "User One"), T0);
        JdbcPartnerApiRead read = new JdbcPartnerApiRead(ds, StoreDatabase.DEFAULT_QUERY_TIMEOUT);

        assertNull(read.read(ID, "U-1").user());
        assertNull(read.read(ID, "u-1 ").user());
        assertEquals("u-1", read.read(ID, "u-1").user().userId());
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void readWhenNoUserAskedOrNoKeyThenNoUser(Database which) {
        DataSource ds = database(which);
        new JdbcKeyStore(ds).insert(key(ID, ACME));
        new JdbcPartnerUserStore(ds).upsert(ACME, user("u-1", "User One"), T0);
        JdbcPartnerApiRead read = new JdbcPartnerApiRead(ds, StoreDatabase.DEFAULT_QUERY_TIMEOUT);

        assertNull(read.read(ID, null).user());
        assertNull(read.read(new KeyId("AAAAAAAAAAA9"), "u-1").user());
    }

    /** As {@code HotStatementIndexTest}: with sequential scans priced out, PostgreSQL still plans no scan. */
    @Test
    void planOnPostgresqlWhenSequentialScansPricedOutThenEveryJoinUsesAnIndex() throws Exception {
        DataSource ds = database(Database.POSTGRESQL);
        String sql = JdbcPartnerApiRead.SQL.replaceFirst("\\?", "'AAAAAAAAAAA1'").replaceFirst("\\?", "'u-1'");
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
