package dev.partnerauth.servlet;

import dev.partnerauth.PartnerPrincipal;
import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A launch redeemed in a browser whose session holds another partner identity, waiting in that
 * session for the user's explicit choice: the arriving principal, the page it was launched for,
 * and the nonce that the confirmation POST must carry (a cross-site form cannot know it).
 * Serializable, as the session that holds it may be.
 */
record IdentitySwitch(PartnerPrincipal arriving, String location, String nonce) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    static final String ATTRIBUTE = IdentitySwitch.class.getName();

    IdentitySwitch {
        Objects.requireNonNull(arriving, "arriving");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(nonce, "nonce");
    }

    /** Constant-time, so that the nonce cannot be learned a byte at a time. */
    boolean confirmedBy(String presented) {
        return sameNonce(nonce, presented);
    }

    /** Constant-time comparison of a nonce with what a request presented ({@code null}: nothing). */
    static boolean sameNonce(String nonce, String presented) {
        return presented != null && !nonce.isEmpty() && MessageDigest.isEqual(nonce.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a launch keeps the session's identity: the same partner and user (another key of the partner too). */
    static boolean sameIdentity(PartnerPrincipal current, PartnerPrincipal arriving) {
        return current.sameIdentity(arriving);
    }
}
