package dev.partnerauth.servlet.testing;

import java.net.URI;
import java.util.function.Supplier;

/**
 * Puts a container on one port on both loopback addresses: the IPv4 bind draws a free port,
 * then {@code ::1} is bound to the same number. Another process may hold that number on
 * {@code ::1}; the attempt then throws {@link PortTaken} and a fresh port is drawn.
 */
final class LoopbackPorts {

    static final String IPV4 = "127.0.0.1";
    static final String IPV6 = "::1";
    private static final int ATTEMPTS = 5;

    private LoopbackPorts() {}

    static ServletContainer bindBoth(Supplier<ServletContainer> attempt) {
        PortTaken last = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            try {
                return attempt.get();
            } catch (PortTaken taken) {
                last = taken;
            }
        }
        throw new IllegalStateException(
                "no port free on both " + IPV4 + " and " + IPV6 + " after " + ATTEMPTS + " attempts", last);
    }

    static URI ipv4Uri(int port) {
        return URI.create("http://" + IPV4 + ":" + port);
    }

    static URI ipv6Uri(int port) {
        return URI.create("http://[" + IPV6 + "]:" + port);
    }

    /** The port drawn on IPv4 is in use on {@code ::1}; everything opened so far is closed. */
    static final class PortTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortTaken(int port, Throwable cause) {
            super("port " + port + " is taken on " + IPV6, cause);
        }
    }
}
