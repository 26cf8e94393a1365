package dev.partnerauth.internal.allowlist;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Strict numeric address parsing that can never fall through to a DNS lookup. */
public final class IpLiteral {
    private IpLiteral() {
    }

    /** Parses a dotted-quad or IPv6 literal (without brackets, port or zone). */
    public static Optional<InetAddress> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        if (text.indexOf(':') < 0) {
            byte[] v4 = parseIpv4(text);
            return v4 == null ? Optional.empty() : Optional.of(fromBytes(v4));
        }
        // InetAddress.getByName only parses (never resolves) a string that starts with a hex digit or
        // ':' and contains ':'; the character check keeps names, zones and brackets out entirely.
        char first = text.charAt(0);
        if (Character.digit(first, 16) < 0 && first != ':') {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                return Optional.empty();
            }
        }
        int dot = text.indexOf('.');
        if (dot >= 0 && parseIpv4(text.substring(text.lastIndexOf(':') + 1)) == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Four decimal octets 0-255 without leading zeros (which some parsers read as octal). */
    static byte[] parseIpv4(String text) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) {
                    return null;
                }
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (++digits > 3 || value > 255) {
                    return null;
                }
            } else if (c == '.') {
                if (digits == 0 || part > 3) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    private static InetAddress fromBytes(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4-byte address is always valid", e);
        }
    }
}
