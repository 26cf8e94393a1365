package dev.partnerauth;

import dev.partnerauth.key.PresentedKey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.audit.AuditEvent;
import dev.partnerauth.audit.AuditEventType;
import dev.partnerauth.crm.CrmSystem;
import dev.partnerauth.key.IssuedKey;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.launch.LaunchAuthorizer;
import dev.partnerauth.settings.AuthenticatorSettings;
import dev.partnerauth.testing.MutableClock;
import dev.partnerauth.token.IssuedCredential;
import dev.partnerauth.user.PartnerUser;
import dev.partnerauth.user.UserInformation;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Partners are tenants: what one partner's key can and cannot do to another partner's users. */
class PartnerTenancyTest {
    private static final KeyPepper PEPPER = KeyPepper.of(new byte[32]);
    private static final InetAddress PRM = InetAddress.getLoopbackAddress();
    private static final String OWNED_BY_B = "OPP-OF-B";

    private final MutableClock clock = new MutableClock();
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger authorizerCalls = new AtomicInteger();
    private final List<String> authorizerSaw = new CopyOnWriteArrayList<>();
    private final PartnerAuth auth = PartnerAuth.builder().keyPepper(PEPPER).publicBaseUrl(URI.create("https://cpq.example.com"))
            .clock(clock).ticker(clock.ticker()).auditListener(events::add)
            .launchAuthorizer((partner, user, request) -> {
                authorizerCalls.incrementAndGet();
                authorizerSaw.add(partner + " " + user.userId() + " " + request.action() + " " + request.opportunityId());
                return request.opportunityId().equals(OWNED_BY_B) && !partner.equals(partnerB())
                        ? new LaunchAuthorizer.Refused("CRM says " + OWNED_BY_B + " belongs to another partner")
                        : new LaunchAuthorizer.Allowed();
            })
            .build();
    private final IssuedKey keyA;
    private final IssuedKey keyB;

    PartnerTenancyTest() {
        auth.updateSettings(new AuthenticatorSettings(true, CrmSystem.SALESFORCE, List.of()), "root");
        keyA = auth.createKey("Partner A", IpAllowlist.ANY, null, "root");
        keyB = auth.createKey("Partner B", IpAllowlist.ANY, null, "root");
    }

    private PartnerId partnerB() {
        return keyB.metadata().partnerId();
    }

