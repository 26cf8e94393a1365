package dev.partnerauth.internal.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.partnerauth.StoreUnavailableException;
import dev.partnerauth.audit.AuditEvent;
import dev.partnerauth.audit.AuditEventType;
import dev.partnerauth.internal.jdbc.JdbcGrantStore;
import dev.partnerauth.internal.jdbc.JdbcSigningKeyStore;
import dev.partnerauth.internal.key.KeyService;
import dev.partnerauth.internal.token.TokenService;
import dev.partnerauth.key.JdbcKeyStore;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.testing.MutableClock;
import dev.partnerauth.testing.TestDatabases;
import dev.partnerauth.user.JdbcPartnerUserStore;
import dev.partnerauth.user.UserInformation;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ComposedCalls#signIn} when the user's generation keeps moving under it. */
class ComposedCallsSignInTest {
    private static final PartnerId PARTNER = new PartnerId("prt_testpartner0");
    private static final KeyId KEY = new KeyId("AAAAAAAAAAA1");

    private final MutableClock clock = new MutableClock();
    private final DataSource db = TestDatabases.h2WithSchema();
    private final SecureRandom random = new SecureRandom();
    private final KeyService keys = new KeyService(new JdbcKeyStore(db), KeyPepper.of(new byte[32]), e -> { }, clock, random);
    private final JdbcPartnerUserStore users = new JdbcPartnerUserStore(db);
    private final TokenService tokens = new TokenService(new JdbcSigningKeyStore(db), new JdbcGrantStore(db), clock,
            random, Duration.ofSeconds(60));
    private final ComposedCalls calls = new ComposedCalls(db, Duration.ofSeconds(5), keys);
    private final UserInformation user = new UserInformation("u-1", "u-1", "u-1@partner.example", "Partner u-1",
            null, null, null, null, null, null, null, null, null, null, null);
    private final AuditEvent accepted = new AuditEvent(clock.instant(), AuditEventType.AUTHENTICATE_ACCEPTED,
            KEY.value(), "u-1", "127.0.0.1", null, null, PARTNER.value(), null);

    @AfterEach
    void drop() {
        TestDatabases.drop(db);
    }

    private long count(String where) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void signInWhenSignedOutAgainAtEveryAttemptThenStoreUnavailableAndNoGrantNoEvent() throws Exception {
        users.upsert(PARTNER, user, clock.instant());

        assertThrows(StoreUnavailableException.class, () -> calls.signIn(PARTNER, KEY, user,
                () -> users.find(PARTNER, "u-1"), clock.instant(), (userId, generation) -> {
            // another node signs the user out between each read and write
            TestDatabases.execute(db, "UPDATE partner_auth_users SET session_generation = session_generation + 1");
            return tokens.newAccessToken(KEY, PARTNER, userId, generation);
        }, accepted));

        assertEquals(0, count("partner_auth_grants"));
        assertEquals(0, count("partner_auth_audit_events"));
    }

    @Test
    void signInWhenSignedOutOnceBetweenReadAndWriteThenGrantInTheStoredGeneration() throws Exception {
        users.upsert(PARTNER, user, clock.instant());
        boolean[] signedOut = {false};

        calls.signIn(PARTNER, KEY, user, () -> users.find(PARTNER, "u-1"), clock.instant(), (userId, generation) -> {
            if (!signedOut[0]) {
                signedOut[0] = true;
                TestDatabases.execute(db, "UPDATE partner_auth_users SET session_generation = session_generation + 1");
            }
            return tokens.newAccessToken(KEY, PARTNER, userId, generation);
        }, accepted);

        assertEquals(1, count("partner_auth_grants WHERE session_generation = 1"));
        assertEquals(1, count("partner_auth_audit_events WHERE type = 'AUTHENTICATE_ACCEPTED'"));
    }
}
