package dev.partnerauth.bench;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.partnerauth.internal.memory.InMemorySigningKeyStore;
import dev.partnerauth.internal.token.TokenService;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.token.CaffeineGrantStore;
import dev.partnerauth.token.SigningKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The access token's signature and its reading, as the library does them ({@code own*}) beside
 * the same work done through nimbus as the library did it until 2026-12-08 ({@code nimbus*}), in
 * one run: sign a token's claims, and read a token back (shape, MAC, claims) before the store is
 * asked. {@code ownMint} is {@link TokenService#newAccessToken}, which adds the token id's
 * randomness and digest that the nimbus baseline does not have.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JwsBenchmark {
    private static final KeyId KEY = new KeyId("AbCdEfGh1234");
    private static final PartnerId PARTNER = new PartnerId("prt_testpartner0");

    private TokenService tokens;
    private String token;
    private JWSHeader header;
    private MACSigner nimbusSigner;
    private MACVerifier nimbusVerifier;
    private String claimsJson;

    @Setup
    public void setUp() throws Exception {
        Clock clock = Clock.systemUTC();
        InMemorySigningKeyStore keys = new InMemorySigningKeyStore();
        SecureRandom random = new SecureRandom();
        tokens = new TokenService(keys, new CaffeineGrantStore(clock), clock, random, Duration.ofSeconds(60));
        token = tokens.newAccessToken(KEY, PARTNER, "prm-user-42", 0).credential().value();
        SigningKey key = keys.keys(() -> SigningKey.generate(random, clock.instant())).get(0);
        header = JWSHeader.parse(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.kid()).type(JOSEObjectType.JWT)
                .build().toBase64URL());
        nimbusSigner = new MACSigner(key.secret());
        nimbusVerifier = new MACVerifier(key.secret());
        claimsJson = SignedJWT.parse(token).getPayload().toString();
    }

    @Benchmark
    public String ownMint() {
        return tokens.newAccessToken(KEY, PARTNER, "prm-user-42", 0).credential().value();
    }

    @Benchmark
    public String nimbusSign() throws Exception {
        JWSObject jws = new JWSObject(header, new Payload(claimsJson));
        jws.sign(nimbusSigner);
        return jws.serialize();
    }

    @Benchmark
    public Object ownRead() {
        return tokens.verifyAccessToken(token, claimed -> { });
    }

    @Benchmark
    public Object nimbusRead() throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        if (!jwt.verify(nimbusVerifier)) {
            throw new IllegalStateException("the baseline's token does not verify");
        }
        return new Object[] {claims.getSubject(), claims.getStringClaim("prt"), claims.getStringClaim("pak"),
                claims.getExpirationTime(), claims.getJWTID(), claims.getLongClaim("sgn")};
    }
}
