package dev.partnerauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.audit.AuditEvent;
import dev.partnerauth.audit.AuditEventType;
import dev.partnerauth.crm.CrmSystem;
import dev.partnerauth.internal.memory.InMemoryKeyStore;
import dev.partnerauth.key.IssuedKey;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.key.PresentedKey;
import dev.partnerauth.settings.AuthenticatorSettings;
import dev.partnerauth.internal.memory.InMemorySettingsStore;
import dev.partnerauth.testing.MutableClock;
import dev.partnerauth.token.CaffeineGrantStore;
import dev.partnerauth.internal.memory.InMemorySigningKeyStore;
import dev.partnerauth.internal.memory.InMemoryPartnerUserStore;
import dev.partnerauth.user.PartnerUser;
import dev.partnerauth.user.PartnerUserStore;
import dev.partnerauth.user.UserInformation;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link PartnerAuth#signOutUser}, {@link PartnerAuth#deactivateUser}, {@link
 * PartnerAuth#activateUser} and the admin's sign-out, on two nodes sharing stores: the partner's
 * calls end its user's sessions, tokens and launch codes everywhere, and touch no other partner's user.
 */
class PartnerSignOutTest {
    private static final KeyPepper PEPPER = KeyPepper.of(new byte[32]);
    private static final InetAddress PRM = InetAddress.getLoopbackAddress();

    private final MutableClock clock = new MutableClock();
    private final InMemoryKeyStore keyStore = new InMemoryKeyStore();
    private final InMemoryPartnerUserStore userStore = new InMemoryPartnerUserStore();
    private final InMemorySettingsStore settingsStore = new InMemorySettingsStore();
    private final CaffeineGrantStore grants = new CaffeineGrantStore(clock, clock.ticker(), 1000);
    private final InMemorySigningKeyStore signingKeys = new InMemorySigningKeyStore();
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    /** Two nodes on the same stores: the partner calls A, the user's browser reaches B. */
    private final PartnerAuth a = node(clock, b -> b.auditListener(events::add));
    private final PartnerAuth b = node(clock, b -> { });
    private final IssuedKey key = enableAndCreateKey();
    private final IssuedKey otherPartnersKey = a.createKey("Other PRM", IpAllowlist.ANY, null, "admin");

    private PartnerAuth node(Clock nodeClock, Consumer<PartnerAuth.Builder> customiser) {
        PartnerAuth.Builder builder = PartnerAuth.builder().keyPepper(PEPPER).publicBaseUrl(URI.create("https://cpq.example.com"))
                .clock(nodeClock).ticker(clock.ticker()).slf4jAudit(false)
                .keyStore(keyStore).userStore(userStore).settingsStore(settingsStore)
                .grantStore(grants).signingKeyStore(signingKeys);
        customiser.accept(builder);
        return builder.build();
    }

    private IssuedKey enableAndCreateKey() {
        a.updateSettings(new AuthenticatorSettings(true, CrmSystem.SALESFORCE, List.of()), "admin");
        return a.createKey("Acme PRM", IpAllowlist.ANY, null, "admin");
    }

