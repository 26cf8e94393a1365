package dev.partnerauth.internal.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.testing.MutableClock;
import dev.partnerauth.token.CaffeineGrantStore;
import dev.partnerauth.internal.memory.InMemorySigningKeyStore;
import dev.partnerauth.token.PendingGrant;
import dev.partnerauth.token.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Access tokens carry claims written by the library's JSON codec and are signed without nimbus:
 * whatever the user id, nimbus must read back exactly the claims a nimbus-minted token carried,
 * under a signature it accepts, and the signer's own reader must read what nimbus reads; any token
 * not in exactly the signer's form is left to the general (nimbus) reader.
 */
class AccessTokenSignerTest {
    private static final KeyId KEY = new KeyId("AbCdEfGh1234");
    private static final Duration TTL = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock();
    private final InMemorySigningKeyStore signingKeys = new InMemorySigningKeyStore();
    private final TokenService tokens = new TokenService(signingKeys, new CaffeineGrantStore(clock, clock.ticker(), 100_000),
            clock, new SecureRandom(), TTL);

    static Stream<String> awkwardUserIds() {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        return Stream.of(
                "prm-user-42",
                "",
                "say \"hi\"",
                "back\\slash\\",
                "\\\"",
                "x\",\"pak\":\"BBBBBBBBBBBB",
                "x\",\"prt\":\"prt_BBBBBBBBBBBBBBBBBBBB",
                "x\",\"exp\":99999999999,\"a\":\"",
                controls.toString(),
                "del\u007f c1\u0080\u009f",
                "line\u2028para\u2029",
                "</script><!-- & = '",
                "Zoë Müller-Øberg",
                "山田太郎",
                "emoji \uD83D\uDE00 and \uD83D\uDC4D\uD83C\uDFFD",
                "\uD83D\uDE00".repeat(127) + "x",
                "a".repeat(255),
                ("\"\\\n\u0000é😀").repeat(37).substring(0, 255));
    }

