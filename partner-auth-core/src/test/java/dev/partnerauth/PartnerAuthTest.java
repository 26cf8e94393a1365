package dev.partnerauth;

import dev.partnerauth.key.PresentedKey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.audit.AuditEvent;
import dev.partnerauth.audit.AuditEventType;
import dev.partnerauth.audit.BufferedAuditLog;
import dev.partnerauth.internal.memory.InMemoryAuditLog;
import dev.partnerauth.crm.CrmSystem;
import dev.partnerauth.internal.memory.InMemoryKeyStore;
import dev.partnerauth.key.IssuedKey;
import dev.partnerauth.key.KeyChanges;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.settings.AuthenticatorSettings;
import dev.partnerauth.internal.memory.InMemorySettingsStore;
import dev.partnerauth.testing.KeyChecksums;
import dev.partnerauth.testing.MutableClock;
import dev.partnerauth.token.CaffeineGrantStore;
import dev.partnerauth.internal.memory.InMemorySigningKeyStore;
import dev.partnerauth.token.IssuedCredential;
import dev.partnerauth.internal.memory.InMemoryPartnerUserStore;
import dev.partnerauth.user.UserInformation;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class PartnerAuthTest {
    private static final KeyPepper PEPPER = KeyPepper.of(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
    private static final URI BASE = URI.create("https://cpq.example.com");
    private static final InetAddress PRM = ip("203.0.113.7");
    private static final InetAddress BROWSER = ip("198.51.100.20");
    private static final InetAddress OTHER = ip("2001:db8::99");
    private static final String OPPORTUNITY = "/ ? # & % é";

    private final MutableClock clock = new MutableClock();
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    private final PartnerAuth auth = builder().build();
    private final IssuedKey key = enableAndCreateKey(auth, IpAllowlist.ANY);

    private PartnerAuth.Builder builder() {
        return PartnerAuth.builder().keyPepper(PEPPER).publicBaseUrl(BASE).clock(clock).ticker(clock.ticker())
                .auditListener(events::add);
    }

    private static IssuedKey enableAndCreateKey(PartnerAuth auth, IpAllowlist ips) {
        auth.updateSettings(new AuthenticatorSettings(true, CrmSystem.SALESFORCE, List.of("https://prm.example.com")), "admin");
        return auth.createKey("Acme PRM", ips, null, "admin");
    }

    private static UserInformation user(String userId) {
        return new UserInformation(userId, "david.s@domain.com", "david.s@domain.com", "David Solomon", "Sales",
                null, null, "03-12345679", "Acme", null, "New York", "NY", "USA", "1234567", null);
    }

    private IssuedCredential authenticate(String presentedKey, InetAddress from) {
        return auth.authenticate(new AuthenticateRequest(PresentedKey.of(presentedKey), user("user-1")), from);
    }

    private static LaunchRequest openQuote() {
        return new LaunchRequest(LaunchAction.OPEN_QUOTE, OPPORTUNITY, "Q-1");
    }

    private static String launchCodeOf(URI url) {
        String query = url.getRawQuery();
        assertTrue(query.startsWith("launch="), query);
        return query.substring("launch=".length());
    }

    private static String wrongKeyLike(String key) {
        // same id, checksum no longer holds: refused as malformed, like any mistyped key
        return key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");
    }

    @Test
    void flowWhenAuthenticateLaunchAndLandThenPrincipalWithOpportunities() {
        IssuedCredential token = authenticate(key.plaintext(), PRM);
        assertEquals(clock.instant().plusSeconds(60), token.expiresAt());

        Launch launch = auth.launch(openQuote(), token.value(), BROWSER);
        URI url = launch.url();
        assertEquals("https", url.getScheme());
        assertEquals("cpq.example.com", url.getHost());
        assertEquals("/cpq/opportunities/%2F%20%3F%20%23%20%26%20%25%20%C3%A9/quotes/Q-1", url.getRawPath());
        assertEquals(OPPORTUNITY, java.net.URLDecoder.decode(url.getRawPath().split("/")[3], java.nio.charset.StandardCharsets.UTF_8));

        clock.advance(Duration.ofSeconds(2));
        PartnerPrincipal principal = auth.redeemLaunchCode(launchCodeOf(url), BROWSER);

        assertEquals("user-1", principal.user().userId());
        assertEquals("partner:" + key.metadata().partnerId() + ":user-1", principal.getName());
        assertEquals(key.metadata().partnerId(), principal.partnerId());
        assertEquals(key.metadata().id(), principal.keyId());
        assertEquals("Acme PRM", principal.keyName());
        assertEquals(Set.of(OPPORTUNITY), principal.opportunityIds());
        assertTrue(principal.mayAccessOpportunity(OPPORTUNITY));
        assertEquals(clock.instant(), principal.signedInAt());
        assertEquals(Set.of(OPPORTUNITY), launch.principal().opportunityIds());
    }

    @Test
    void launchWhenTokenReplayedThenRefused() {
        IssuedCredential token = authenticate(key.plaintext(), PRM);
        auth.launch(openQuote(), token.value(), BROWSER);

        assertUnauthenticated(UnauthenticatedException.Reason.ALREADY_USED, () -> auth.launch(openQuote(), token.value(), BROWSER));
    }

    @Test
    void redeemLaunchCodeWhenReplayedThenRefused() {
        String code = launchCodeOf(auth.launch(openQuote(), authenticate(key.plaintext(), PRM).value(), BROWSER).url());
        auth.redeemLaunchCode(code, BROWSER);

        assertThrows(UnauthenticatedException.class, () -> auth.redeemLaunchCode(code, BROWSER));
    }

    @Test
    void redeemLaunchCodeWhenTokenLifetimePassedThenRefused() {
        String code = launchCodeOf(auth.launch(openQuote(), authenticate(key.plaintext(), PRM).value(), BROWSER).url());
        clock.advance(Duration.ofSeconds(61));

        assertThrows(UnauthenticatedException.class, () -> auth.redeemLaunchCode(code, BROWSER));
    }

    @Test
    void launchWhenNoBearerTokenThenMissing() {
        assertUnauthenticated(UnauthenticatedException.Reason.MISSING, () -> auth.launch(openQuote(), null, BROWSER));
    }

    @Test
    void authenticateWhenAcceptedThenKeyLastUsedAtRecorded() {
        clock.advance(Duration.ofMinutes(3));

        authenticate(key.plaintext(), PRM);

        assertEquals(clock.instant(), auth.key(key.metadata().id()).lastUsedAt());
    }

    @Test
    void authenticateWhenAuthenticatorDisabledThenForbidden() {
        PartnerAuth fresh = builder().build();
        IssuedKey k = fresh.createKey("Acme PRM", IpAllowlist.ANY, null, "admin");

        ForbiddenException e = assertThrows(ForbiddenException.class,
                () -> fresh.authenticate(new AuthenticateRequest(PresentedKey.of(k.plaintext()), user("user-1")), PRM));

        assertEquals(ForbiddenException.Reason.AUTHENTICATOR_DISABLED, e.reason());
    }

    @Test
    void updateSettingsWhenEnablingWithoutCrmThenConflict() {
        ConflictException e = assertThrows(ConflictException.class,
                () -> auth.updateSettings(new AuthenticatorSettings(true, null, List.of()), "admin"));

        assertEquals(409, e.status());
        assertEquals("crm", e.problems().get(0).field());
    }

    @Test
    void updateSettingsWhenEnablingWithHubspotThenConflict() {
        assertThrows(ConflictException.class,
                () -> auth.updateSettings(new AuthenticatorSettings(true, new CrmSystem("HUBSPOT"), List.of()), "admin"));
        assertTrue(auth.settings().enabled());
        assertEquals(CrmSystem.SALESFORCE, auth.settings().crm());
    }

    @Test
    void updateSettingsWhenDisablingWithHubspotThenAcceptedAndAudited() {
        events.clear();

        auth.updateSettings(new AuthenticatorSettings(false, new CrmSystem("HUBSPOT"), List.of()), "admin");

        assertFalse(auth.settings().enabled());
        assertEquals(AuditEventType.SETTINGS_CHANGED, events.get(0).type());
    }

    @Test
    void launchWhenKeyDeletedThenOutstandingTokenRefusedAtOnce() {
        IssuedCredential token = authenticate(key.plaintext(), PRM);

        auth.deleteKey(key.metadata().id(), "admin");

        assertUnauthenticated(UnauthenticatedException.Reason.KEY_REVOKED, () -> auth.launch(openQuote(), token.value(), BROWSER));
    }

    @Test
    void redeemLaunchCodeWhenKeyDeletedThenRefused() {
        String code = launchCodeOf(auth.launch(openQuote(), authenticate(key.plaintext(), PRM).value(), BROWSER).url());

        auth.deleteKey(key.metadata().id(), "admin");

        assertUnauthenticated(UnauthenticatedException.Reason.KEY_REVOKED, () -> auth.redeemLaunchCode(code, BROWSER));
    }

    @Test
    void launchWhenKeyExpiredSinceAuthenticationThenRefused() {
        IssuedCredential token = authenticate(key.plaintext(), PRM);
        auth.updateKey(key.metadata().id(), KeyChanges.none().withExpiresAt(clock.instant().plusSeconds(10)), "admin");
        clock.advance(Duration.ofSeconds(10));

        assertUnauthenticated(UnauthenticatedException.Reason.KEY_REVOKED, () -> auth.launch(openQuote(), token.value(), BROWSER));
    }

    @Test
    void launchWhenAuthenticatorDisabledThenOutstandingTokenRefused() {
        IssuedCredential token = authenticate(key.plaintext(), PRM);

        auth.updateSettings(new AuthenticatorSettings(false, CrmSystem.SALESFORCE, List.of()), "admin");

        assertThrows(UnauthenticatedException.class, () -> auth.launch(openQuote(), token.value(), BROWSER));
    }

    @Test
    void launchWhenAuthenticatorDisabledAndReEnabledThenEarlierTokenStillRefused() {
        IssuedCredential token = authenticate(key.plaintext(), PRM);

        auth.updateSettings(new AuthenticatorSettings(false, CrmSystem.SALESFORCE, List.of()), "admin");
        auth.updateSettings(new AuthenticatorSettings(true, CrmSystem.SALESFORCE, List.of()), "admin");

        assertThrows(UnauthenticatedException.class, () -> auth.launch(openQuote(), token.value(), BROWSER));
    }

    @Test
    void authenticateWhenUserDisabledByHostThenForbiddenWithSameBodyAsBadKey() {
        authenticate(key.plaintext(), PRM);
        assertFalse(auth.setUserEnabled(key.metadata().partnerId(), "user-1", false, "admin").enabled());

        ForbiddenException disabled = assertThrows(ForbiddenException.class, () -> authenticate(key.plaintext(), PRM));
        ForbiddenException badKey = assertThrows(ForbiddenException.class, () -> authenticate(wrongKeyLike(key.plaintext()), PRM));

        assertEquals(ForbiddenException.Reason.USER_DISABLED, disabled.reason());
        assertEquals(badKey.getMessage(), disabled.getMessage());
        assertEquals(badKey.problems(), disabled.problems());
        assertEquals(badKey.status(), disabled.status());
    }

    @Test
    void launchWhenUserDisabledAfterAuthenticationThenRefused() {
        IssuedCredential token = authenticate(key.plaintext(), PRM);
        auth.setUserEnabled(key.metadata().partnerId(), "user-1", false, "admin");

        assertUnauthenticated(UnauthenticatedException.Reason.USER_DISABLED, () -> auth.launch(openQuote(), token.value(), BROWSER));
    }

    @Test
    void authenticateWhenClientOutsideKeysAllowlistThenForbidden() {
        IssuedKey restricted = auth.createKey("Restricted", IpAllowlist.parse(List.of("198.51.100.0/24")), null, "admin");

        ForbiddenException e = assertThrows(ForbiddenException.class, () -> authenticate(restricted.plaintext(), PRM));

        assertEquals(ForbiddenException.Reason.IP_NOT_ALLOWED, e.reason());
        assertNotNull(authenticate(restricted.plaintext(), ip("198.51.100.9")));
    }

    /** The same key id with another secret and a valid checksum: a guess at this key's secret. */
    private static String wrongSecretFor(String key) {
        String body = key.substring(0, key.length() - 6);
        char last = body.charAt(body.length() - 1);
        String guessed = body.substring(0, body.length() - 1) + (last == 'A' ? 'B' : 'A');
        return guessed + KeyChecksums.checksum(guessed);
    }

    /** A well-formed key whose id no store knows. */
    private static String unknownKey() {
        return PartnerAuth.builder().keyPepper(PEPPER).publicBaseUrl(BASE).build()
                .createKey("elsewhere", IpAllowlist.ANY, null, "admin").plaintext();
    }

    @Test
    void authenticateWhenTenWrongSecretsForOneKeyFromOneAddressThenRefusedOnes429ButGoodKeyAccepted() {
        for (int i = 0; i < 10; i++) {
            ForbiddenException e = assertThrows(ForbiddenException.class, () -> authenticate(wrongSecretFor(key.plaintext()), PRM));
            assertEquals(ForbiddenException.Reason.KEY_MISMATCH, e.reason());
        }

        TooManyRequestsException e = assertThrows(TooManyRequestsException.class,
                () -> authenticate(wrongSecretFor(key.plaintext()), PRM));

        assertEquals(429, e.status());
        assertEquals(Duration.ofSeconds(60), e.retryAfter());
        // a neighbour who knows the key id cannot lock the partner out: the retired per-key lockout
        assertNotNull(authenticate(key.plaintext(), PRM));
    }

    @Test
    void authenticateWhenJunkKeysFromSharedAddressThenPartnerWithExistingKeyIdStillSignsIn() {
        // a NAT or a SaaS PRM's egress: the attacker sends made-up keys, malformed and well-formed
        for (int i = 0; i < 10; i++) {
            String junk = i % 2 == 0 ? "nonsense" : unknownKey();
            assertThrows(ForbiddenException.class, () -> authenticate(junk, PRM));
        }
        assertThrows(TooManyRequestsException.class, () -> authenticate(unknownKey(), PRM));

        assertNotNull(authenticate(key.plaintext(), PRM));
    }

    @Test
    void authenticateWhenAnAddressUsedUpItsRefusalsThenEveryGoodKeyThereStillWorks() {
        IssuedKey second = auth.createKey("Second partner", IpAllowlist.ANY, null, "admin");
        for (int i = 0; i < 10; i++) {
            assertThrows(ForbiddenException.class, () -> authenticate(wrongSecretFor(key.plaintext()), PRM));
        }

        assertThrows(TooManyRequestsException.class, () -> authenticate("nonsense", PRM));
        assertNotNull(authenticate(key.plaintext(), PRM));
        assertNotNull(authenticate(second.plaintext(), PRM));
        assertNotNull(authenticate(key.plaintext(), OTHER));
    }

    @Test
    void authenticateWhenRefusalsFromAddressesOfOneIpv6Slash64ThenThrottledAsOneNetwork() {
        for (int i = 0; i < 10; i++) {
            InetAddress from = ip("2001:db8:1:2::" + Integer.toHexString(i + 1));
            assertThrows(ForbiddenException.class, () -> authenticate("nonsense", from));
        }

        assertThrows(TooManyRequestsException.class, () -> authenticate("nonsense", ip("2001:db8:1:2:ffff::1")));
        assertThrows(ForbiddenException.class, () -> authenticate("nonsense", ip("2001:db8:1:3::1")));
    }

    @Test
    void authenticateWhenRefusalsFromNeighbouringIpv4AddressesThenEachCountedAlone() {
        for (int i = 0; i < 10; i++) {
            assertThrows(ForbiddenException.class, () -> authenticate("nonsense", PRM));
        }

        assertThrows(ForbiddenException.class, () -> authenticate("nonsense", ip("203.0.113.8")));
    }

    @Test
    void authenticateWhenKeyRefusedForItsIpThenCountedAndGoodKeyThereStillAccepted() {
        IssuedKey restricted = auth.createKey("Restricted", IpAllowlist.parse(List.of("198.51.100.0/24")), null, "admin");
        for (int i = 0; i < 10; i++) {
            assertThrows(ForbiddenException.class, () -> authenticate(restricted.plaintext(), PRM));
        }

        assertThrows(TooManyRequestsException.class, () -> authenticate(restricted.plaintext(), PRM));
        assertNotNull(authenticate(key.plaintext(), PRM));
    }

    @Test
    void authenticateWhenOneAddressThrottledThenAnotherStillWorks() {
        for (int i = 0; i < 10; i++) {
            assertThrows(ForbiddenException.class, () -> authenticate("nonsense", PRM));
        }

        assertNotNull(authenticate(key.plaintext(), OTHER));
    }

    @Test
    void authenticateWhenNineRefusalsThenGoodKeyStillAccepted() {
        for (int i = 0; i < 9; i++) {
            assertThrows(ForbiddenException.class, () -> authenticate("nonsense", PRM));
        }

        assertNotNull(authenticate(key.plaintext(), PRM));
    }

    @Test
    void authenticateWhenThrottleWindowPassedThenRefusalsAre403Again() {
        for (int i = 0; i < 10; i++) {
            assertThrows(ForbiddenException.class, () -> authenticate(wrongSecretFor(key.plaintext()), PRM));
        }
        assertThrows(TooManyRequestsException.class, () -> authenticate(wrongSecretFor(key.plaintext()), PRM));

        clock.advance(Duration.ofSeconds(61));

        assertThrows(ForbiddenException.class, () -> authenticate(wrongSecretFor(key.plaintext()), PRM));
    }

    @Test
    void authenticateWhenRefusedKeyNamesAnExistingIdThenAuditedWithKeyAndPartner() {
        assertThrows(ForbiddenException.class, () -> authenticate(wrongSecretFor(key.plaintext()), PRM));

        AuditEvent event = auth.recentAuditEvents(1).get(0);
        assertEquals(AuditEventType.AUTHENTICATE_REFUSED, event.type());
        assertEquals("KEY_MISMATCH", event.reason());
        assertEquals(key.metadata().id().value(), event.keyId());
        assertEquals(key.metadata().partnerId().value(), event.partnerId());
    }

    @Test
    void authenticateWhenRefusedKeyIsWellFormedButUnknownThenAuditedWithItsIdOnly() {
        String unknown = unknownKey();

        assertThrows(ForbiddenException.class, () -> authenticate(unknown, PRM));

        AuditEvent event = auth.recentAuditEvents(1).get(0);
        assertEquals("KEY_UNKNOWN", event.reason());
        assertEquals(PresentedKey.of(unknown).id().orElseThrow().value(), event.keyId());
        assertNull(event.partnerId());
    }

    @Test
    void launchWhenSixtyRefusedTokensFromOneAddressThenRefusedOnes429ButGoodTokenAccepted() {
        IssuedCredential good = authenticate(key.plaintext(), PRM);
        for (int i = 0; i < 60; i++) {
            assertThrows(UnauthenticatedException.class, () -> auth.launch(openQuote(), "garbage", BROWSER));
        }

        assertThrows(TooManyRequestsException.class, () -> auth.launch(openQuote(), "garbage", BROWSER));
        assertNotNull(auth.launch(openQuote(), good.value(), BROWSER));
        // spent now: refused like any junk, and still 429 while over the count
        assertThrows(TooManyRequestsException.class, () -> auth.launch(openQuote(), good.value(), BROWSER));
    }

    @Test
    void redeemLaunchCodeWhenTokenThrottleReachedThenGoodCodeStillAccepted() {
        String code = launchCodeOf(auth.launch(openQuote(), authenticate(key.plaintext(), PRM).value(), BROWSER).url());
        for (int i = 0; i < 60; i++) {
            assertThrows(UnauthenticatedException.class, () -> auth.redeemLaunchCode("garbage", BROWSER));
        }

        assertNotNull(auth.redeemLaunchCode(code, BROWSER));
    }

    @Test
    void redeemLaunchCodeWhenTokenThrottleReachedThenThrottled() {
        for (int i = 0; i < 60; i++) {
            assertThrows(UnauthenticatedException.class, () -> auth.redeemLaunchCode("garbage", BROWSER));
        }

        assertThrows(TooManyRequestsException.class, () -> auth.redeemLaunchCode("garbage", BROWSER));
    }

    @Test
    void auditWhenFullFlowWithRefusalsThenNoEventCarriesAKeyTokenOrCode() {
        IssuedKey second = auth.createKey("Second", IpAllowlist.ANY, null, "admin");
        IssuedCredential token = authenticate(key.plaintext(), PRM);
        Launch launch = auth.launch(openQuote(), token.value(), BROWSER);
        String code = launchCodeOf(launch.url());
        auth.redeemLaunchCode(code, BROWSER);
        assertThrows(UnauthenticatedException.class, () -> auth.launch(openQuote(), token.value(), BROWSER));
        assertThrows(UnauthenticatedException.class, () -> auth.redeemLaunchCode(code, BROWSER));
        assertThrows(ForbiddenException.class, () -> authenticate(wrongKeyLike(second.plaintext()), PRM));
        auth.updateKey(second.metadata().id(), KeyChanges.none().withName("Renamed"), "admin");
        auth.deleteKey(second.metadata().id(), "admin");

        List<String> secrets = List.of(key.plaintext(), secretOf(key.plaintext()), second.plaintext(), secretOf(second.plaintext()),
                token.value(), token.value().split("\\.")[2], code);
        List<AuditEvent> all = new ArrayList<>(events);
        all.addAll(auth.recentAuditEvents(1000));
        assertTrue(all.size() > 10);
        for (AuditEvent e : all) {
            for (String field : new String[] {e.keyId(), e.userId(), e.clientIp(), e.reason(), e.detail(), e.toString()}) {
                for (String secret : secrets) {
                    assertFalse(field != null && field.contains(secret), e.type() + " carries a secret");
                }
            }
        }
    }

    @Test
    void auditWhenAuthenticateRefusedThenReasonAndClientRecorded() {
        assertThrows(ForbiddenException.class, () -> authenticate(wrongKeyLike(key.plaintext()), PRM));

        AuditEvent e = auth.recentAuditEvents(1).get(0);

        assertEquals(AuditEventType.AUTHENTICATE_REFUSED, e.type());
        assertEquals("KEY_MALFORMED", e.reason());
        assertEquals("203.0.113.7", e.clientIp());
        assertEquals("user-1", e.userId());
    }

    @Test
    void auditWhenFlowSucceedsThenAcceptedEventsNewestFirst() {
        Launch launch = auth.launch(openQuote(), authenticate(key.plaintext(), PRM).value(), BROWSER);
        auth.redeemLaunchCode(launchCodeOf(launch.url()), BROWSER);

        List<AuditEventType> types = auth.recentAuditEvents(3).stream().map(AuditEvent::type).toList();

        assertEquals(List.of(AuditEventType.LAUNCH_ACCEPTED, AuditEventType.TOKEN_ACCEPTED, AuditEventType.AUTHENTICATE_ACCEPTED), types);
        assertEquals(key.metadata().id().value(), auth.recentAuditEvents(1).get(0).keyId());
    }

    @Test
    void auditWhenBufferedLogThenAdminReadListsTheSignInJustAudited() {
        try (BufferedAuditLog buffered = BufferedAuditLog.start(new InMemoryAuditLog(100))) {
            PartnerAuth host = builder().auditLog(buffered).build();
            IssuedKey hostKey = enableAndCreateKey(host, IpAllowlist.ANY);

            host.authenticate(new AuthenticateRequest(PresentedKey.of(hostKey.plaintext()), user("user-1")), PRM);

            AuditEvent newest = host.recentAuditEvents(1).get(0);
            assertEquals(AuditEventType.AUTHENTICATE_ACCEPTED, newest.type());
            assertEquals(hostKey.metadata().id().value(), newest.keyId());
        }
    }

    @Test
    void launchWhenPrintedThenUrlWithCodeRedacted() {
        Launch launch = auth.launch(openQuote(), authenticate(key.plaintext(), PRM).value(), BROWSER);

        assertFalse(launch.toString().contains(launchCodeOf(launch.url())));
    }

    @Test
    void buildWhenPepperMissingThenRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PartnerAuth.builder().publicBaseUrl(BASE).build());

        assertTrue(e.getMessage().contains("keyPepper"));
    }

    @Test
    void buildWhenPublicBaseUrlMissingThenRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PartnerAuth.builder().keyPepper(PEPPER).build());

        assertTrue(e.getMessage().contains("publicBaseUrl"));
    }

    @Test
    void buildWhenGrantStoreAndMaxOutstandingGrantsThenRefused() {
        assertThrows(IllegalStateException.class, () -> builder()
                .grantStore(new CaffeineGrantStore(clock)).maxOutstandingGrants(100).build());
    }

    @Test
    void tokenTtlWhenOutOfRangeThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> builder().tokenTtl(Duration.ofSeconds(4)));
        assertThrows(IllegalArgumentException.class, () -> builder().tokenTtl(Duration.ofMinutes(10).plusSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> builder().tokenTtl(Duration.ofSeconds(-60)));
    }

    @Test
    void buildWhenHttpPublicUrlForNonLoopbackHostThenRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> builder().publicBaseUrl(URI.create("http://cpq.example.com")).build());
    }

    @Test
    void buildWhenHttpPublicUrlForLoopbackThenAccepted() {
        assertNotNull(PartnerAuth.builder().keyPepper(PEPPER).publicBaseUrl(URI.create("http://localhost:8080")).build());
    }

    @Test
    void buildWhenCustomTokenTtlThenTokensLiveThatLong() {
        PartnerAuth shortLived = builder().tokenTtl(Duration.ofSeconds(5)).build();
        IssuedKey k = enableAndCreateKey(shortLived, IpAllowlist.ANY);

        IssuedCredential token = shortLived.authenticate(new AuthenticateRequest(PresentedKey.of(k.plaintext()), user("u")), PRM);

        assertEquals(clock.instant().plusSeconds(5), token.expiresAt());
    }

    @Test
    void clientIpsWhenTrustedProxiesConfiguredThenForwardedAddressUsed() {
        PartnerAuth proxied = builder().trustedProxies(List.of("10.0.0.0/8")).build();

        assertEquals(ip("203.0.113.7"), proxied.clientAddress("10.0.0.1", List.of("203.0.113.7")).orElseThrow());
        assertEquals(ip("10.0.0.1"), auth.clientAddress("10.0.0.1", List.of("203.0.113.7")).orElseThrow());
    }

    @Test
    void clientAddressWhenTrustedProxyForwardsGarbledHopThenRefusedAndAudited() {
        PartnerAuth proxied = builder().trustedProxies(List.of("10.0.0.0/8")).build();

        ForbiddenException e = assertThrows(ForbiddenException.class,
                () -> proxied.clientAddress("10.0.0.1", List.of("203.0.113.7, bogus")));

        assertEquals(ForbiddenException.Reason.FORWARDED_HOP_INVALID, e.reason());
        AuditEvent event = events.get(events.size() - 1);
        assertEquals(AuditEventType.CLIENT_ADDRESS_REFUSED, event.type());
        assertEquals("10.0.0.1", event.clientIp());
        assertEquals("FORWARDED_HOP_INVALID", event.reason());
    }

    @Test
    void clientAddressWhenForwardedHeaderConfiguredThenResolverReadsThatHeader() {
        PartnerAuth proxied = builder().trustedProxies(List.of("10.0.0.0/8"))
                .forwardedHeader(dev.partnerauth.allowlist.ForwardedHeader.FORWARDED).build();

        assertEquals(dev.partnerauth.allowlist.ForwardedHeader.FORWARDED, proxied.forwardedHeader());
        assertEquals(ip("203.0.113.7"), proxied.clientAddress("10.0.0.1", List.of("for=203.0.113.7")).orElseThrow());
    }

    @Test
    void cacheStoreReadsWhenKeyDeletedOnThisNodeThenRefusedAtOnceAndOnAnotherNodeAfterMaxAge() {
        Duration maxAge = Duration.ofSeconds(30);
        InMemoryKeyStore keys = new InMemoryKeyStore();
        InMemorySettingsStore settings = new InMemorySettingsStore();
        InMemoryPartnerUserStore users = new InMemoryPartnerUserStore();
        CaffeineGrantStore grants = new CaffeineGrantStore(clock, clock.ticker(), 1000);
        InMemorySigningKeyStore signing = new InMemorySigningKeyStore();
        PartnerAuth nodeA = builder().keyStore(keys).settingsStore(settings).userStore(users).grantStore(grants)
                .signingKeyStore(signing).cacheStoreReads(maxAge).build();
        PartnerAuth nodeB = builder().keyStore(keys).settingsStore(settings).userStore(users).grantStore(grants)
                .signingKeyStore(signing).cacheStoreReads(maxAge).build();
        IssuedKey shared = enableAndCreateKey(nodeA, IpAllowlist.ANY);
        AuthenticateRequest request = new AuthenticateRequest(PresentedKey.of(shared.plaintext()), user("user-1"));
        nodeA.authenticate(request, PRM); // records the key's use, which drops node A's copy of the key
        nodeA.authenticate(request, PRM); // within the same second: reads the key again and keeps it
        IssuedCredential outstanding = nodeB.authenticate(request, PRM);

        nodeB.deleteKey(shared.metadata().id(), "admin");

        assertThrows(ForbiddenException.class, () -> nodeB.authenticate(request, PRM));
        nodeA.authenticate(request, PRM); // node A's copy of the key is younger than maxAge
        clock.advance(maxAge);
        assertThrows(ForbiddenException.class, () -> nodeA.authenticate(request, PRM));
        assertUnauthenticated(UnauthenticatedException.Reason.KEY_REVOKED,
                () -> nodeA.launch(openQuote(), outstanding.value(), BROWSER));
    }

    @Test
    void cacheStoreReadsWhenDisabledOnThisNodeThenRefusedAtOnce() {
        PartnerAuth cached = builder().cacheStoreReads(Duration.ofMinutes(5)).build();
        IssuedKey issued = enableAndCreateKey(cached, IpAllowlist.ANY);
        AuthenticateRequest request = new AuthenticateRequest(PresentedKey.of(issued.plaintext()), user("user-1"));
        cached.authenticate(request, PRM);

        cached.updateSettings(new AuthenticatorSettings(false, CrmSystem.SALESFORCE, List.of()), "admin");
        ForbiddenException disabled = assertThrows(ForbiddenException.class, () -> cached.authenticate(request, PRM));
        assertEquals(ForbiddenException.Reason.AUTHENTICATOR_DISABLED, disabled.reason());

        cached.updateSettings(new AuthenticatorSettings(true, CrmSystem.SALESFORCE, List.of()), "admin");
        cached.setUserEnabled(issued.metadata().partnerId(), "user-1", false, "admin");
        ForbiddenException userOff = assertThrows(ForbiddenException.class, () -> cached.authenticate(request, PRM));
        assertEquals(ForbiddenException.Reason.USER_DISABLED, userOff.reason());
    }

    @Test
    void cacheStoreReadsWhenOutOfRangeThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> builder().cacheStoreReads(Duration.ofNanos(-1)));
        assertThrows(IllegalArgumentException.class, () -> builder().cacheStoreReads(Duration.ofHours(1).plusNanos(1)));
    }

    private static String secretOf(String key) {
        return key.substring(17, 39);
    }

    private static void assertUnauthenticated(UnauthenticatedException.Reason reason, Executable call) {
        UnauthenticatedException e = assertThrows(UnauthenticatedException.class, call);
        assertEquals(reason, e.reason());
        assertEquals("Unauthenticated", e.getMessage());
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