    private static UserInformation user(String userId) {
        return new UserInformation(userId, userId, userId + "@partner.example", "Partner " + userId,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    private String token(PartnerAuth node, IssuedKey through, String userId) {
        return node.authenticate(new AuthenticateRequest(PresentedKey.of(through.plaintext()), user(userId)), PRM).value();
    }

    private String launchCode(PartnerAuth node, String token) {
        URI url = node.launch(new LaunchRequest(LaunchAction.OPEN_OPPORTUNITY, "006", null), token, PRM).url();
        return url.getRawQuery().substring("launch=".length());
    }

    private PartnerPrincipal signIn(PartnerAuth node, IssuedKey through, String userId) {
        return node.redeemLaunchCode(launchCode(node, token(node, through, userId)), PRM);
    }

    private static PartnerUserRequest request(IssuedKey through, String userId) {
        return new PartnerUserRequest(PresentedKey.of(through.plaintext()), userId);
    }

    private UnauthenticatedException.Reason refusedLaunch(PartnerAuth node, String token) {
        return assertThrows(UnauthenticatedException.class, () -> launchCode(node, token)).reason();
    }

    @Test
    void signOutWhenSentToOtherNodeThenSessionEndsWithinIntervalAndColleagueStays() {
        PartnerPrincipal ann = signIn(b, key, "ann");
        PartnerPrincipal bob = signIn(b, key, "bob");
        assertEquals(Optional.empty(), b.checkSession(ann, PRM));

        a.signOutUser(request(key, "ann"), PRM);
        clock.advance(Duration.ofMillis(4999));
        Optional<SessionEndReason> withinInterval = b.checkSession(ann, PRM);
        clock.advance(Duration.ofMillis(1));

        assertEquals(Optional.empty(), withinInterval, "B may answer from its copy for up to 5 s");
        assertEquals(Optional.of(SessionEndReason.USER_SIGNED_OUT), b.checkSession(ann, PRM));
        assertEquals(Optional.empty(), b.checkSession(bob, PRM), "another user of the partner stays signed in");
    }

    @Test
    void signInWhenSignedOutOnOtherNodeThenNewSessionStandsThereAtOnce() {
        PartnerPrincipal old = signIn(b, key, "ann");
        assertEquals(Optional.empty(), b.checkSession(old, PRM)); // B now holds a copy of generation 0

        a.signOutUser(request(key, "ann"), PRM);
        PartnerPrincipal fresh = signIn(a, key, "ann");

        assertEquals(Optional.empty(), b.checkSession(fresh, PRM), "a copy older than the session is read again");
        assertEquals(Optional.of(SessionEndReason.USER_SIGNED_OUT), b.checkSession(old, PRM));
    }

    @Test
    void signInWhenReactivatedOnOtherNodeThenNewSessionStandsThereAtOnce() {
        PartnerPrincipal old = signIn(b, key, "ann");
        a.deactivateUser(request(key, "ann"), PRM);
        clock.advance(Duration.ofSeconds(5));
        assertEquals(Optional.of(SessionEndReason.USER_DEACTIVATED), b.checkSession(old, PRM)); // B's copy: inactive

        a.activateUser(request(key, "ann"), PRM);
        PartnerPrincipal fresh = signIn(a, key, "ann");

        assertEquals(Optional.empty(), b.checkSession(fresh, PRM));
    }

    @Test
    void checkSessionWhenUserRecordReplacedWithAnEarlierGenerationThenSessionEnds() {
        signIn(a, key, "ann");
        a.signOutUser(request(key, "ann"), PRM);
        PartnerPrincipal second = signIn(b, key, "ann"); // generation 1
        PartnerUser stored = userStore.find(key.metadata().partnerId(), "ann").orElseThrow();
        PartnerAuth fresh = node(clock, x -> x.userStore(new InMemoryPartnerUserStore()));
        // the same user, provisioned anew in a store that never saw the sign-out
        token(fresh, key, "ann");

        assertEquals(1, stored.sessionGeneration());
        assertEquals(Optional.of(SessionEndReason.USER_SIGNED_OUT), fresh.checkSession(second, PRM));
    }

    @Test
    void signOutWhenSentToThisNodeThenSessionEndsAtOnce() {
        PartnerPrincipal ann = signIn(a, key, "ann");
        assertEquals(Optional.empty(), a.checkSession(ann, PRM));

        a.signOutUser(request(key, "ann"), PRM);

        assertEquals(Optional.of(SessionEndReason.USER_SIGNED_OUT), a.checkSession(ann, PRM));
    }

    @Test
    void signOutWhenTokenMintedInTheSameInstantThenRefusedAndNextSignInAccepted() {
        // the clock stands still: only the order of the two writes can decide, and it does
        String before = token(a, key, "ann");
        a.signOutUser(request(key, "ann"), PRM);
        String after = token(a, key, "ann");

        assertEquals(UnauthenticatedException.Reason.USER_SIGNED_OUT, refusedLaunch(b, before));
        PartnerPrincipal again = b.redeemLaunchCode(launchCode(b, after), PRM);
        assertEquals(Optional.empty(), b.checkSession(again, PRM), "the user can sign in again at once");
    }

    @Test
    void signOutWhenLaunchCodeOutstandingThenRefusedAtLanding() {
        String code = launchCode(b, token(b, key, "ann"));

        a.signOutUser(request(key, "ann"), PRM);

        UnauthenticatedException refused = assertThrows(UnauthenticatedException.class, () -> b.redeemLaunchCode(code, PRM));
        assertEquals(UnauthenticatedException.Reason.USER_SIGNED_OUT, refused.reason());
    }

    @Test
    void signOutWhenSentThroughNodeWhoseClockLagsAnHourThenStillEndsEverything() {
        MutableClock lagging = new MutableClock(clock.instant().minus(Duration.ofHours(1)));
        PartnerAuth late = node(lagging, x -> { });
        PartnerPrincipal ann = signIn(b, key, "ann");
        String outstanding = token(b, key, "ann");

        late.signOutUser(request(key, "ann"), PRM);
        clock.advance(Duration.ofSeconds(5));

        assertEquals(Optional.of(SessionEndReason.USER_SIGNED_OUT), b.checkSession(ann, PRM));
        assertEquals(UnauthenticatedException.Reason.USER_SIGNED_OUT, refusedLaunch(b, outstanding));
    }

    @Test
    void signOutWhenSessionBeganOnNodeWhoseClockRunsAheadThenStillEnds() {
        PartnerAuth early = node(Clock.offset(clock, Duration.ofHours(1)), x -> { });
        PartnerPrincipal ann = signIn(early, key, "ann");

        a.signOutUser(request(key, "ann"), PRM);

        assertTrue(ann.signedInAt().isAfter(clock.instant()), "signed in 'after' the sign-out by its clock");
        assertEquals(Optional.of(SessionEndReason.USER_SIGNED_OUT), a.checkSession(ann, PRM));
    }

    @Test
    void signOutWhenAnotherPartnersKeyNamesTheUserIdThenNotFoundAndNothingChanged() {
        PartnerPrincipal ann = signIn(b, key, "ann");
        String outstanding = token(b, key, "ann");

        NotFoundException e = assertThrows(NotFoundException.class, () -> a.signOutUser(request(otherPartnersKey, "ann"), PRM));
        assertThrows(NotFoundException.class, () -> a.deactivateUser(request(otherPartnersKey, "ann"), PRM));
        clock.advance(Duration.ofSeconds(6));

        assertEquals(404, e.status());
        assertEquals("user_id", e.problems().get(0).field());
        assertEquals(Optional.empty(), b.checkSession(ann, PRM));
        launchCode(b, outstanding);
        PartnerUser stored = a.findUser(key.metadata().partnerId(), "ann").orElseThrow();
        assertTrue(stored.active());
        assertEquals(0, stored.sessionGeneration());
    }

    @Test
    void signOutWhenSameUserIdAtAnotherPartnerThenOnlyTheCallersUserEnds() {
        PartnerPrincipal ours = signIn(b, key, "ann");
        PartnerPrincipal theirs = signIn(b, otherPartnersKey, "ann");

        a.signOutUser(request(otherPartnersKey, "ann"), PRM);
        clock.advance(Duration.ofSeconds(5));

        assertEquals(Optional.empty(), b.checkSession(ours, PRM));
        assertEquals(Optional.of(SessionEndReason.USER_SIGNED_OUT), b.checkSession(theirs, PRM));
    }

    @Test
    void signOutWhenUnknownUserThenNotFoundNamingUserId() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> a.signOutUser(request(key, "nobody"), PRM));
        assertEquals("user_id", e.problems().get(0).field());
        assertEquals("Not found: user_id", e.problems().get(0).message());
    }