    @ParameterizedTest
    @MethodSource("awkwardUserIds")
    void mintWhenAwkwardUserIdThenNimbusVerifiesAndReadsTheSameClaims(String userId) throws Exception {
        String token = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), userId).value();

        SignedJWT jwt = SignedJWT.parse(token);
        assertTrue(jwt.verify(new MACVerifier(newestKey().secret())));
        assertEquals(nimbusClaims(jwt.getJWTClaimsSet().getJWTID(), userId, clock.instant()).toJSONObject(),
                jwt.getJWTClaimsSet().toJSONObject());
        assertEquals(userId, tokens.redeemAccessToken(token, claimed -> { }).userId());
    }

    @Test
    void mintWhenUserInALaterGenerationThenTokenCarriesItAndRedeemedGrantToo() throws Exception {
        String token = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1", 3).value();

        assertEquals(3L, SignedJWT.parse(token).getJWTClaimsSet().getLongClaim(AccessTokenSigner.GENERATION_CLAIM));
        long[] claimed = new long[1];
        assertEquals(3, tokens.redeemAccessToken(token, c -> claimed[0] = c.sessionGeneration()).sessionGeneration());
        assertEquals(3, claimed[0]);
    }

    @Test
    void mintWhenAnyTokenThenHeaderIsHs256JwtNamingTheNewestKey() throws Exception {
        SignedJWT jwt = SignedJWT.parse(tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1").value());

        assertEquals(JWSAlgorithm.HS256, jwt.getHeader().getAlgorithm());
        assertEquals(JOSEObjectType.JWT, jwt.getHeader().getType());
        assertEquals(newestKey().kid(), jwt.getHeader().getKeyID());
        assertEquals(Set.of("alg", "typ", "kid"), jwt.getHeader().toJSONObject().keySet());
        assertEquals(22, jwt.getJWTClaimsSet().getJWTID().length());
    }

    @Test
    void mintWhenClockBetweenSecondsThenIssuedAndExpiryTruncatedToTheSecond() throws Exception {
        clock.set(Instant.parse("2030-06-01T12:00:00.999Z"));

        JWTClaimsSet claims = SignedJWT.parse(tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1").value()).getJWTClaimsSet();

        assertEquals(Date.from(Instant.parse("2030-06-01T12:00:00Z")), claims.getIssueTime());
        assertEquals(Date.from(Instant.parse("2030-06-01T12:01:00Z")), claims.getExpirationTime());
    }

    @Test
    void mintWhenUnpairedSurrogatesInUserIdThenNimbusReadsThemBack() throws Exception {
        // the request parser refuses these, but the signer must not corrupt a subject it is given
        for (String userId : List.of("\uD800", "a\uDC00b", "\uDBFF\uDBFF", "end\uD83D", "\uDE00\uD83D")) {
            SignedJWT jwt = SignedJWT.parse(tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), userId).value());

            assertTrue(jwt.verify(new MACVerifier(newestKey().secret())));
            assertEquals(userId, jwt.getJWTClaimsSet().getSubject());
        }
    }

    @Test
    void mintWhenRandomUserIdsOverAllUtf16UnitsThenNimbusReadsEachBack() throws Exception {
        SplittableRandom random = new SplittableRandom(20250115);
        for (int n = 0; n < 2_000; n++) {
            String userId = randomUserId(random);

            SignedJWT jwt = SignedJWT.parse(tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), userId).value());

            assertEquals(userId, jwt.getJWTClaimsSet().getSubject(), () -> "user id " + userId.chars().boxed().toList());
        }
    }

    @Test
    void mintWhenManyThreadsSignAtOnceThenEveryTokenVerifies() throws Exception {
        int threads = 8;
        int perThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> minted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                minted.add(pool.submit(() -> {
                    List<String> out = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        out.add(tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-" + thread + "-" + "x".repeat(i % 200)).value());
                    }
                    return out;
                }));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : minted) {
                all.addAll(f.get());
            }
            MACVerifier verifier = new MACVerifier(newestKey().secret());
            for (String token : all) {
                assertTrue(SignedJWT.parse(token).verify(verifier));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void signWhenAnyTokenThenByteForByteWhatNimbusSignsOverTheSameHeaderAndClaims() throws Exception {
        for (String userId : awkwardUserIds().toList()) {
            String token = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), userId).value();
            String[] parts = token.split("\\.");
            JWSObject nimbus = new JWSObject(JWSHeader.parse(new Base64URL(parts[0])), new Payload(new Base64URL(parts[1])));

            nimbus.sign(new MACSigner(newestKey().secret()));

            assertEquals(nimbus.serialize(), token);
        }
    }

    @ParameterizedTest
    @MethodSource("awkwardUserIds")
    void readOwnWhenAwkwardUserIdThenTheClaimsNimbusReads(String userId) throws Exception {
        SigningKey key = SigningKey.generate(new SecureRandom(), clock.instant());
        AccessTokenSigner signer = new AccessTokenSigner(key);
        String token = signer.sign("the-token-id", userId, new dev.partnerauth.key.PartnerId("prt_testpartner0"), KEY,
                clock.instant(), clock.instant().plus(TTL), 7);

        AccessTokenSigner.OwnToken own = signer.readOwn(token).orElseThrow();

        JWTClaimsSet nimbus = SignedJWT.parse(token).getJWTClaimsSet();
        assertEquals(nimbus.getSubject(), own.claimed().userId());
        assertEquals(nimbus.getStringClaim(AccessTokenSigner.PARTNER_CLAIM), own.claimed().partnerId().value());
        assertEquals(nimbus.getStringClaim(AccessTokenSigner.KEY_CLAIM), own.claimed().keyId().value());
        assertEquals(nimbus.getExpirationTime().toInstant(), own.claimed().expiresAt());
        assertEquals(nimbus.getLongClaim(AccessTokenSigner.GENERATION_CLAIM), own.claimed().sessionGeneration());
        assertEquals(nimbus.getJWTID(), own.jti());
        assertEquals(Set.of(), own.claimed().opportunityIds());
    }

    @Test
    void readOwnWhenRandomUserIdsOverAllUtf16UnitsThenEachReadBackWithoutNimbus() {
        SigningKey key = SigningKey.generate(new SecureRandom(), clock.instant());
        AccessTokenSigner signer = new AccessTokenSigner(key);
        SplittableRandom random = new SplittableRandom(20261208);
        for (int n = 0; n < 2_000; n++) {
            String userId = randomUserId(random);
            String token = signer.sign("id-" + n, userId, new dev.partnerauth.key.PartnerId("prt_testpartner0"), KEY,
                    clock.instant(), clock.instant().plus(TTL), n);

            Optional<AccessTokenSigner.OwnToken> own = signer.readOwn(token);

            // an unpaired surrogate (which the request parser refuses anyway) is refused by the
            // library's strict JSON reader too, so such a token is left to nimbus, which reads it
            if (StandardCharsets.UTF_8.newEncoder().canEncode(userId)) {
                assertEquals(userId, own.orElseThrow(() -> new AssertionError(
                        "not read back: user id " + userId.chars().boxed().toList())).claimed().userId());
                assertEquals(n, own.get().claimed().sessionGeneration());
            } else {
                assertTrue(own.isEmpty());
            }
        }
    }

    @Test
    void readOwnWhenNotExactlyWhatThisKeySignsThenLeftToTheGeneralReader() throws Exception {
        SigningKey key = SigningKey.generate(new SecureRandom(), clock.instant());
        AccessTokenSigner signer = new AccessTokenSigner(key);
        String token = signer.sign("the-token-id", "user-1", new dev.partnerauth.key.PartnerId("prt_testpartner0"), KEY,
                clock.instant(), clock.instant().plus(TTL), 0);
        String other = signer.sign("another-id", "admin", new dev.partnerauth.key.PartnerId("prt_testpartner0"), KEY,
                clock.instant(), clock.instant().plus(TTL), 0);
        String[] parts = token.split("\\.");
        char last = parts[2].charAt(42);
        // the last of 43 characters carries 4 bits of the MAC and 2 spare bits, which a decoder may ignore
        String spareBitsSet = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 42) + (char) (last ^ 1);
        String foreign = new AccessTokenSigner(SigningKey.generate(new SecureRandom(), clock.instant()))
                .sign("the-token-id", "user-1", new dev.partnerauth.key.PartnerId("prt_testpartner0"), KEY,
                        clock.instant(), clock.instant().plus(TTL), 0);
        String olderForm = earlierFormToken("old-id", parts[0], key.secret());

        for (String notOurs : List.of(parts[0] + "." + String.join(".", other.split("\\.")[1]) + "." + parts[2],
                spareBitsSet, foreign, olderForm, token + ".", token.substring(0, token.length() - 1),
                parts[0] + "." + parts[1] + "\u00e9." + parts[2], parts[0] + ".." + parts[2], parts[0] + "." + parts[2],
                parts[0], parts[0] + ".", "")) {
            assertTrue(signer.readOwn(notOurs).isEmpty(), notOurs);
        }
        assertTrue(signer.readOwn(token).isPresent());
    }

    @Test
    void redeemWhenTokenOfAnEarlierFormUnderAKnownKeyThenTheGeneralReaderStillAcceptsIt() throws Exception {
        String minted = tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1").value();
        String jti = SignedJWT.parse(minted).getJWTClaimsSet().getJWTID();
        // that token's id in the form of the release before generations: its grant is in the store
        String olderForm = earlierFormToken(jti, minted.split("\\.")[0], newestKey().secret());

        PendingGrant redeemed = tokens.redeemAccessToken(olderForm, claimed -> { });

        assertEquals("user-1", redeemed.userId());
        assertEquals(0, redeemed.sessionGeneration());
    }

    /** Half from the first 256 code units, where the escapes are, half from anywhere; up to 255 long. */
    private static String randomUserId(SplittableRandom random) {
        char[] chars = new char[random.nextInt(256)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (random.nextBoolean() ? random.nextInt(0x100) : random.nextInt(0x10000));
        }
        return new String(chars);
    }

    /**
     * A token as nimbus signs the claims of the release before generations (no {@code sgn}), under
     * {@code encodedHeader} and {@code secret}: good, but not in the signer's own form.
     */
    private String earlierFormToken(String jti, String encodedHeader, byte[] secret) throws Exception {
        JWTClaimsSet older = new JWTClaimsSet.Builder().jwtID(jti).subject("user-1")
                .claim(AccessTokenSigner.PARTNER_CLAIM, "prt_testpartner0").claim(AccessTokenSigner.KEY_CLAIM, KEY.value())
                .issueTime(Date.from(clock.instant())).expirationTime(Date.from(clock.instant().plus(TTL))).build();
        SignedJWT jwt = new SignedJWT(JWSHeader.parse(new Base64URL(encodedHeader)), older);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private SigningKey newestKey() {
        return signingKeys.keys(() -> {
            throw new AssertionError("the token service creates the first key");
        }).get(0);
    }

    /** The claims as the nimbus-based minter built them. */
    private static JWTClaimsSet nimbusClaims(String jti, String userId, Instant now) {
        return new JWTClaimsSet.Builder()
                .jwtID(jti)
                .subject(userId)
                .claim(AccessTokenSigner.PARTNER_CLAIM, "prt_testpartner0")
                .claim(AccessTokenSigner.KEY_CLAIM, KEY.value())
                .claim(AccessTokenSigner.GENERATION_CLAIM, 0L)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TTL)))
                .build();
    }
}
