package dev.partnerauth.key;

import java.security.SecureRandom;

/**
 * The alphabet of key ids and partner ids, {@code [0-9A-Za-z]}. It lives here, beside the values
 * that use it, so that those values import nothing from the machinery: {@code internal.key.KeyFormat}
 * (the key's text, which needs {@link KeyId}) has its own copy of these few lines rather than a
 * dependency in both directions.
 */
final class Base62 {
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private Base62() {
    }

    static boolean isBase62(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                return false;
            }
        }
        return true;
    }

    static String random(SecureRandom random, int length) {
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
}
