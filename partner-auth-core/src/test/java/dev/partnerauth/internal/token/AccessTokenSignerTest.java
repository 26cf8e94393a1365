package dev.partnerauth.internal.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.testing.MutableClock;
import dev.partnerauth.token.CaffeineGrantStore;
import dev.partnerauth.internal.memory.InMemorySigningKeyStore;
import dev.partnerauth.token.SigningKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
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
 * Access tokens carry claims written by the library's JSON codec and are redeemed with nimbus:
 * whatever the user id, nimbus must read back exactly the claims a nimbus-minted token carried,
 * under a signature it accepts.
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
            char[] chars = new char[random.nextInt(256)];
            for (int i = 0; i < chars.length; i++) {
                // half from the first 256 code units, where the escapes are, half from anywhere
                chars[i] = (char) (random.nextBoolean() ? random.nextInt(0x100) : random.nextInt(0x10000));
            }
            String userId = new String(chars);

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
