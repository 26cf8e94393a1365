package dev.partnerauth;

import dev.partnerauth.key.PresentedKey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.audit.AuditEvent;
import dev.partnerauth.audit.AuditEventType;
import dev.partnerauth.crm.CrmSystem;
import dev.partnerauth.key.AuthenticationKey;
import dev.partnerauth.internal.memory.InMemoryKeyStore;
import dev.partnerauth.key.IssuedKey;
import dev.partnerauth.key.KeyChanges;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.key.KeyStore;
import dev.partnerauth.key.StoredKey;
import dev.partnerauth.settings.AuthenticatorSettings;
import dev.partnerauth.internal.memory.InMemorySettingsStore;
import dev.partnerauth.testing.MutableClock;
import dev.partnerauth.token.CaffeineGrantStore;
import dev.partnerauth.internal.memory.InMemorySigningKeyStore;
import dev.partnerauth.internal.memory.InMemoryPartnerUserStore;
import dev.partnerauth.user.UserInformation;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link PartnerAuth#checkSession}: a live session ends with its key, its user or the authenticator,
 * at once when the change is made through this node, within the check interval when made through
 * another node on the same stores, and at a cost of one store read per key and user per interval.
 */
class PartnerAuthSessionCheckTest {
    private static final KeyPepper PEPPER = KeyPepper.of(new byte[32]);
    private static final InetAddress BROWSER = InetAddress.getLoopbackAddress();

    private final MutableClock clock = new MutableClock();
    private final CountingKeyStore keyStore = new CountingKeyStore();
    private final InMemoryPartnerUserStore userStore = new InMemoryPartnerUserStore();
    private final InMemorySettingsStore settingsStore = new InMemorySettingsStore();
    private final CaffeineGrantStore grants = new CaffeineGrantStore(clock, clock.ticker(), 1000);
    private final InMemorySigningKeyStore signingKeys = new InMemorySigningKeyStore();
    private final List<AuditEvent> eventsOfB = new CopyOnWriteArrayList<>();
    /** Two nodes on the same stores; B is the one the session's requests reach. */
    private final PartnerAuth a = node(b -> { });
    private final PartnerAuth b = node(builder -> builder.auditListener(eventsOfB::add));
    private final IssuedKey key = enableAndCreateKey();

    private PartnerAuth node(java.util.function.Consumer<PartnerAuth.Builder> customiser) {
        PartnerAuth.Builder builder = PartnerAuth.builder().keyPepper(PEPPER).publicBaseUrl(URI.create("https://cpq.example.com"))
                .clock(clock).ticker(clock.ticker()).slf4jAudit(false)
                .keyStore(keyStore).userStore(userStore).settingsStore(settingsStore)
                .grantStore(grants).signingKeyStore(signingKeys);
        customiser.accept(builder);
        return builder.build();
    }

    private IssuedKey enableAndCreateKey() {
        a.updateSettings(new AuthenticatorSettings(true, CrmSystem.SALESFORCE, List.of()), "admin");
        return a.createKey("Acme PRM", IpAllowlist.ANY, null, "admin");
    }

    private PartnerPrincipal signIn(String userId) {
        UserInformation user = new UserInformation(userId, userId, userId + "@partner.example", "Partner " + userId,
                null, null, null, null, null, null, null, null, null, null, null);
        String token = b.authenticate(new AuthenticateRequest(PresentedKey.of(key.plaintext()), user), BROWSER).value();
        URI url = b.launch(new LaunchRequest(LaunchAction.OPEN_OPPORTUNITY, "006", null), token, BROWSER).url();
        return b.redeemLaunchCode(url.getRawQuery().substring("launch=".length()), BROWSER);
    }

    private List<AuditEvent> sessionEnds() {
        return eventsOfB.stream().filter(e -> e.type() == AuditEventType.SESSION_ENDED).toList();
    }

    @Test
    void checkSessionWhenGroundsHoldThenStandsAndNothingAudited() {
        PartnerPrincipal principal = signIn("user-1");

        assertEquals(Optional.empty(), b.checkSession(principal, BROWSER));
        assertEquals(List.of(), sessionEnds());
    }

