package dev.partnerauth.allowlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IpRuleTest {

    @Test
    void matchesWhenPrefixZeroThenEveryIpv4AddressMatches() {
        IpRule any = IpRule.parse("0.0.0.0/0");

        assertTrue(any.matches(ip("0.0.0.0")));
        assertTrue(any.matches(ip("255.255.255.255")));
        assertTrue(any.matches(ip("10.1.2.3")));
        assertFalse(any.matches(ip("2001:db8::1")));
    }

    @Test
    void matchesWhenAllZeroAddressOutsideBlockThenNoMatch() {
        assertFalse(IpRule.parse("10.0.0.0/8").matches(ip("0.0.0.0")));
        assertTrue(IpRule.parse("0.0.0.0/8").matches(ip("0.0.0.0")));
    }

    @Test
    void matchesWhenIpv6PrefixZeroThenEveryIpv6AddressMatches() {
        IpRule any = IpRule.parse("::/0");

        assertTrue(any.matches(ip("2001:db8::1")));
        assertTrue(any.matches(ip("::1")));
        assertFalse(any.matches(ip("10.0.0.1")));
    }

    @Test
    void matchesWhenSlash31ThenBothAddressesAndNothingElse() {
        IpRule pair = IpRule.parse("192.0.2.4/31");

        assertTrue(pair.matches(ip("192.0.2.4")));
        assertTrue(pair.matches(ip("192.0.2.5")));
        assertFalse(pair.matches(ip("192.0.2.3")));
        assertFalse(pair.matches(ip("192.0.2.6")));
    }

    @Test
    void matchesWhenSlash32ThenOnlyThatAddress() {
        IpRule one = IpRule.parse("198.51.100.7/32");

        assertTrue(one.matches(ip("198.51.100.7")));
        assertFalse(one.matches(ip("198.51.100.6")));
        assertFalse(one.matches(ip("198.51.100.8")));
    }

    @Test
    void matchesWhenBareAddressThenOnlyThatAddress() {
        IpRule one = IpRule.parse("198.51.100.7");

        assertTrue(one.matches(ip("198.51.100.7")));
        assertFalse(one.matches(ip("198.51.100.8")));
    }

    @Test
    void matchesWhenSlash128ThenOnlyThatAddress() {
        IpRule loopback = IpRule.parse("::1/128");

        assertTrue(loopback.matches(ip("::1")));
        assertFalse(loopback.matches(ip("::2")));
        assertFalse(loopback.matches(ip("127.0.0.1")));
    }

    @Test
    void matchesWhenIpv4MappedIpv6ThenTreatedAsIpv4() {
        IpRule ten = IpRule.parse("10.0.0.0/8");

        assertTrue(ten.matches(ip("::ffff:10.0.0.1")));
        assertFalse(ten.matches(ip("::ffff:11.0.0.1")));
    }

    @Test
    void matchesWhenRuleIsIpv4MappedThenMatchesIpv4() {
        IpRule mapped = IpRule.parse("::ffff:10.0.0.0/104");

        assertTrue(mapped.matches(ip("10.200.0.1")));
        assertFalse(mapped.matches(ip("11.0.0.1")));
    }

    @Test
    void matchesWhenIpv6Slash32ThenPrefixCompared() {
        IpRule doc = IpRule.parse("2001:db8::/32");

        assertTrue(doc.matches(ip("2001:db8::1")));
        assertTrue(doc.matches(ip("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")));
        assertFalse(doc.matches(ip("2001:db9::1")));
        assertFalse(doc.matches(ip("10.0.0.1")));
    }

    @Test
    void matchesWhenIpv6PrefixNotOnByteBoundaryThenBitsCompared() {
        IpRule rule = IpRule.parse("2001:db8:8000::/33");

        assertTrue(rule.matches(ip("2001:db8:8000::1")));
        assertTrue(rule.matches(ip("2001:db8:ffff::1")));
        assertFalse(rule.matches(ip("2001:db8:7fff::1")));
    }

    @Test
    void matchesWhenIpv4BlockNotOnByteBoundaryThenBitsCompared() {
        IpRule rule = IpRule.parse("203.0.113.64/26");

        assertTrue(rule.matches(ip("203.0.113.64")));
        assertTrue(rule.matches(ip("203.0.113.127")));
        assertFalse(rule.matches(ip("203.0.113.63")));
        assertFalse(rule.matches(ip("203.0.113.128")));
    }

    @Test
    void parseWhenHostBitsSetThenBlockStillMatchesItsNetwork() {
        IpRule rule = IpRule.parse("10.1.2.3/8");

        assertTrue(rule.matches(ip("10.200.0.1")));
        assertEquals("10.1.2.3/8", rule.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "localhost", "1.2.3.4/ 8", "300.1.1.1", "", "01.2.3.4", "1.2.3",
            "fe80::1%eth0", "[::1]", "::1/129", "1.2.3.4/08", "1.2.3.4/", "1.2.3.4/-1", "1.2.3.4 ", " 1.2.3.4",
            "1.2.3.4.5", "0x7f.0.0.1", "2130706433", "::ffff:10.0.0.0/95", "1.2.3.4/8/8", "::1 /128",
            "1:2:3:4:5:6:7:8:9", "example.com", "abc", "a::g", "1.2.3.4\n"})
    void parseWhenNotAnAddressOrBlockThenRefusedNamingTheEntry(String entry) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpRule.parse(entry));

        assertTrue(e.getMessage().contains("'" + entry.replace('\n', '?') + "'"), e.getMessage());
    }

    @Test
    void parseWhenHostNameThenRefusedWithoutLookup() {
        // a DNS lookup would take far longer than this (or fail differently); only literals are read
        assertTimeoutPreemptively(Duration.ofMillis(500), () -> {
            for (String name : List.of("example.com", "partner.invalid", "localhost", "cafe", "dead:beef.example.com")) {
                assertThrows(IllegalArgumentException.class, () -> IpRule.parse(name));
            }
        });
    }

    @Test
    void allowlistWhenEmptyThenPermitsEveryAddress() {
        IpAllowlist none = IpAllowlist.parse(List.of());

        assertTrue(none.permits(ip("203.0.113.7")));
        assertTrue(none.permits(ip("2001:db8::1")));
        assertTrue(IpAllowlist.ANY.permits(ip("127.0.0.1")));
    }

    @Test
    void allowlistWhenSeveralRulesThenPermitsAnyMatch() {
        IpAllowlist list = IpAllowlist.parse(List.of("10.0.0.0/8", "2001:db8::/32", "::1/128"));

        assertTrue(list.permits(ip("::ffff:10.0.0.1")));
        assertTrue(list.permits(ip("2001:db8::42")));
        assertTrue(list.permits(ip("::1")));
        assertFalse(list.permits(ip("192.0.2.1")));
        assertFalse(list.permits(ip("2001:db9::1")));
    }

    @Test
    void allowlistWhenOneEntryInvalidThenRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IpAllowlist.parse(List.of("10.0.0.0/8", "10.0.0.0/33")));

        assertTrue(e.getMessage().contains("10.0.0.0/33"));
    }

    @Test
    void allowlistWhenParsedThenEntriesAreAsWritten() {
        List<String> entries = List.of("203.0.113.0/24", "2001:db8::/32", "198.51.100.7");

        assertEquals(entries, IpAllowlist.parse(entries).entries());
        assertEquals(IpAllowlist.parse(entries), IpAllowlist.parse(entries));
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
