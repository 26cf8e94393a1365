package dev.partnerauth.allowlist;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The addresses an authentication key may be used from. An empty list allows every address, as
 * the Partner API defines; a production key should name its partner's egress addresses.
 */
public record IpAllowlist(List<IpRule> rules) {
    /** The list that allows every address. */
    public static final IpAllowlist ANY = new IpAllowlist(List.of());

    public IpAllowlist {
        rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
    }

    /**
     * Parses entries such as {@code 203.0.113.0/24}, {@code 2001:db8::/32} or {@code 198.51.100.7}.
     *
     * @throws IllegalArgumentException naming the first entry that is not valid
     */
    public static IpAllowlist parse(List<String> entries) {
        List<IpRule> rules = new ArrayList<>(entries.size());
        for (String entry : entries) {
            rules.add(IpRule.parse(entry));
        }
        return new IpAllowlist(rules);
    }

    public boolean permits(InetAddress address) {
        if (rules.isEmpty()) {
            return true;
        }
        // one copy of the address for the whole list, not one per rule
        byte[] candidate = IpRule.canonical(address);
        for (IpRule rule : rules) {
            if (rule.matchesCanonical(candidate)) {
                return true;
            }
        }
        return false;
    }

    /** The entries as written, for display and storage. */
    public List<String> entries() {
        return rules.stream().map(IpRule::toString).toList();
    }
}
