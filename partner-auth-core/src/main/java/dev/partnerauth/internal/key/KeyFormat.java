package dev.partnerauth.internal.key;

import dev.partnerauth.key.KeyId;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/** Generates and checks the textual form of a key. See the package documentation. */
public final class KeyFormat {
    public static final String PREFIX = "pak_";
    public static final int SECRET_LENGTH = 22;
    public static final int CHECKSUM_LENGTH = 6;
    public static final int LENGTH = PREFIX.length() + KeyId.LENGTH + 1 + SECRET_LENGTH + CHECKSUM_LENGTH;
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private KeyFormat() {
    }

    public static String newKey(SecureRandom random) {
        String body = PREFIX + randomBase62(random, KeyId.LENGTH) + "_" + randomBase62(random, SECRET_LENGTH);
        return body + checksum(body);
    }

    /** True when the text has the shape of a key and its checksum holds. Touches no store. */
    public static boolean isWellFormed(String key) {
        if (key.length() != LENGTH || !key.startsWith(PREFIX) || key.charAt(PREFIX.length() + KeyId.LENGTH) != '_') {
            return false;
        }
        String id = key.substring(PREFIX.length(), PREFIX.length() + KeyId.LENGTH);
        String tail = key.substring(PREFIX.length() + KeyId.LENGTH + 1);
        if (!isBase62(id) || !isBase62(tail)) {
            return false;
        }
        String body = key.substring(0, LENGTH - CHECKSUM_LENGTH);
        return checksum(body).equals(key.substring(LENGTH - CHECKSUM_LENGTH));
    }

    public static String idOf(String wellFormedKey) {
        return wellFormedKey.substring(PREFIX.length(), PREFIX.length() + KeyId.LENGTH);
    }

    public static boolean isBase62(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                return false;
            }
        }
        return true;
    }

    public static String randomBase62(SecureRandom random, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            int r;
            do {
                r = random.nextInt() >>> 26; // 6 bits; drop 62 and 63 so every character is equally likely
            } while (r >= ALPHABET.length);
            out[i] = ALPHABET[r];
        }
        return new String(out);
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long v = crc.getValue();
        char[] out = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            out[i] = ALPHABET[(int) (v % ALPHABET.length)];
            v /= ALPHABET.length;
        }
        return new String(out);
    }
}