    @Test
    void checkSessionWhenKeyDeletedThroughThisNodeThenEndedAtOnceAndAudited() {
        PartnerPrincipal principal = signIn("user-1");
        b.checkSession(principal, BROWSER);

        b.deleteKey(key.metadata().id(), "admin");

        assertEquals(Optional.of(SessionEndReason.KEY_REVOKED), b.checkSession(principal, BROWSER));
        AuditEvent ended = sessionEnds().get(0);
        assertEquals(key.metadata().id().value(), ended.keyId());
        assertEquals("user-1", ended.userId());
        assertEquals("KEY_REVOKED", ended.reason());
        assertEquals(BROWSER.getHostAddress(), ended.clientIp());
    }

    @Test
    void checkSessionWhenKeyDeletedOnOtherNodeThenEndedOnceIntervalPassed() {
        PartnerPrincipal principal = signIn("user-1");
        assertEquals(Optional.empty(), b.checkSession(principal, BROWSER));

        a.deleteKey(key.metadata().id(), "admin");
        clock.advance(Duration.ofMillis(4999));
        Optional<SessionEndReason> withinInterval = b.checkSession(principal, BROWSER);
        clock.advance(Duration.ofMillis(1));
        Optional<SessionEndReason> afterInterval = b.checkSession(principal, BROWSER);

        assertEquals(Optional.empty(), withinInterval, "B may answer from its copy for up to 5 s");
        assertEquals(Optional.of(SessionEndReason.KEY_REVOKED), afterInterval);
    }

    @Test
    void checkSessionWhenKeyExpiresThenEndedAtItsExpiryWithoutRead() {
        PartnerPrincipal principal = signIn("user-1");
        a.updateKey(key.metadata().id(), KeyChanges.none().withExpiresAt(clock.instant().plusSeconds(60)), "admin");
        b.checkSession(principal, BROWSER);
        int readsBefore = keyStore.finds.get();

        clock.advance(Duration.ofMillis(4000));
        Optional<SessionEndReason> before = b.checkSession(principal, BROWSER);
        clock.set(clock.instant().plusSeconds(56));
        Optional<SessionEndReason> after = b.checkSession(principal, BROWSER);

        assertEquals(Optional.empty(), before);
        assertEquals(Optional.of(SessionEndReason.KEY_EXPIRED), after);
        assertTrue(keyStore.finds.get() - readsBefore <= 1, "reads: " + (keyStore.finds.get() - readsBefore));
    }

    @Test
    void checkSessionWhenUserDisabledThroughThisNodeThenEndedAtOnce() {
        PartnerPrincipal principal = signIn("user-1");
        PartnerPrincipal other = signIn("user-2");
        b.checkSession(principal, BROWSER);

        b.setUserEnabled(key.metadata().partnerId(), "user-1", false, "admin");

        assertEquals(Optional.of(SessionEndReason.USER_DISABLED), b.checkSession(principal, BROWSER));
        assertEquals(Optional.empty(), b.checkSession(other, BROWSER), "only the disabled user's sessions end");
    }

    @Test
    void checkSessionWhenUserDisabledOnOtherNodeThenEndedOnceIntervalPassed() {
        PartnerPrincipal principal = signIn("user-1");
        b.checkSession(principal, BROWSER);

        a.setUserEnabled(key.metadata().partnerId(), "user-1", false, "admin");
        Optional<SessionEndReason> atOnce = b.checkSession(principal, BROWSER);
        clock.advance(PartnerAuth.Builder.MAX_SESSION_CHECK_INTERVAL);

        assertEquals(Optional.empty(), atOnce);
        assertEquals(Optional.of(SessionEndReason.USER_DISABLED), b.checkSession(principal, BROWSER));
    }

    @Test
    void checkSessionWhenAuthenticatorDisabledThroughThisNodeThenEndedAtOnce() {
        PartnerPrincipal principal = signIn("user-1");
        b.checkSession(principal, BROWSER);

        b.updateSettings(new AuthenticatorSettings(false, CrmSystem.SALESFORCE, List.of()), "admin");

        assertEquals(Optional.of(SessionEndReason.AUTHENTICATOR_DISABLED), b.checkSession(principal, BROWSER));
    }