    private static UserInformation user(String userId, String email) {
        return new UserInformation(userId, "login-" + userId, email, "Name of " + email, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    private PartnerPrincipal signIn(IssuedKey key, UserInformation user, String opportunity) {
        IssuedCredential token = auth.authenticate(new AuthenticateRequest(PresentedKey.of(key.plaintext()), user), PRM);
        Launch launch = auth.launch(new LaunchRequest(LaunchAction.OPEN_OPPORTUNITY, opportunity, null), token.value(), PRM);
        String url = launch.url().toString();
        return auth.redeemLaunchCode(url.substring(url.indexOf("launch=") + 7), PRM);
    }

    @Test
    void createWhenNoPartnerNamedThenEachKeyStartsItsOwnPartner() {
        assertNotEquals(keyA.metadata().partnerId(), keyB.metadata().partnerId());
        assertTrue(keyA.metadata().partnerId().value().matches("prt_[0-9A-Za-z]{20}"), keyA.metadata().partnerId().value());
    }

    @Test
    void authenticateWhenPartnerBSendsAsUserIdThenTwoUsersAndAsDetailsUntouched() {
        PartnerPrincipal ofA = signIn(keyA, user("u-100", "ann@a.example"), "OPP-1");
        PartnerPrincipal ofB = signIn(keyB, user("u-100", "bob@b.example"), "OPP-2");

        assertFalse(ofA.sameIdentity(ofB));
        assertNotEquals(ofA.getName(), ofB.getName());
        assertEquals("ann@a.example", ofA.user().email());
        assertEquals("bob@b.example", ofB.user().email());
        assertEquals("ann@a.example", auth.findUser(keyA.metadata().partnerId(), "u-100").orElseThrow().information().email());
        assertEquals("bob@b.example", auth.findUser(partnerB(), "u-100").orElseThrow().information().email());
        // and a later sign-in of A's user is still A's details, not B's
        assertEquals("ann@a.example", signIn(keyA, user("u-100", "ann@a.example"), "OPP-1").user().email());
    }

    @Test
    void launchWhenTokenOfBsKeyNamesPartnerAThenRefusedAsRevoked() {
        auth.authenticate(new AuthenticateRequest(PresentedKey.of(keyA.plaintext()), user("u-1", "ann@a.example")), PRM);
        // a token that pairs B's key with A's partner (only a store fault or a forger could make one)
        IssuedCredential mixed = auth.tokens().mintAccessToken(keyB.metadata().id(), keyA.metadata().partnerId(), "u-1");

        UnauthenticatedException e = assertThrows(UnauthenticatedException.class,
                () -> auth.launch(new LaunchRequest(LaunchAction.OPEN_OPPORTUNITY, "OPP-1", null), mixed.value(), PRM));
        assertEquals(UnauthenticatedException.Reason.KEY_REVOKED, e.reason());
        assertEquals(0, authorizerCalls.get(), "a refused token never reaches the host's authorizer");
    }

    @Test
    void launchWhenAuthorizerRefusesThenForbiddenAuditedWithReasonAndTokenNotSpent() {
        IssuedCredential token = auth.authenticate(new AuthenticateRequest(PresentedKey.of(keyA.plaintext()), user("u-1", "ann@a.example")), PRM);

        ForbiddenException refused = assertThrows(ForbiddenException.class, () -> auth.launch(
                new LaunchRequest(LaunchAction.OPEN_OPPORTUNITY, OWNED_BY_B, null), token.value(), PRM));

        assertEquals(ForbiddenException.Reason.OPPORTUNITY_REFUSED, refused.reason());
        assertEquals(List.of(Problem.of("FORBIDDEN", "Forbidden")), refused.problems());
        AuditEvent event = events.stream().filter(e -> e.type() == AuditEventType.OPPORTUNITY_REFUSED).findFirst().orElseThrow();
        assertEquals("CRM says " + OWNED_BY_B + " belongs to another partner", event.reason());
        assertEquals(keyA.metadata().partnerId().value(), event.partnerId());
        assertEquals("u-1", event.userId());
        assertEquals("OPEN_OPPORTUNITY opportunity_id=" + OWNED_BY_B, event.detail());
        // the same token still opens an opportunity the partner may open
        Launch launch = auth.launch(new LaunchRequest(LaunchAction.OPEN_OPPORTUNITY, "OPP-1", null), token.value(), PRM);
        assertEquals(java.util.Set.of("OPP-1"), launch.principal().opportunityIds());
    }

    @Test
    void launchWhenAuthorizerRefusesAgainAndAgainThenCountedLikeRefusedTokensAnd429OverTheCount() {
        PartnerAuth strict = PartnerAuth.builder().keyPepper(PEPPER).publicBaseUrl(URI.create("https://cpq.example.com"))
                .clock(clock).ticker(clock.ticker()).tokenFailureLimit(2)
                .launchAuthorizer((partner, user, request) -> {
                    authorizerCalls.incrementAndGet();
                    return new LaunchAuthorizer.Refused("not yours");
                }).build();
        strict.updateSettings(new AuthenticatorSettings(true, CrmSystem.SALESFORCE, List.of()), "root");
        IssuedKey key = strict.createKey("P", IpAllowlist.ANY, null, "root");
        IssuedCredential token = strict.authenticate(new AuthenticateRequest(PresentedKey.of(key.plaintext()), user("u-1", "a@a.example")), PRM);

        for (String opportunity : List.of("006-1", "006-2")) {
            assertThrows(ForbiddenException.class, () -> strict.launch(
                    new LaunchRequest(LaunchAction.OPEN_OPPORTUNITY, opportunity, null), token.value(), PRM));
        }
        assertThrows(TooManyRequestsException.class, () -> strict.launch(
                new LaunchRequest(LaunchAction.OPEN_OPPORTUNITY, "006-3", null), token.value(), PRM));
        // a live token is always judged (SPEC §3: a valid credential whatever the count), so the
        // host is asked; only its refusal turns into 429
        assertEquals(3, authorizerCalls.get());
    }

    @Test
    void launchWhenAllowedThenAuthorizerSawPartnerUserActionAndIdsOnce() {
        signIn(keyB, user("u-7", "bob@b.example"), OWNED_BY_B);
        assertEquals(List.of(partnerB() + " u-7 OPEN_OPPORTUNITY " + OWNED_BY_B), authorizerSaw);
    }

    @Test
    void launchWhenTokenSpentThenAuthorizerNeverAskedWhateverTheOpportunity() {
        IssuedCredential token = auth.authenticate(new AuthenticateRequest(PresentedKey.of(keyA.plaintext()), user("u-1", "a@a.example")), PRM);
        auth.launch(new LaunchRequest(LaunchAction.OPEN_OPPORTUNITY, "OPP-1", null), token.value(), PRM);
        authorizerCalls.set(0);

        // a replay cannot learn who owns an id (refused vs spent) nor claim one the host would allow
        for (String opportunity : List.of(OWNED_BY_B, "OPP-NEVER-OPENED")) {
            UnauthenticatedException e = assertThrows(UnauthenticatedException.class, () -> auth.launch(
                    new LaunchRequest(LaunchAction.OPEN_OPPORTUNITY, opportunity, null), token.value(), PRM));
            assertEquals(UnauthenticatedException.Reason.ALREADY_USED, e.reason());
        }
        assertEquals(0, authorizerCalls.get(), "a spent token never reaches the host's authorizer");
    }

    @Test
    void launchWhenSpentTokenNamesARefusedOrAnAllowedIdThenTheSameRefusalAndAuditShape() {
        IssuedCredential token = auth.authenticate(new AuthenticateRequest(PresentedKey.of(keyA.plaintext()), user("u-1", "a@a.example")), PRM);
        auth.launch(new LaunchRequest(LaunchAction.OPEN_OPPORTUNITY, "OPP-1", null), token.value(), PRM);
        events.clear();

        UnauthenticatedException refusedId = assertThrows(UnauthenticatedException.class, () -> auth.launch(
                new LaunchRequest(LaunchAction.OPEN_OPPORTUNITY, OWNED_BY_B, null), token.value(), PRM));
        UnauthenticatedException allowedId = assertThrows(UnauthenticatedException.class, () -> auth.launch(
                new LaunchRequest(LaunchAction.OPEN_OPPORTUNITY, "OPP-2", null), token.value(), PRM));

        assertEquals(refusedId.status(), allowedId.status());
        assertEquals(refusedId.problems(), allowedId.problems());
        assertEquals(2, events.size(), events.toString());
        for (AuditEvent event : events) {
            // a replay names its partner, key and user (the token's signed claims)
            assertEquals(AuditEventType.TOKEN_REFUSED, event.type());
            assertEquals("ALREADY_USED", event.reason());
            assertEquals(keyA.metadata().partnerId().value(), event.partnerId());
            assertEquals(keyA.metadata().id().value(), event.keyId());
            assertEquals("u-1", event.userId());
            assertEquals(null, event.detail());
        }
    }

    @Test
    void launchWhenAuthorizerRefusedThenTokenStillLiveAndExactlyOneOfManyConcurrentRedemptionsWins() throws Exception {
        IssuedCredential token = auth.authenticate(new AuthenticateRequest(PresentedKey.of(keyA.plaintext()), user("u-1", "a@a.example")), PRM);
        assertThrows(ForbiddenException.class, () -> auth.launch(
                new LaunchRequest(LaunchAction.OPEN_OPPORTUNITY, OWNED_BY_B, null), token.value(), PRM));

        int threads = 16;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        auth.launch(new LaunchRequest(LaunchAction.OPEN_OPPORTUNITY, "OPP-1", null), token.value(), PRM);
                        return true;
                    } catch (UnauthenticatedException e) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int won = 0;
            for (java.util.concurrent.Future<Boolean> r : results) {
                won += r.get(10, java.util.concurrent.TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, won);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void authenticateWhenPartnerHasItsBoundOfTokensOutstandingThen429AndOtherPartnersStillSignIn() {
        PartnerAuth bounded = PartnerAuth.builder().keyPepper(PEPPER).publicBaseUrl(URI.create("https://cpq.example.com"))
                .clock(clock).ticker(clock.ticker()).maxOutstandingTokensPerPartner(3).auditListener(events::add).build();
        bounded.updateSettings(new AuthenticatorSettings(true, CrmSystem.SALESFORCE, List.of()), "root");
        IssuedKey greedy = bounded.createKey("Greedy", IpAllowlist.ANY, null, "root");
        IssuedKey other = bounded.createKey("Other", IpAllowlist.ANY, null, "root");
        for (int i = 0; i < 3; i++) {
            bounded.authenticate(new AuthenticateRequest(PresentedKey.of(greedy.plaintext()), user("u-" + i, "a@a.example")), PRM);
        }
        clock.advance(Duration.ofSeconds(20));

        TooManyRequestsException e = assertThrows(TooManyRequestsException.class, () -> bounded.authenticate(
                new AuthenticateRequest(PresentedKey.of(greedy.plaintext()), user("u-9", "a@a.example")), PRM));

        assertEquals(429, e.status());
        assertTrue(bounded.findUser(greedy.metadata().partnerId(), "u-9").isEmpty(), "refused before provisioning");
        AuditEvent refused = events.get(events.size() - 1);
        assertEquals(AuditEventType.AUTHENTICATE_REFUSED, refused.type());
        assertEquals("TOO_MANY_REQUESTS", refused.reason());
        assertEquals(greedy.metadata().partnerId().value(), refused.partnerId());
        assertNotNull(bounded.authenticate(new AuthenticateRequest(PresentedKey.of(other.plaintext()), user("u-1", "b@b.example")), PRM));
        // two token lifetimes on, none of the partner's tokens can be outstanding any more
        clock.advance(Duration.ofSeconds(100));
        assertNotNull(bounded.authenticate(new AuthenticateRequest(PresentedKey.of(greedy.plaintext()), user("u-9", "a@a.example")), PRM));
    }

    @Test
    void authenticateWhenPartnerAtItsUserBoundThenNewUserRefused409AndAudited() {
        PartnerAuth bounded = PartnerAuth.builder().keyPepper(PEPPER).publicBaseUrl(URI.create("https://cpq.example.com"))
                .clock(clock).ticker(clock.ticker()).userStore(new dev.partnerauth.internal.memory.InMemoryPartnerUserStore(2))
                .auditListener(events::add).build();
        bounded.updateSettings(new AuthenticatorSettings(true, CrmSystem.SALESFORCE, List.of()), "root");
        IssuedKey key = bounded.createKey("P", IpAllowlist.ANY, null, "root");
        bounded.authenticate(new AuthenticateRequest(PresentedKey.of(key.plaintext()), user("u-1", "a@a.example")), PRM);
        bounded.authenticate(new AuthenticateRequest(PresentedKey.of(key.plaintext()), user("u-2", "a@a.example")), PRM);

        ConflictException e = assertThrows(ConflictException.class, () -> bounded.authenticate(
                new AuthenticateRequest(PresentedKey.of(key.plaintext()), user("u-3", "a@a.example")), PRM));

        assertEquals(409, e.status());
        assertEquals("USER_LIMIT_REACHED", events.get(events.size() - 1).reason());
        assertNotNull(bounded.authenticate(new AuthenticateRequest(PresentedKey.of(key.plaintext()), user("u-1", "a@a.example")), PRM));
    }

    @Test
    void launchWhenAuthorizerRefusedOneTokenTenTimesThenTheTokenIsRefusedUnasked() throws Exception {
        IssuedCredential token = auth.authenticate(new AuthenticateRequest(PresentedKey.of(keyA.plaintext()), user("u-1", "a@a.example")), PRM);
        for (int i = 0; i < PartnerAuth.MAX_LAUNCH_REFUSALS_PER_TOKEN; i++) {
            InetAddress from = InetAddress.getByAddress(new byte[] {(byte) 198, 51, 100, (byte) i});
            assertThrows(ForbiddenException.class, () -> auth.launch(
                    new LaunchRequest(LaunchAction.OPEN_OPPORTUNITY, OWNED_BY_B, null), token.value(), from));
        }
        authorizerCalls.set(0);

        UnauthenticatedException e = assertThrows(UnauthenticatedException.class, () -> auth.launch(
                new LaunchRequest(LaunchAction.OPEN_OPPORTUNITY, "OPP-1", null), token.value(), PRM));

        assertEquals(UnauthenticatedException.Reason.LAUNCH_REFUSED_TOO_OFTEN, e.reason());
        assertEquals(0, authorizerCalls.get(), "one token cannot make the host's CRM answer for id after id");
        // another token of the same user is not affected
        IssuedCredential fresh = auth.authenticate(new AuthenticateRequest(PresentedKey.of(keyA.plaintext()), user("u-1", "a@a.example")), PRM);
        assertNotNull(auth.launch(new LaunchRequest(LaunchAction.OPEN_OPPORTUNITY, "OPP-1", null), fresh.value(), PRM));
    }

    @Test
    void launchWhenTokenForgedThenAuthorizerNeverCalled() {
        IssuedCredential token = auth.authenticate(new AuthenticateRequest(PresentedKey.of(keyA.plaintext()), user("u-1", "a@a.example")), PRM);
        String forged = token.value().substring(0, token.value().length() - 2) + (token.value().endsWith("AA") ? "BB" : "AA");

        assertThrows(UnauthenticatedException.class,
                () -> auth.launch(new LaunchRequest(LaunchAction.OPEN_OPPORTUNITY, "OPP-1", null), forged, PRM));
        assertEquals(0, authorizerCalls.get());
    }

    @Test
    void rollWhenPartnerSignsInThroughNewKeyThenSameUserAndOldKeyEndsAfterGrace() {
        PartnerPrincipal before = signIn(keyA, user("u-1", "ann@a.example"), "OPP-1");
        auth.findUser(keyA.metadata().partnerId(), "u-1").orElseThrow();

        IssuedKey rolled = auth.rollKey(keyA.metadata().id(), Duration.ofHours(1), "root");

        assertEquals(keyA.metadata().partnerId(), rolled.metadata().partnerId());
        assertEquals("Partner A", rolled.metadata().name());
        PartnerPrincipal after = signIn(rolled, user("u-1", "ann@a.example"), "OPP-2");
        assertTrue(before.sameIdentity(after));
        assertEquals(before.getName(), after.getName());
        assertEquals(List.of("u-1"), auth.listUsers(keyA.metadata().partnerId(), 10).stream().map(PartnerUser::userId).toList());
        signIn(keyA, user("u-1", "ann@a.example"), "OPP-1"); // still within the grace
        clock.advance(Duration.ofHours(1));
        ForbiddenException expired = assertThrows(ForbiddenException.class,
                () -> auth.authenticate(new AuthenticateRequest(PresentedKey.of(keyA.plaintext()), user("u-1", "ann@a.example")), PRM));
        assertEquals(ForbiddenException.Reason.KEY_EXPIRED, expired.reason());
        AuditEvent roll = events.stream().filter(e -> e.type() == AuditEventType.KEY_ROLLED).findFirst().orElseThrow();
        assertEquals("root", roll.actor());
        assertEquals(keyA.metadata().id().value(), roll.keyId());
    }

    @Test
    void rollWhenOldKeyExpiresBeforeTheGraceEndsThenItsEarlierExpiryKept() {
        java.time.Instant soon = clock.instant().plus(Duration.ofMinutes(10));
        auth.updateKey(keyA.metadata().id(), dev.partnerauth.key.KeyChanges.none().withExpiresAt(soon), "root");

        IssuedKey rolled = auth.rollKey(keyA.metadata().id(), Duration.ofHours(24), "root");

        assertEquals(soon, auth.key(keyA.metadata().id()).expiresAt());
        assertEquals(soon, rolled.metadata().expiresAt(), "a contractual end date survives the roll");
    }

    @Test
    void rollWhenGraceOutOfBoundsOrKeyUnknownThenRefusedAndNoKeyMade() {
        assertThrows(IllegalArgumentException.class, () -> auth.rollKey(keyA.metadata().id(), Duration.ofSeconds(-1), "root"));
        assertThrows(IllegalArgumentException.class,
                () -> auth.rollKey(keyA.metadata().id(), Duration.ofDays(30).plusSeconds(1), "root"));
        assertThrows(NotFoundException.class,
                () -> auth.rollKey(new dev.partnerauth.key.KeyId("AAAAAAAAAAAA"), Duration.ZERO, "root"));
        assertEquals(2, auth.listKeys().size());
    }

    @Test
    void createForPartnerWhenPartnerHasAKeyThenSameUsers() {
        PartnerPrincipal before = signIn(keyA, user("u-1", "ann@a.example"), "OPP-1");
        IssuedKey second = auth.createKeyForPartner(keyA.metadata().partnerId(), "Partner A hand-over", IpAllowlist.ANY,
                null, "root");

        assertTrue(before.sameIdentity(signIn(second, user("u-1", "ann@a.example"), "OPP-1")));
    }

    @Test
    void createForPartnerWhenNoKeyHasThatPartnerThenRefusedNamingTheField() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> auth.createKeyForPartner(
                new PartnerId("prt_nobodyHasThis0000"), "Stray", IpAllowlist.ANY, null, "root"));
        assertEquals("partner_id", e.problems().get(0).field());
    }

    @Test
    void setUserEnabledWhenDisabledThenRefusedAtAuthenticateAndAuditedWithAdmin() {
        signIn(keyA, user("u-1", "ann@a.example"), "OPP-1");
        signIn(keyB, user("u-1", "bob@b.example"), "OPP-2");

        PartnerUser off = auth.setUserEnabled(keyA.metadata().partnerId(), "u-1", false, "root");

        assertFalse(off.enabled());
        ForbiddenException e = assertThrows(ForbiddenException.class,
                () -> auth.authenticate(new AuthenticateRequest(PresentedKey.of(keyA.plaintext()), user("u-1", "ann@a.example")), PRM));
        assertEquals(ForbiddenException.Reason.USER_DISABLED, e.reason());
        signIn(keyB, user("u-1", "bob@b.example"), "OPP-2"); // B's u-1 is another user
        AuditEvent event = events.stream().filter(ev -> ev.type() == AuditEventType.USER_DISABLED).findFirst().orElseThrow();
        assertEquals("root", event.actor());
        assertEquals(keyA.metadata().partnerId().value(), event.partnerId());
        assertEquals("u-1", event.userId());
        AuditEvent refusal = events.stream().filter(ev -> ev.type() == AuditEventType.AUTHENTICATE_REFUSED)
                .reduce((first, last) -> last).orElseThrow();
        assertEquals(keyA.metadata().partnerId().value(), refusal.partnerId());
    }

    @Test
    void setUserEnabledWhenUnknownThenNotFound() {
        signIn(keyB, user("u-1", "bob@b.example"), "OPP-2");
        assertThrows(NotFoundException.class, () -> auth.setUserEnabled(keyA.metadata().partnerId(), "u-1", false, "root"));
    }

    @Test
    void adminChangesWhenMadeThenAuditedWithTheAdminAndPartner() {
        auth.updateKey(keyA.metadata().id(), dev.partnerauth.key.KeyChanges.none().withName("Renamed"), "alice");
        auth.deleteKey(keyB.metadata().id(), "bob");

        AuditEvent created = events.stream().filter(e -> e.type() == AuditEventType.KEY_CREATED).findFirst().orElseThrow();
        AuditEvent renamed = events.stream().filter(e -> e.type() == AuditEventType.KEY_RENAMED).findFirst().orElseThrow();
        AuditEvent deleted = events.stream().filter(e -> e.type() == AuditEventType.KEY_DELETED).findFirst().orElseThrow();
        AuditEvent settings = events.stream().filter(e -> e.type() == AuditEventType.SETTINGS_CHANGED).findFirst().orElseThrow();
        assertEquals(List.of("root", "alice", "bob", "root"),
                List.of(created.actor(), renamed.actor(), deleted.actor(), settings.actor()));
        assertEquals(keyA.metadata().partnerId().value(), renamed.partnerId());
        assertEquals(partnerB().value(), deleted.partnerId());
    }
}
