package dev.partnerauth.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/**
 * HTTP Basic authentication of one administrator, for small deployments and the demo. The
 * password is compared in constant time (both sides are hashed first, so their lengths leak
 * nothing either). Only over TLS in production.
 */
public final class BasicAdminAuthorizer implements AdminAuthorizer {
    private static final String CHALLENGE = "Basic realm=\"partner-auth admin\", charset=\"UTF-8\"";
    private final String user;
    private final byte[] expected;

    public BasicAdminAuthorizer(String user, String password) {
        this.user = Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (password.length() < 12) {
            throw new IllegalArgumentException("the admin password must be at least 12 characters");
        }
        this.expected = sha256(user + ":" + password);
    }

    @Override
    public Decision authorize(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new Unauthenticated(CHALLENGE);
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Unauthenticated(CHALLENGE);
        }
        return MessageDigest.isEqual(sha256(decoded), expected) ? new Allowed(user) : new Unauthenticated(CHALLENGE);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "BasicAdminAuthorizer[user=" + user + ", password=<redacted>]";
    }
}
