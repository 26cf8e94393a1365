package dev.partnerauth.servlet.testing;

import java.net.URI;

/**
 * A started servlet container holding one root context, listening on the same random port on
 * both {@code 127.0.0.1} and {@code ::1}.
 *
 * <p>Obtain one from {@link Containers#start}; close it to stop the container and release the
 * port. The container never rewrites the remote address from forwarding headers: the library
 * under test does that itself.
 */
public interface ServletContainer extends AutoCloseable {

    /** The port the container listens on, on both loopback addresses. */
    int port();

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    default URI baseUri() {
        return LoopbackPorts.ipv4Uri(port());
    }

    /** {@code http://[::1]:<port>}, without a trailing slash; same port as {@link #baseUri()}. */
    default URI baseUriIpv6() {
        return LoopbackPorts.ipv6Uri(port());
    }

    /** {@link #baseUri()} with {@code pathAndQuery} (starting with {@code /}) appended. */
    default URI uri(String pathAndQuery) {
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("pathAndQuery must start with '/': " + pathAndQuery);
        }
        return URI.create(baseUri() + pathAndQuery);
    }

    /** Stops the container; the port is free again when this returns. Idempotent. */
    @Override
    void close();
}