    @Test
    void signOutWhenWrongKeyThenForbiddenAuditedWithTheCall() {
        String plaintext = key.plaintext();
        // another last character, whatever the key's own is (an "x" of its own would leave it valid)
        String wrong = plaintext.substring(0, plaintext.length() - 1) + (plaintext.endsWith("x") ? "y" : "x");
        ForbiddenException e = assertThrows(ForbiddenException.class,
                () -> a.signOutUser(new PartnerUserRequest(PresentedKey.of(wrong), "ann"), PRM));
        assertEquals(List.of(Problem.of("FORBIDDEN", "Forbidden")), e.problems());
        AuditEvent refused = last(AuditEventType.AUTHENTICATE_REFUSED);
        assertEquals("signout/user", refused.detail());
    }

    @Test
    void signOutWhenAuthenticatorDisabledThenForbiddenAndNothingChanged() {
        signIn(a, key, "ann");
        a.updateSettings(s -> new AuthenticatorSettings(false, s.crm(), s.allowedOrigins()), "admin");

        ForbiddenException e = assertThrows(ForbiddenException.class, () -> a.signOutUser(request(key, "ann"), PRM));

        assertEquals(ForbiddenException.Reason.AUTHENTICATOR_DISABLED, e.reason());
        assertEquals(0, a.findUser(key.metadata().partnerId(), "ann").orElseThrow().sessionGeneration());
    }

