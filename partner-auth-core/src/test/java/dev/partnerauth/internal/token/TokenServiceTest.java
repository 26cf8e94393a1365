package dev.partnerauth.internal.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.UnauthenticatedException.Reason;
import dev.partnerauth.UnauthenticatedException;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.testing.MutableClock;
import dev.partnerauth.token.CaffeineGrantStore;
import dev.partnerauth.internal.memory.InMemorySigningKeyStore;
import dev.partnerauth.token.IssuedCredential;
import dev.partnerauth.token.PendingGrant;
import dev.partnerauth.token.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class TokenServiceTest {
    private static final KeyId KEY = new KeyId("AAAAAAAAAAAA");
    private static final KeyId OTHER_KEY = new KeyId("BBBBBBBBBBBB");
    private static final Duration TTL = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock();
    private final SecureRandom random = new SecureRandom();
    private final CaffeineGrantStore grants = new CaffeineGrantStore(clock, clock.ticker(), 1000);
    private final InMemorySigningKeyStore signingKeys = new InMemorySigningKeyStore();
    private final TokenService tokens = new TokenService(signingKeys, grants, clock, random, TTL);

    @Test
    void redeemAccessTokenWhenFreshThenGrantForKeyAndUser() {
        IssuedCredential token = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1");

        PendingGrant grant = tokens.redeemAccessToken(token.value(), claimed -> { });

        assertEquals(KEY, grant.keyId());
        assertEquals("user-1", grant.userId());
        assertEquals(clock.instant().plus(TTL), token.expiresAt());
    }

    @Test
    void redeemAccessTokenWhenAt59SecondsThenAccepted() {
        IssuedCredential token = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1");
        clock.advance(Duration.ofSeconds(59));

        assertEquals("user-1", tokens.redeemAccessToken(token.value(), claimed -> { }).userId());
    }

    @Test
    void redeemAccessTokenWhenAt61SecondsThenExpired() {
        IssuedCredential token = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1");
        clock.advance(Duration.ofSeconds(61));

        assertRefused(Reason.EXPIRED, () -> tokens.redeemAccessToken(token.value(), claimed -> { }));
    }

    @Test
    void redeemAccessTokenWhenExactlyAtExpiryThenExpired() {
        IssuedCredential token = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1");
        clock.advance(TTL);

        assertRefused(Reason.EXPIRED, () -> tokens.redeemAccessToken(token.value(), claimed -> { }));
    }

    @Test
    void redeemAccessTokenWhenRedeemedTwiceThenAlreadyUsed() {
        IssuedCredential token = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1");
        tokens.redeemAccessToken(token.value(), claimed -> { });

        assertRefused(Reason.ALREADY_USED, () -> tokens.redeemAccessToken(token.value(), claimed -> { }));
    }

    @Test
    void redeemAccessTokenWhen64ThreadsRaceThenExactlyOneSucceeds() throws Exception {
        IssuedCredential token = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1");
        int threads = 64;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    try {
                        tokens.redeemAccessToken(token.value(), claimed -> { });
                        return true;
                    } catch (UnauthenticatedException e) {
                        assertEquals(Reason.ALREADY_USED, e.reason());
                        return false;
                    }
                }));
            }
            assertTrue(ready.await(10, TimeUnit.SECONDS));
            start.countDown();
            int successes = 0;
            for (Future<Boolean> r : results) {
                successes += r.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, successes);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void redeemAccessTokenWhenPayloadSwappedThenBadSignature() {
        String[] a = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1").value().split("\\.");
        String[] b = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "admin").value().split("\\.");
        String forged = a[0] + "." + b[1] + "." + a[2];

        assertRefused(Reason.BAD_SIGNATURE, () -> tokens.redeemAccessToken(forged, claimed -> { }));
    }

    @Test
    void redeemAccessTokenWhenSignatureAlteredThenBadSignature() {
        String token = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1").value();
        int sig = token.lastIndexOf('.') + 1;
        // the first character carries six full bits of the MAC (the last may carry only padding)
        String forged = token.substring(0, sig) + (token.charAt(sig) == 'A' ? 'B' : 'A') + token.substring(sig + 1);

        assertRefused(Reason.BAD_SIGNATURE, () -> tokens.redeemAccessToken(forged, claimed -> { }));
    }

    @Test
    void redeemAccessTokenWhenSignatureSpelledWithItsSpareBitsSetThenBadSignatureAndTheTokenStillRedeems() {
        String token = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1").value();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = token.charAt(token.length() - 1);
        // the last of 43 characters carries 4 bits of the MAC and 2 spare bits: flipping the lowest
        // spare bit leaves the decoded MAC as it was
        String respelled = token.substring(0, token.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);

        assertRefused(Reason.BAD_SIGNATURE, () -> tokens.redeemAccessToken(respelled, claimed -> { }));
        assertEquals("user-1", tokens.redeemAccessToken(token, claimed -> { }).userId());
    }

    @Test
    void redeemAccessTokenWhenAlgNoneThenMalformed() {
        String[] parts = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1").value().split("\\.");
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";

        assertRefused(Reason.MALFORMED, () -> tokens.redeemAccessToken(none, claimed -> { }));
    }

    @Test
    void redeemAccessTokenWhenOtherHmacAlgorithmThenMalformed() {
        String[] parts = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1").value().split("\\.");
        String hs512 = b64("{\"alg\":\"HS512\",\"kid\":\"x\"}") + "." + parts[1] + "." + parts[2];

        assertRefused(Reason.MALFORMED, () -> tokens.redeemAccessToken(hs512, claimed -> { }));
    }

    @Test
    void redeemAccessTokenWhenOneDotTooManyThenMalformed() {
        String token = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1").value();

        assertRefused(Reason.MALFORMED, () -> tokens.redeemAccessToken(token + ".AAAA", claimed -> { }));
    }

    @Test
    void redeemAccessTokenWhen3000CharactersThenMalformed() {
        assertRefused(Reason.MALFORMED, () -> tokens.redeemAccessToken("a".repeat(1000) + "." + "b".repeat(1000) + "." + "c".repeat(998), claimed -> { }));
    }

    @Test
    void redeemAccessTokenWhenEmptyThenMalformed() {
        assertRefused(Reason.MALFORMED, () -> tokens.redeemAccessToken("", claimed -> { }));
    }

    @Test
    void redeemAccessTokenWhenGarbageThenMalformed() {
        for (String garbage : List.of("Bearer", "a.b.c", "..", "{}", "\u0000.\u0000.\u0000", "eyJ.eyJ.x")) {
            assertRefused(Reason.MALFORMED, () -> tokens.redeemAccessToken(garbage, claimed -> { }));
        }
    }

    @Test
    void redeemAccessTokenWhenSignedByAnotherStoresKeyThenBadSignature() {
        TokenService elsewhere = new TokenService(new InMemorySigningKeyStore(), grants, clock, random, TTL);
        String foreign = elsewhere.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1").value();

        assertRefused(Reason.BAD_SIGNATURE, () -> tokens.redeemAccessToken(foreign, claimed -> { }));
    }

    @Test
    void redeemAccessTokenWhenSameKidButOtherSecretThenBadSignature() {
        String kid = signingKeys.keys(() -> SigningKey.generate(random, clock.instant())).get(0).kid();
        InMemorySigningKeyStore impostorKeys = new InMemorySigningKeyStore();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        impostorKeys.add(new SigningKey(kid, secret, clock.instant()));
        String forged = new TokenService(impostorKeys, grants, clock, random, TTL).mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1").value();

        assertRefused(Reason.BAD_SIGNATURE, () -> tokens.redeemAccessToken(forged, claimed -> { }));
    }

    @Test
    void redeemAccessTokenWhenSignedBeforeRotationThenStillRedeems() {
        IssuedCredential before = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1");

        tokens.rotateSigningKey();
        IssuedCredential after = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-2");

        assertEquals("user-1", tokens.redeemAccessToken(before.value(), claimed -> { }).userId());
        assertEquals("user-2", tokens.redeemAccessToken(after.value(), claimed -> { }).userId());
        assertNotEquals(kidOf(before.value()), kidOf(after.value()));
    }

    @Test
    void redeemAccessTokenWhenRetiredKeysRemovedRightAfterRotationThenOlderTokenStillRedeems() {
        // the first signing key has been in use for a day when the host rotates and housekeeping runs
        tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "warm-up");
        clock.advance(Duration.ofDays(1));
        IssuedCredential before = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1");

        tokens.rotateSigningKey();
        tokens.removeRetiredSigningKeys();
        clock.advance(Duration.ofSeconds(30));

        assertEquals("user-1", tokens.redeemAccessToken(before.value(), claimed -> { }).userId());
    }

    @Test
    void mintWhenAnotherNodeRotatedHalfALifetimeAgoThenSignsWithTheNewKey() {
        TokenService otherNode = new TokenService(signingKeys, grants, clock, random, TTL);
        IssuedCredential before = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1");
        clock.advance(Duration.ofSeconds(1));
        otherNode.rotateSigningKey();
        String newKid = kidOf(otherNode.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-2").value());

        clock.advance(TTL.dividedBy(2));
        IssuedCredential after = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-3");

        assertNotEquals(newKid, kidOf(before.value()));
        assertEquals(newKid, kidOf(after.value()));
    }

    @Test
    void redeemAccessTokenWhenMintedByANodeThatMissedTheRotationThenAcceptedAfterOldKeyRemoved() {
        TokenService otherNode = new TokenService(signingKeys, grants, clock, random, TTL);
        otherNode.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "warm-up");
        clock.advance(Duration.ofSeconds(1));
        tokens.rotateSigningKey();
        clock.advance(TTL.multipliedBy(2));
        assertEquals(1, tokens.removeRetiredSigningKeys());

        IssuedCredential minted = otherNode.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1");

        assertEquals("user-1", tokens.redeemAccessToken(minted.value(), claimed -> { }).userId());
    }

    @Test
    void removeRetiredSigningKeysWhenSupersededLongAgoThenRemovedButNewestKept() {
        tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "warm-up");
        clock.advance(Duration.ofSeconds(1));
        tokens.rotateSigningKey();
        clock.advance(TTL.multipliedBy(2).plusSeconds(1));

        assertEquals(1, tokens.removeRetiredSigningKeys());
        assertEquals(0, tokens.removeRetiredSigningKeys());
        assertEquals("user-1", tokens.redeemAccessToken(tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1").value(), claimed -> { }).userId());
    }

    @Test
    void removeRetiredSigningKeysWhenRotatedWithinTwoLifetimesThenOldKeyKept() {
        IssuedCredential before = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1");
        clock.advance(Duration.ofSeconds(1));
        tokens.rotateSigningKey();
        clock.advance(TTL.multipliedBy(2).minusSeconds(1));

        assertEquals(0, tokens.removeRetiredSigningKeys());
        assertEquals(2, signingKeys.keys(() -> { throw new AssertionError(); }).size());
        assertRefused(Reason.EXPIRED, () -> tokens.redeemAccessToken(before.value(), claimed -> { }));
    }

    @Test
    void redeemLaunchCodeWhenFreshThenGrantWithOpportunities() {
        IssuedCredential code = tokens.mintLaunchCode(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1", Set.of("006A", "006B"));

        PendingGrant grant = tokens.redeemLaunchCode(code.value());

        assertEquals(Set.of("006A", "006B"), grant.opportunityIds());
        assertEquals(KEY, grant.keyId());
        assertEquals(43, code.value().length());
    }

    @Test
    void redeemLaunchCodeWhenRedeemedTwiceThenRefused() {
        IssuedCredential code = tokens.mintLaunchCode(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1", Set.of("006A"));
        tokens.redeemLaunchCode(code.value());

        assertRefused(Reason.ALREADY_USED, () -> tokens.redeemLaunchCode(code.value()));
    }

    @Test
    void redeemLaunchCodeWhenExpiredThenRefused() {
        IssuedCredential code = tokens.mintLaunchCode(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1", Set.of("006A"));
        clock.advance(TTL.plusSeconds(1));

        assertThrows(UnauthenticatedException.class, () -> tokens.redeemLaunchCode(code.value()));
    }

    @Test
    void redeemLaunchCodeWhenMalformedThenRefusedAsMalformed() {
        String good = tokens.mintLaunchCode(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1", Set.of("006A")).value();
        for (String bad : List.of("", "abc", good + "A", good.substring(1), "+" + good.substring(1), "=".repeat(43),
                good.substring(0, 42) + "\n")) {
            assertRefused(Reason.MALFORMED, () -> tokens.redeemLaunchCode(bad));
        }
    }

    @Test
    void redeemWhenCredentialOfTheOtherKindThenRefused() {
        IssuedCredential token = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1");
        IssuedCredential code = tokens.mintLaunchCode(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1", Set.of("006A"));

        assertThrows(UnauthenticatedException.class, () -> tokens.redeemLaunchCode(token.value()));
        assertThrows(UnauthenticatedException.class, () -> tokens.redeemAccessToken(code.value(), claimed -> { }));
    }

    @Test
    void revokeKeyWhenCalledThenOnlyThatKeysGrantsDropped() {
        IssuedCredential mine = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1");
        IssuedCredential myCode = tokens.mintLaunchCode(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1", Set.of("006A"));
        IssuedCredential theirs = tokens.mintAccessToken(OTHER_KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-2");
        IssuedCredential theirCode = tokens.mintLaunchCode(OTHER_KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-2", Set.of("006B"));

        grants.revokeKey(KEY);

        assertRefused(Reason.ALREADY_USED, () -> tokens.redeemAccessToken(mine.value(), claimed -> { }));
        assertRefused(Reason.ALREADY_USED, () -> tokens.redeemLaunchCode(myCode.value()));
        assertEquals("user-2", tokens.redeemAccessToken(theirs.value(), claimed -> { }).userId());
        assertEquals("user-2", tokens.redeemLaunchCode(theirCode.value()).userId());
    }

    @Test
    void revokeAllWhenCalledThenEveryGrantDropped() {
        IssuedCredential a = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1");
        IssuedCredential b = tokens.mintAccessToken(OTHER_KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-2");
        IssuedCredential c = tokens.mintLaunchCode(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1", Set.of("006A"));

        grants.revokeAll();

        assertRefused(Reason.ALREADY_USED, () -> tokens.redeemAccessToken(a.value(), claimed -> { }));
        assertRefused(Reason.ALREADY_USED, () -> tokens.redeemAccessToken(b.value(), claimed -> { }));
        assertRefused(Reason.ALREADY_USED, () -> tokens.redeemLaunchCode(c.value()));
    }

    @Test
    void mintWhenPrintedThenCredentialRedacted() {
        IssuedCredential token = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1");
        IssuedCredential code = tokens.mintLaunchCode(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1", Set.of("006A"));

        assertFalse(token.toString().contains(token.value()));
        assertFalse(token.toString().contains(token.value().split("\\.")[2]));
        assertFalse(code.toString().contains(code.value()));
    }

    @Test
    void redeemWhenRefusedThenMessageNeverContainsTheCredential() {
        String token = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1").value();
        tokens.redeemAccessToken(token, claimed -> { });

        UnauthenticatedException e = assertThrows(UnauthenticatedException.class, () -> tokens.redeemAccessToken(token, claimed -> { }));

        assertEquals("Unauthenticated", e.getMessage());
        assertFalse(e.problems().toString().contains(token.split("\\.")[2]));
    }

    @Test
    void constructorWhenTtlNotPositiveThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TokenService(signingKeys, grants, clock, random, Duration.ZERO));
    }

    private static void assertRefused(Reason reason, Executable call) {
        UnauthenticatedException e = assertThrows(UnauthenticatedException.class, call);
        assertEquals(reason, e.reason());
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String kidOf(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        int at = header.indexOf("\"kid\":\"") + 7;
        return header.substring(at, header.indexOf('"', at));
    }
}
