package dev.partnerauth.testing;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The key format's checksum computed independently of the issuer, so that a test can build a key
 * that passes the shape check and still fails where it means it to (a wrong secret, an unknown id).
 */
public final class KeyChecksums {
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private KeyChecksums() {
    }

    /** The CRC-32 of {@code body} (one byte a character) in six base-62 digits, as a key ends with. */
    public static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.ISO_8859_1));
        long v = crc.getValue();
        char[] out = new char[6];
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = BASE62.charAt((int) (v % BASE62.length()));
            v /= BASE62.length();
        }
        return new String(out);
    }
}