    @Test
    void signOutWhenCallerOutsideKeysAllowlistThenForbidden() {
        IssuedKey fenced = a.createKeyForPartner(key.metadata().partnerId(), "fenced", IpAllowlist.parse(List.of("203.0.113.0/24")),
                null, "admin");
        signIn(a, key, "ann");

        ForbiddenException e = assertThrows(ForbiddenException.class, () -> a.signOutUser(request(fenced, "ann"), PRM));

        assertEquals(ForbiddenException.Reason.IP_NOT_ALLOWED, e.reason());
        assertEquals(0, a.findUser(key.metadata().partnerId(), "ann").orElseThrow().sessionGeneration());
    }

    @Test
    void signOutWhenKeysGuessedFromOneNetworkThenThrottledLikeAuthenticate() {
        for (int i = 0; i < 10; i++) {
            assertThrows(ForbiddenException.class, () -> a.signOutUser(new PartnerUserRequest(PresentedKey.of("junk"), "ann"), PRM));
        }
        assertThrows(TooManyRequestsException.class,
                () -> a.deactivateUser(new PartnerUserRequest(PresentedKey.of("junk"), "ann"), PRM));
    }

    @Test
    void signOutWhenAcceptedThenAuditedWithPartnerKeyAndUser() {
        signIn(a, key, "ann");
        a.signOutUser(request(key, "ann"), PRM);

        AuditEvent e = last(AuditEventType.USER_SIGNED_OUT);
        assertEquals(key.metadata().partnerId().value(), e.partnerId());
        assertEquals(key.metadata().id().value(), e.keyId());
        assertEquals("ann", e.userId());
        assertEquals(PRM.getHostAddress(), e.clientIp());
        assertEquals(null, e.actor());
    }

    @Test
    void deactivateWhenAcceptedThenSessionsEndAndAuthenticateRefusedUntilActivated() {
        PartnerPrincipal ann = signIn(b, key, "ann");
        String outstanding = token(b, key, "ann");

        a.deactivateUser(request(key, "ann"), PRM);
        clock.advance(Duration.ofSeconds(5));

        assertEquals(Optional.of(SessionEndReason.USER_DEACTIVATED), b.checkSession(ann, PRM));
        assertEquals(UnauthenticatedException.Reason.USER_DEACTIVATED, refusedLaunch(b, outstanding));
        ForbiddenException refused = assertThrows(ForbiddenException.class, () -> token(a, key, "ann"));
        assertEquals(ForbiddenException.Reason.USER_DEACTIVATED, refused.reason());
        assertEquals(List.of(Problem.of("FORBIDDEN", "Forbidden")), refused.problems());
        assertFalse(a.findUser(key.metadata().partnerId(), "ann").orElseThrow().active());
        assertEquals(key.metadata().id().value(), last(AuditEventType.USER_DEACTIVATED).keyId());

        a.activateUser(request(key, "ann"), PRM);

        PartnerPrincipal again = signIn(b, key, "ann");
        assertEquals(Optional.empty(), b.checkSession(again, PRM));
        assertEquals("ann", last(AuditEventType.USER_ACTIVATED).userId());
    }

