package dev.partnerauth.allowlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.partnerauth.internal.PrintableText;
import dev.partnerauth.internal.allowlist.IpLiteral;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Whatever an administrator types as an {@code allowed_ips} entry, parsing yields a rule or an
 * {@link IllegalArgumentException} whose message names the entry and is safe to show and log. In
 * {@code mvn verify} this replays the inputs under
 * {@code src/test/resources/dev/partnerauth/allowlist/IpRuleFuzzTestInputs/}; see docs/development.md,
 * "Fuzzing", to fuzz for longer.
 */
class IpRuleFuzzTest {
    private static final InetAddress V4 = address(new byte[] {(byte) 203, 0, 113, 9});
    private static final InetAddress V6 = address(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});

    @FuzzTest(maxDuration = "60s")
    void parseWhenAnyEntryThenRuleOrNamedRefusal(byte[] input) {
        String entry = new String(input, StandardCharsets.UTF_8);
        IpRule rule;
        try {
            rule = IpRule.parse(entry);
        } catch (IllegalArgumentException e) {
            assertSafeRefusal(e, entry);
            return;
        }
        assertEquals(entry, rule.toString());
        rule.matches(V4);
        rule.matches(V6);
        int slash = entry.indexOf('/');
        if (slash < 0) {
            // a single address is the one address its own rule matches
            InetAddress self = IpLiteral.parse(entry).orElseThrow();
            assertTrue(rule.matches(self), entry);
        } else {
            InetAddress network = IpLiteral.parse(entry.substring(0, slash)).orElseThrow();
            assertTrue(rule.matches(network), entry);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void allowlistWhenAnyEntriesThenListOrFirstBadEntryNamed(byte[] input) {
        List<String> entries = Arrays.asList(new String(input, StandardCharsets.UTF_8).split("\n", -1));
        IpAllowlist list;
        try {
            list = IpAllowlist.parse(entries);
        } catch (IllegalArgumentException e) {
            String firstBad = entries.stream().filter(IpRuleFuzzTest::isInvalid).findFirst().orElseThrow();
            assertSafeRefusal(e, firstBad);
            return;
        }
        assertEquals(entries, list.entries());
        list.permits(V4);
        list.permits(V6);
    }

    /** The message is printable (it reaches a JSON body and a log line) and names the entry. */
    private static void assertSafeRefusal(IllegalArgumentException e, String entry) {
        String message = e.getMessage();
        assertTrue(PrintableText.isPrintable(message), message);
        assertTrue(message.length() < 200, message);
        String shown = entry.length() > 16 ? entry.substring(0, 16) : entry;
        if (PrintableText.isPrintable(shown)) {
            assertTrue(message.contains(shown), message);
        }
    }

    private static boolean isInvalid(String entry) {
        try {
            IpRule.parse(entry);
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
