package dev.partnerauth.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.audit.AuditEvent;
import dev.partnerauth.audit.JdbcAuditLog;
import dev.partnerauth.key.AuthenticationKey;
import dev.partnerauth.key.JdbcKeyStore;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.testing.TestDatabases;
import dev.partnerauth.token.GrantDigest;
import dev.partnerauth.token.GrantKind;
import dev.partnerauth.internal.jdbc.JdbcGrantStore;
import dev.partnerauth.user.JdbcPartnerUserStore;
import dev.partnerauth.user.PartnerUser;
import dev.partnerauth.user.UserInformation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A database made by the schema of before partners existed (copied unchanged into the test
 * resources) is upgraded by {@link PartnerAuthSchema#apply} without losing a row, on H2 and on
 * PostgreSQL, and a second apply changes nothing.
 */
class PartnerAuthSchemaUpgradeTest {
    private static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");
    private static final String ONLY_KEY = "AAAAAAAAAAA1";
    private static final String OTHER_KEY = "BBBBBBBBBBB2";

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("H2", (Supplier<DataSource>) TestDatabases::h2, "schema-h2-2026-12-01.sql"),
                Arguments.of("PostgreSQL", (Supplier<DataSource>) TestDatabases::freshPostgresSchema,
                        "schema-postgresql-2026-12-01.sql"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void applyWhenOneKeyThenItIsAPartnerAndEveryUserKeptAsItsUser(String name, Supplier<DataSource> fresh,
                                                                   String before) throws Exception {
        DataSource ds = fresh.get();
        try {
            createOldSchema(ds, before);
            insertOldRows(ds, List.of(ONLY_KEY));

            PartnerAuthSchema.apply(ds);
            PartnerAuthSchema.apply(ds);

            PartnerId partner = new PartnerId("prt_" + ONLY_KEY);
            AuthenticationKey key = new JdbcKeyStore(ds).find(new KeyId(ONLY_KEY)).orElseThrow().metadata();
            assertEquals(partner, key.partnerId());
            assertEquals("Acme PRM", key.name());
            JdbcPartnerUserStore users = new JdbcPartnerUserStore(ds);
            PartnerUser ann = users.find(partner, "u-1").orElseThrow();
            assertEquals(new PartnerUser(partner, ann("u-1"), true, T0, T0.plusSeconds(60), T0.plusSeconds(60)), ann);
            assertEquals(List.of("u-1", "u-2"), users.list(null, 10).stream().map(PartnerUser::userId).toList());
            assertTrue(!users.find(partner, "u-2").orElseThrow().enabled(), "a disabled user stays disabled");
            assertSameUserIdOfAnotherPartnerIsAnotherUser(users, partner);
            assertOutstandingGrantsDroppedAndNewOnesKept(ds);
            AuditEvent old = new JdbcAuditLog(ds).recent(10).get(0);
            assertEquals("old event", old.detail());
            assertEquals(null, old.partnerId());
            assertEquals(null, old.actor());
        } finally {
            TestDatabases.drop(ds);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void applyWhenSeveralKeysThenUsersKeptUnderNoKeysPartner(String name, Supplier<DataSource> fresh,
                                                             String before) throws Exception {
        DataSource ds = fresh.get();
        try {
            createOldSchema(ds, before);
            insertOldRows(ds, List.of(ONLY_KEY, OTHER_KEY));

            PartnerAuthSchema.apply(ds);
            PartnerAuthSchema.apply(ds);

            JdbcKeyStore keys = new JdbcKeyStore(ds);
            assertEquals(new PartnerId("prt_" + ONLY_KEY), keys.find(new KeyId(ONLY_KEY)).orElseThrow().metadata().partnerId());
            assertEquals(new PartnerId("prt_" + OTHER_KEY), keys.find(new KeyId(OTHER_KEY)).orElseThrow().metadata().partnerId());
            JdbcPartnerUserStore users = new JdbcPartnerUserStore(ds);
            // nobody can tell whose they were: kept, listed, but no key's partner signs them in
            assertTrue(users.find(new PartnerId("prt_" + ONLY_KEY), "u-1").isEmpty());
            assertTrue(users.find(new PartnerId("prt_" + OTHER_KEY), "u-1").isEmpty());
            PartnerId unassigned = new PartnerId("prt_unassigned00");
            assertEquals(ann("u-1"), users.find(unassigned, "u-1").orElseThrow().information());
            assertEquals(List.of(unassigned, unassigned),
                    users.list(null, 10).stream().map(PartnerUser::partnerId).toList());
        } finally {
            TestDatabases.drop(ds);
        }
    }

    static Stream<Arguments> databasesBeforeSignOut() {
        return Stream.of(
                Arguments.of("H2", (Supplier<DataSource>) TestDatabases::h2, "schema-h2-2026-12-06.sql"),
                Arguments.of("PostgreSQL", (Supplier<DataSource>) TestDatabases::freshPostgresSchema,
                        "schema-postgresql-2026-12-06.sql"));
    }

    /** A database of before sign-out existed: its users are active and never signed out, and can be. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databasesBeforeSignOut")
    void applyWhenDatabaseOfBeforeSignOutThenUsersActiveAndSignOutKept(String name, Supplier<DataSource> fresh,
                                                                     String before) throws Exception {
        DataSource ds = fresh.get();
        try {
            createOldSchema(ds, before);
            PartnerId partner = new PartnerId("prt_" + ONLY_KEY);
            TestDatabases.execute(ds, "INSERT INTO partner_auth_users (partner_id, user_id, login, email, name, enabled,"
                    + " created_at, updated_at, last_sign_in_at) VALUES ('" + partner.value() + "', 'u-1', 'ann',"
                    + " 'ann@partner.example', 'Ann', FALSE, TIMESTAMP WITH TIME ZONE '2026-11-30 09:00:00+00',"
                    + " TIMESTAMP WITH TIME ZONE '2026-11-30 09:00:00+00', TIMESTAMP WITH TIME ZONE '2026-11-30 09:00:00+00')");
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO partner_auth_grants (kind, digest, key_id, partner_id, user_id, opportunity_ids,"
                        + " expires_at) VALUES ('LAUNCH_CODE', " + digest(c, GrantDigest.of("old-code")) + ", '"
                        + ONLY_KEY + "', '" + partner.value() + "', 'u-1', NULL, TIMESTAMP WITH TIME ZONE '2030-01-01 00:00:00+00')");
            }

            PartnerAuthSchema.apply(ds);
            PartnerAuthSchema.apply(ds);

            JdbcPartnerUserStore users = new JdbcPartnerUserStore(ds);
            PartnerUser ann = users.find(partner, "u-1").orElseThrow();
            assertTrue(ann.active());
            assertEquals(0, ann.sessionGeneration());
            assertTrue(!ann.enabled(), "the host's disable is kept");
            assertTrue(users.setActive(partner, "u-1", false));
            assertTrue(users.signOut(partner, "u-1"));
            assertEquals(2, users.find(partner, "u-1").orElseThrow().sessionGeneration());
            // an outstanding code of before is of the first generation: refused once the user is signed out
            assertEquals(0, new JdbcGrantStore(ds).consume(GrantKind.LAUNCH_CODE, GrantDigest.of("old-code"), T0)
                    .orElseThrow().sessionGeneration());
        } finally {
            TestDatabases.drop(ds);
        }
    }

    private static void assertSameUserIdOfAnotherPartnerIsAnotherUser(JdbcPartnerUserStore users, PartnerId partner) {
        PartnerId other = new PartnerId("prt_someoneElse000000");
        users.upsert(other, minimal("u-1"), T0.plusSeconds(120));
        assertEquals(minimal("u-1"), users.find(other, "u-1").orElseThrow().information());
        assertEquals(ann("u-1"), users.find(partner, "u-1").orElseThrow().information());
    }

    private static void assertOutstandingGrantsDroppedAndNewOnesKept(DataSource ds) {
        JdbcGrantStore grants = new JdbcGrantStore(ds);
        assertTrue(grants.consume(GrantKind.ACCESS_TOKEN, GrantDigest.of("old-token"), T0).isEmpty());
    }

    private static void createOldSchema(DataSource ds, String resource) throws IOException {
        try (InputStream in = PartnerAuthSchemaUpgradeTest.class.getResourceAsStream(resource)) {
            for (String statement : PartnerAuthSchema.statements(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
                TestDatabases.execute(ds, statement);
            }
        }
    }

    /** Rows as the stores of before partners wrote them. */
    private static void insertOldRows(DataSource ds, List<String> keyIds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String id : keyIds) {
                s.execute("INSERT INTO partner_auth_keys (id, name, allowed_ips, key_hash, created_at) VALUES ('" + id
                        + "', 'Acme PRM', NULL, " + bytes(c) + ", TIMESTAMP WITH TIME ZONE '2026-11-30 09:00:00+00')");
            }
            s.execute(oldUser("u-1", true));
            s.execute(oldUser("u-2", false));
            s.execute("INSERT INTO partner_auth_grants (kind, digest, key_id, user_id, opportunity_ids, expires_at) VALUES"
                    + " ('ACCESS_TOKEN', " + digest(c, GrantDigest.of("old-token")) + ", '" + keyIds.get(0)
                    + "', 'u-1', NULL, TIMESTAMP WITH TIME ZONE '2026-11-30 09:01:00+00')");
            s.execute("INSERT INTO partner_auth_audit_events (at, type, key_id, user_id, client_ip, reason, detail) VALUES"
                    + " (TIMESTAMP WITH TIME ZONE '2026-11-30 09:00:00+00', 'KEY_CREATED', '" + keyIds.get(0)
                    + "', NULL, NULL, NULL, 'old event')");
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM partner_auth_users")) {
            rs.next();
            assertEquals(2, rs.getInt(1));
        }
    }

    private static String oldUser(String userId, boolean enabled) {
        UserInformation u = ann(userId);
        return "INSERT INTO partner_auth_users (user_id, login, email, name, company, enabled, created_at, updated_at)"
                + " VALUES ('" + userId + "', '" + u.login() + "', '" + u.email() + "', '" + u.name() + "', '"
                + u.company() + "', " + enabled + ", TIMESTAMP WITH TIME ZONE '2026-11-30 09:00:00+00',"
                + " TIMESTAMP WITH TIME ZONE '2026-11-30 09:01:00+00')";
    }

    private static UserInformation ann(String userId) {
        return new UserInformation(userId, "ann", "ann@partner.example", "Ann", null, null, null, null, "Partner Co",
                null, null, null, null, null, null);
    }

    private static UserInformation minimal(String userId) {
        return new UserInformation(userId, "other", "other@other.example", "Other", null, null, null, null, null,
                null, null, null, null, null, null);
    }

    private static String bytes(Connection c) throws Exception {
        return hex(c, new byte[32]);
    }

    private static String digest(Connection c, GrantDigest d) throws Exception {
        return hex(c, d.toBytes());
    }

    private static String hex(Connection c, byte[] b) throws Exception {
        String hex = java.util.HexFormat.of().formatHex(b);
        return Dialect.of(c.getMetaData()) == Dialect.POSTGRESQL ? "'\\x" + hex + "'::bytea" : "X'" + hex + "'";
    }
}