    @Test
    void checkSessionWhenAuthenticatorDisabledOnOtherNodeThenEndedOnceIntervalPassed() {
        PartnerPrincipal principal = signIn("user-1");
        b.checkSession(principal, BROWSER);

        a.updateSettings(new AuthenticatorSettings(false, CrmSystem.SALESFORCE, List.of()), "admin");
        clock.advance(Duration.ofSeconds(5));

        assertEquals(Optional.of(SessionEndReason.AUTHENTICATOR_DISABLED), b.checkSession(principal, BROWSER));
    }

    @Test
    void checkSessionWhenManyRequestsOfManySessionsThenOneKeyReadPerInterval() {
        PartnerPrincipal first = signIn("user-1");
        PartnerPrincipal second = signIn("user-2");
        b.checkSession(first, BROWSER);
        int readsBefore = keyStore.finds.get();

        for (int i = 0; i < 1000; i++) {
            b.checkSession(i % 2 == 0 ? first : second, BROWSER);
        }
        int withinInterval = keyStore.finds.get() - readsBefore;
        clock.advance(Duration.ofSeconds(5));
        for (int i = 0; i < 1000; i++) {
            b.checkSession(i % 2 == 0 ? first : second, BROWSER);
        }

        assertEquals(0, withinInterval, "nothing changed: no store read on the request path");
        assertEquals(1, keyStore.finds.get() - readsBefore - withinInterval);
    }

    @Test
    void checkSessionWhenStoreReadsCachedLongerThenStillEndedWithinInterval() {
        PartnerAuth cachingB = node(builder -> builder.cacheStoreReads(Duration.ofHours(1)));
        PartnerPrincipal principal = signIn("user-1");
        cachingB.checkSession(principal, BROWSER);

        a.deleteKey(key.metadata().id(), "admin");
        clock.advance(Duration.ofSeconds(5));

        assertEquals(Optional.of(SessionEndReason.KEY_REVOKED), cachingB.checkSession(principal, BROWSER));
    }

    @Test
    void checkSessionWhenShorterIntervalThenEndedWithinIt() {
        PartnerAuth quickB = node(builder -> builder.sessionCheckInterval(Duration.ofMillis(500)));
        PartnerPrincipal principal = signIn("user-1");
        quickB.checkSession(principal, BROWSER);

        a.deleteKey(key.metadata().id(), "admin");
        clock.advance(Duration.ofMillis(500));

        assertEquals(Optional.of(SessionEndReason.KEY_REVOKED), quickB.checkSession(principal, BROWSER));
    }

    @Test
    void checkSessionWhenKeyStoreFailsThenOutageNotEnd() {
        PartnerPrincipal principal = signIn("user-1");
        clock.advance(Duration.ofSeconds(5));
        keyStore.failing = true;

        assertThrows(StoreUnavailableException.class, () -> b.checkSession(principal, BROWSER));
        assertEquals(List.of(), sessionEnds());
    }

    @Test
    void sessionCheckIntervalWhenOutOfBoundsThenRefused() {
        PartnerAuth.Builder builder = PartnerAuth.builder();

        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> builder.sessionCheckInterval(Duration.ofMillis(5001)));
        assertThrows(IllegalArgumentException.class, () -> builder.sessionCheckInterval(Duration.ofMillis(9)));
        assertThrows(IllegalArgumentException.class, () -> builder.sessionCheckInterval(Duration.ZERO));
        assertTrue(tooLong.getMessage().contains("sessionCheckInterval"), tooLong.getMessage());
    }

    /** The shared key store of both nodes, counting lookups, and failing them on demand as a database would. */
    private static final class CountingKeyStore implements KeyStore {
        private final InMemoryKeyStore delegate = new InMemoryKeyStore();
        final AtomicInteger finds = new AtomicInteger();
        volatile boolean failing;

        @Override
        public void insert(StoredKey key) {
            delegate.insert(key);
        }

        @Override
        public Optional<StoredKey> find(KeyId id) {
            if (failing) {
                throw new StoreUnavailableException("key store down", new java.sql.SQLException("down"));
            }
            finds.incrementAndGet();
            return delegate.find(id);
        }

        @Override
        public List<AuthenticationKey> list() {
            return delegate.list();
        }

        @Override
        public boolean update(AuthenticationKey metadata) {
            return delegate.update(metadata);
        }

        @Override
        public boolean delete(KeyId id) {
            return delegate.delete(id);
        }

        @Override
        public void recordUse(KeyId id, Instant at) {
            delegate.recordUse(id, at);
        }
    }
}
