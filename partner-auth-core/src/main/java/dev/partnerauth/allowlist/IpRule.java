package dev.partnerauth.allowlist;

import dev.partnerauth.internal.PrintableText;
import dev.partnerauth.internal.allowlist.IpLiteral;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;
import org.apache.commons.net.util.SubnetUtils;

/**
 * One allowlist entry: a single address ({@code 198.51.100.7}, {@code 2001:db8::1}) or a CIDR
 * block ({@code 203.0.113.0/24}, {@code 2001:db8::/32}). IPv4 blocks are matched with commons-net
 * (host count inclusive, so {@code /31} and {@code /32} match their addresses); IPv6 blocks by
 * comparing the prefix bits.
 */
public final class IpRule {
    private final String text;
    private final byte[] network;
    private final int prefix;
    private final SubnetUtils.SubnetInfo ipv4;

    private IpRule(String text, byte[] network, int prefix) {
        this.text = text;
        this.network = network;
        this.prefix = prefix;
        if (network.length == 4) {
            SubnetUtils subnet = new SubnetUtils(IpRule.dotted(network) + "/" + prefix);
            subnet.setInclusiveHostCount(true);
            this.ipv4 = subnet.getInfo();
        } else {
            this.ipv4 = null;
        }
    }

    /**
     * Parses an entry.
     *
     * @throws IllegalArgumentException naming the entry when it is not an address or CIDR block
     */
    public static IpRule parse(String entry) {
        Objects.requireNonNull(entry, "entry");
        int slash = entry.indexOf('/');
        String addressPart = slash < 0 ? entry : entry.substring(0, slash);
        InetAddress address = IpLiteral.parse(addressPart).orElseThrow(() -> invalid(entry));
        byte[] bytes = address.getAddress();
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = entry.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                throw invalid(entry);
            }
            prefix = Integer.parseInt(p);
            if (address instanceof Inet4Address && addressPart.indexOf(':') >= 0) {
                // ::ffff:a.b.c.d/n came back as IPv4: its prefix counts the 96 mapping bits
                if (prefix < 96 || prefix > 128) {
                    throw invalid(entry);
                }
                prefix -= 96;
            }
            if (prefix > bits) {
                throw invalid(entry);
            }
        }
        return new IpRule(entry, mask(bytes, prefix), prefix);
    }

    /** True when the address lies inside this block (IPv4-mapped IPv6 addresses count as IPv4). */
    public boolean matches(InetAddress address) {
        return matchesCanonical(IpRule.canonical(address));
    }

    /** {@link #matches} for an address already in {@link #canonical} form. */
    boolean matchesCanonical(byte[] candidate) {
        if (candidate.length != network.length) {
            return false;
        }
        int v4 = ipv4 != null ? toInt(candidate) : 0;
        if (ipv4 != null && v4 != 0) {
            return ipv4.isInRange(v4);
        }
        // commons-net never puts 0.0.0.0 in range, not even in 0.0.0.0/0: compare the bits instead
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int m = 0xFF << (8 - rest);
        return (candidate[full] & m) == (network[full] & m);
    }

    /** The entry as it was written. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpRule r && r.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    static byte[] canonical(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 16) {
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            mapped &= b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
            if (mapped) {
                return new byte[] {b[12], b[13], b[14], b[15]};
            }
        }
        return b;
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xFF << (8 - keep));
        }
        return out;
    }

    private static int toInt(byte[] b) {
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }

    private static String dotted(byte[] b) {
        return (b[0] & 0xFF) + "." + (b[1] & 0xFF) + "." + (b[2] & 0xFF) + "." + (b[3] & 0xFF);
    }

    /** The message names the entry, made safe to echo (see {@link PrintableText#shown}). */
    private static IllegalArgumentException invalid(String entry) {
        return new IllegalArgumentException("Not an IP address or CIDR block: '" + PrintableText.shown(entry, 60) + "'");
    }
}