    @Test
    void activateWhenHostDisabledTheUserThenStillRefused() {
        signIn(a, key, "ann");
        a.setUserEnabled(key.metadata().partnerId(), "ann", false, "admin");
        a.deactivateUser(request(key, "ann"), PRM);

        a.activateUser(request(key, "ann"), PRM);

        ForbiddenException refused = assertThrows(ForbiddenException.class, () -> token(a, key, "ann"));
        assertEquals(ForbiddenException.Reason.USER_DISABLED, refused.reason());
        PartnerUser stored = a.findUser(key.metadata().partnerId(), "ann").orElseThrow();
        assertFalse(stored.enabled());
        assertTrue(stored.active());
    }

    @Test
    void setUserEnabledWhenPartnerDeactivatedThenHostsEnableDoesNotReactivate() {
        signIn(a, key, "ann");
        a.deactivateUser(request(key, "ann"), PRM);

        a.setUserEnabled(key.metadata().partnerId(), "ann", true, "admin");

        ForbiddenException refused = assertThrows(ForbiddenException.class, () -> token(a, key, "ann"));
        assertEquals(ForbiddenException.Reason.USER_DEACTIVATED, refused.reason());
    }

    @Test
    void adminSignOutWhenUserKnownThenSessionsEndAndAuditedWithAdmin() {
        PartnerPrincipal ann = signIn(a, key, "ann");

        a.signOutUser(key.metadata().partnerId(), "ann", "alice");

        assertEquals(Optional.of(SessionEndReason.USER_SIGNED_OUT), a.checkSession(ann, PRM));
        AuditEvent e = last(AuditEventType.USER_SIGNED_OUT);
        assertEquals("alice", e.actor());
        assertEquals(key.metadata().partnerId().value(), e.partnerId());
        assertEquals("ann", e.userId());
        signIn(a, key, "ann");
    }

    @Test
    void adminSignOutWhenUnknownUserThenNotFound() {
        assertThrows(NotFoundException.class, () -> a.signOutUser(new PartnerId("prt_nobody000000000"), "ann", "alice"));
    }

    @Test
    void signOutWhenHostsStoreHasNoSignOutThenUnsupportedNamingIt() {
        PartnerUserStore legacy = new PartnerUserStore() {
            @Override
            public PartnerUser upsert(PartnerId partner, UserInformation information, java.time.Instant now) {
                return userStore.upsert(partner, information, now);
            }

            @Override
            public Optional<PartnerUser> find(PartnerId partner, String userId) {
                return userStore.find(partner, userId);
            }

            @Override
            public boolean setEnabled(PartnerId partner, String userId, boolean enabled) {
                return userStore.setEnabled(partner, userId, enabled);
            }

            @Override
            public List<PartnerUser> list(PartnerId partner, int limit) {
                return userStore.list(partner, limit);
            }
        };
        PartnerAuth host = node(clock, x -> x.userStore(legacy));
        signIn(host, key, "ann");

        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> host.signOutUser(request(key, "ann"), PRM));
        assertTrue(e.getMessage().contains("PartnerUserStore.signOut"), e.getMessage());
    }

    private AuditEvent last(AuditEventType type) {
        List<AuditEvent> of = events.stream().filter(e -> e.type() == type).toList();
        assertFalse(of.isEmpty(), "no " + type + " in " + events);
        return of.get(of.size() - 1);
    }

}
