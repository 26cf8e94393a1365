package dev.partnerauth;

import dev.partnerauth.key.PresentedKey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.crm.CrmSystem;
import dev.partnerauth.key.IssuedKey;
import dev.partnerauth.key.JdbcKeyStore;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.settings.AuthenticatorSettings;
import dev.partnerauth.settings.JdbcSettingsStore;
import dev.partnerauth.testing.MutableClock;
import dev.partnerauth.testing.SwitchableDataSource;
import dev.partnerauth.testing.TestDatabases;
import dev.partnerauth.user.JdbcPartnerUserStore;
import dev.partnerauth.user.UserInformation;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A single node keeping keys, settings and users in a database, with its reads cached: once each
 * user has signed in, a sign-in asks the database for nothing, and without the cache it does.
 */
class SingleNodeDatabaseTest {
    private static final InetAddress PRM = InetAddress.getLoopbackAddress();

    private final MutableClock clock = new MutableClock();
    private final DataSource h2 = TestDatabases.h2WithSchema();
    private final AtomicInteger connections = new AtomicInteger();
    private final DataSource counted = new SwitchableDataSource(() -> {
        connections.incrementAndGet();
        return h2.getConnection();
    });

    @AfterEach
    void dropDatabase() {
        TestDatabases.drop(h2);
    }

    private PartnerAuth.Builder onDatabase() {
        return PartnerAuth.builder()
                .keyPepper(KeyPepper.of(new byte[32]))
                .publicBaseUrl(URI.create("https://cpq.example.com"))
                .clock(clock).ticker(clock.ticker())
                .keyStore(new JdbcKeyStore(counted))
                .settingsStore(new JdbcSettingsStore(counted))
                .userStore(new JdbcPartnerUserStore(counted));
    }

    /** Signs five users in 100 times each and returns how many connections the last 400 sign-ins took. */
    private int connectionsOfRepeatSignIns(PartnerAuth auth) {
        auth.updateSettings(new AuthenticatorSettings(true, CrmSystem.SALESFORCE, List.of()), "admin");
        IssuedKey key = auth.createKey("PRM", IpAllowlist.ANY, null, "admin");
        for (int round = 0; round < 100; round++) {
            if (round == 20) {
                connections.set(0);
            }
            for (int u = 0; u < 5; u++) {
                auth.authenticate(new AuthenticateRequest(PresentedKey.of(key.plaintext()), new UserInformation("user-" + u, "login-" + u,
                        "u" + u + "@partner.example", "User " + u, null, null, null, null, null, null, null, null, null,
                        null, null)), PRM);
            }
        }
        return connections.get();
    }

    @Test
    void signInWhenReadsCachedThenNoQueryOnceUsersAreKnown() {
        assertEquals(0, connectionsOfRepeatSignIns(onDatabase().cacheStoreReads(Duration.ofMinutes(1)).build()));
    }

    @Test
    void signInWhenNotCachedThenEverySignInReadsTheDatabase() {
        assertTrue(connectionsOfRepeatSignIns(onDatabase().build()) >= 3 * 400,
                "settings, key and user are read for each sign-in");
    }
}
