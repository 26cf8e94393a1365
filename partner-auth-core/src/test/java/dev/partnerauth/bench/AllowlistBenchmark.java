package dev.partnerauth.bench;

import dev.partnerauth.allowlist.IpAllowlist;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link IpAllowlist#permits} against 1 000 entries (a mix of /16-/32 IPv4 blocks and IPv6 /48s):
 * an address matching the last entry and one matching none (both a full scan), one in the middle,
 * and an IPv6 miss.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AllowlistBenchmark {
    private IpAllowlist allowlist;
    private InetAddress last;
    private InetAddress middle;
    private InetAddress none;
    private InetAddress noneV6;

    @Setup
    public void setUp() {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            int prefix = 16 + (i % 17);
            entries.add((10 + i / 250) + "." + (i % 250) + ".0.0/" + prefix);
        }
        for (int i = 0; i < 99; i++) {
            entries.add("2001:db8:" + Integer.toHexString(i) + "::/48");
        }
        entries.add("198.51.100.0/24");
        allowlist = IpAllowlist.parse(entries);
        last = Fixtures.address("198.51.100.77");
        middle = Fixtures.address("11.200.0.5");
        none = Fixtures.address("203.0.113.9");
        noneV6 = Fixtures.address("2001:db9::1");
    }

    @Benchmark
    public boolean matchLast() {
        return allowlist.permits(last);
    }

    @Benchmark
    public boolean matchMiddle() {
        return allowlist.permits(middle);
    }

    @Benchmark
    public boolean matchNone() {
        return allowlist.permits(none);
    }

    @Benchmark
    public boolean matchNoneIpv6() {
        return allowlist.permits(noneV6);
    }
}
