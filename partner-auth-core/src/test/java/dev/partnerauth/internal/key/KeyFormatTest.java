package dev.partnerauth.internal.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.key.AuthenticationKey;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.key.PresentedKey;
import dev.partnerauth.key.StoredKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

public class KeyFormatTest {
    private static final Pattern SHAPE = Pattern.compile("pak_[0-9A-Za-z]{12}_[0-9A-Za-z]{22}[0-9A-Za-z]{6}");
    private final SecureRandom random = new SecureRandom();

    @Test
    void newKeyWhenGeneratedThenHasPrefixIdSecretAndChecksum() {
        String key = KeyFormat.newKey(random);

        assertTrue(SHAPE.matcher(key).matches(), key.substring(0, 4));
        assertEquals(KeyFormat.LENGTH, key.length());
        assertTrue(KeyFormat.isWellFormed(key));
        assertEquals(key.substring(4, 16), KeyFormat.idOf(key));
    }

    @Test
    void newKeyWhenGeneratedThenSecretCarriesAtLeast128Bits() {
        double bits = KeyFormat.SECRET_LENGTH * (Math.log(62) / Math.log(2));

        assertTrue(bits >= 128, "secret bits: " + bits);
    }

    @Test
    void newKeyWhenGeneratedManyTimesThenNoTwoAlike() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(KeyFormat.newKey(random)));
        }
    }

    @Test
    void isWellFormedWhenAnySingleCharacterChangedThenFalse() {
        String key = KeyFormat.newKey(random);
        String candidates = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-. ";
        for (int i = 0; i < key.length(); i++) {
            for (char c : candidates.toCharArray()) {
                if (c == key.charAt(i)) {
                    continue;
                }
                String flipped = key.substring(0, i) + c + key.substring(i + 1);
                assertFalse(KeyFormat.isWellFormed(flipped), "position " + i);
            }
        }
    }

    @Test
    void isWellFormedWhenTruncatedOrExtendedThenFalse() {
        String key = KeyFormat.newKey(random);

        assertFalse(KeyFormat.isWellFormed(key.substring(0, key.length() - 1)));
        assertFalse(KeyFormat.isWellFormed(key + "A"));
        assertFalse(KeyFormat.isWellFormed(""));
        assertFalse(KeyFormat.isWellFormed("480zZQNXR8zoTicG.7MIkom0ETwBjYWzi"));
    }

    @Test
    void isWellFormedWhenNonAsciiLookalikeThenFalse() {
        String key = KeyFormat.newKey(random);
        String cyrillicA = key.substring(0, 20) + '\u0410' + key.substring(21);

        assertFalse(KeyFormat.isWellFormed(cyrillicA));
    }

    @Test
    void presentedKeyWhenParsedThenToStringShowsOnlyTheId() {
        String key = KeyFormat.newKey(random);

        PresentedKey presented = PresentedKey.of(key);

        assertEquals(KeyFormat.idOf(key), presented.id().orElseThrow().value());
        assertFalse(presented.toString().contains(key));
        assertFalse(presented.toString().contains(secretOf(key)));
    }

    @Test
    void presentedKeyWhenChecksumWrongThenEmpty() {
        String key = KeyFormat.newKey(random);
        char last = key.charAt(key.length() - 1);
        String flipped = key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertTrue(PresentedKey.of(flipped).id().isEmpty());
    }

    @Test
    void keyPepperWhenShorterThan32BytesThenRefusedAtConstruction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyPepper.of(new byte[31]));

        assertTrue(e.getMessage().contains("32"));
    }

    @Test
    void keyPepperWhenBase64TooShortThenRefusedSayingItsLengthNotBadBase64() {
        String sixteenBytes = java.util.Base64.getEncoder().encodeToString(new byte[16]);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyPepper.fromBase64(sixteenBytes));

        assertEquals("the key pepper is 16 bytes once decoded from base64; at least 32 are needed"
                + " (make one with: openssl rand -base64 32)", e.getMessage());
    }

    @Test
    void keyPepperWhenMissingThenRefusedSayingNoneGivenNotNullPointer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyPepper.fromBase64(null));

        assertTrue(e.getMessage().startsWith("no key pepper given: expected 32 or more random bytes in base64"), e.getMessage());
    }

    @Test
    void keyPepperWhenBlankThenRefusedAsMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyPepper.fromBase64(" \n"));

        assertTrue(e.getMessage().startsWith("no key pepper given"), e.getMessage());
    }

    @Test
    void keyPepperWhenShortPepperRefusedThenMessageHoldsNoneOfItsCharacters() {
        String shortSecret = java.util.Base64.getEncoder().encodeToString("sixteen-byte-sec".getBytes(StandardCharsets.US_ASCII));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyPepper.fromBase64(shortSecret));

        assertFalse(e.getMessage().contains(shortSecret.substring(0, 8)), e.getMessage());
    }

    @Test
    void keyPepperWhenNotBase64ThenRefusedWithoutEchoingIt() {
        String notBase64 = "not base64 at all, but a secret!!";

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyPepper.fromBase64(notBase64));

        assertFalse(e.getMessage().contains(notBase64));
    }

    @Test
    void keyPepperWhenBase64OrUrlSafeBase64ThenSameBytes() {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) 0xFB);

        KeyPepper standard = KeyPepper.fromBase64(java.util.Base64.getEncoder().encodeToString(bytes));
        KeyPepper urlSafe = KeyPepper.fromBase64(java.util.Base64.getUrlEncoder().encodeToString(bytes));

        assertTrue(Arrays.equals(standard.bytes(), urlSafe.bytes()));
    }

    @Test
    void keyPepperWhenPrintedThenRedacted() {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) 'S');

        String printed = KeyPepper.of(bytes).toString();

        assertFalse(printed.contains("SSSS"));
        assertFalse(printed.contains(java.util.Base64.getEncoder().encodeToString(bytes)));
    }

    @Test
    void keyHasherWhenStoredHashMatchesThenTrue() {
        KeyHasher hasher = new KeyHasher(KeyPepper.of(new byte[32]));
        String key = KeyFormat.newKey(random);
        PresentedKey presented = PresentedKey.of(key);

        assertTrue(hasher.matches(presented, hasher.hash(key)));
    }

    @Test
    void keyHasherWhenNoStoredHashThenFalse() {
        KeyHasher hasher = new KeyHasher(KeyPepper.of(new byte[32]));
        PresentedKey presented = PresentedKey.of(KeyFormat.newKey(random));

        // an unknown id is compared against a decoy; it must never match, even an all-zero hash
        assertFalse(hasher.matches(presented, null));
    }

    @Test
    void keyHasherWhenPepperDiffersThenHashDiffers() {
        byte[] other = new byte[32];
        other[0] = 1;
        String key = KeyFormat.newKey(random);

        byte[] a = new KeyHasher(KeyPepper.of(new byte[32])).hash(key);
        byte[] b = new KeyHasher(KeyPepper.of(other)).hash(key);

        assertFalse(Arrays.equals(a, b));
        assertEquals(32, a.length);
    }

    @Test
    void keyHasherWhenKnownPepperAndKeyThenTheStandardHmacSha256() {
        byte[] pepper = new byte[32];
        for (int i = 0; i < pepper.length; i++) {
            pepper[i] = (byte) i;
        }
        KeyHasher hasher = new KeyHasher(KeyPepper.of(pepper));
        // computed outside Java: openssl dgst -sha256 -mac HMAC -macopt hexkey:000102...1f
        String expected = "3388eecc973e3ecf56d586bc597fb9989d1e8ecfb7f0d35bc9da0d22f7d08acf";

        // twice: the second call reuses the thread's Mac, which must start from the pepper again
        for (int i = 0; i < 2; i++) {
            assertEquals(expected, HexFormat.of().formatHex(hasher.hash("pak_AbCdEfGh1234_0123456789abcdefghijklABCDEF")));
        }
    }

    @Test
    void keyHasherWhenManyThreadsHashAtOnceThenEachGetsItsKeysHash() throws Exception {
        KeyHasher hasher = new KeyHasher(KeyPepper.of(new byte[32]));
        List<String> keys = new ArrayList<>();
        List<byte[]> expected = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String key = KeyFormat.newKey(random);
            keys.add(key);
            expected.add(new KeyHasher(KeyPepper.of(new byte[32])).hash(key));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        int k = (i + offset) % keys.size();
                        if (!Arrays.equals(expected.get(k), hasher.hash(keys.get(k)))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void storedKeyWhenPrintedThenHashIsNotShown() {
        KeyHasher hasher = new KeyHasher(KeyPepper.of(new byte[32]));
        String key = KeyFormat.newKey(random);
        byte[] hash = hasher.hash(key);
        AuthenticationKey metadata = new AuthenticationKey(new KeyId(KeyFormat.idOf(key)), new dev.partnerauth.key.PartnerId("prt_testpartner0"), "Acme",
                dev.partnerauth.allowlist.IpAllowlist.ANY, java.time.Instant.EPOCH, null, null);

        String printed = new StoredKey(metadata, hash).toString();

        assertFalse(printed.contains(java.util.HexFormat.of().formatHex(hash)));
        assertFalse(printed.contains(java.util.Base64.getEncoder().encodeToString(hash)));
        assertFalse(printed.contains(key));
    }

    public static String secretOf(String key) {
        return key.substring(KeyFormat.PREFIX.length() + KeyId.LENGTH + 1, KeyFormat.LENGTH - KeyFormat.CHECKSUM_LENGTH);
    }
}
