package dev.partnerauth;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The builder's default randomness: one DRBG per thread behind one {@link SecureRandom}. A shared
 * {@code new SecureRandom()} on Linux is NativePRNG, whose instances all share two global locks;
 * under a servlet container's many request threads on few cores, a thread preempted while holding
 * them stalled every other request that mints a token (measured, docs/benchmarks.md). Each thread's
 * DRBG is seeded by the JDK from the system's entropy source, like any other DRBG.
 *
 * <p>Each request goes straight to the calling thread's DRBG. The per-thread values are JDK types
 * only, so a container thread that outlives a redeployed application does not keep its classes
 * loaded.
 */
final class PerThreadSecureRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    private final transient ThreadLocal<SecureRandom> local = ThreadLocal.withInitial(PerThreadSecureRandom::drbg);

    @Override
    public void nextBytes(byte[] bytes) {
        local.get().nextBytes(bytes);
    }

    @Override
    public byte[] generateSeed(int numBytes) {
        return local.get().generateSeed(numBytes);
    }

    @Override
    public void setSeed(byte[] seed) {
        // the per-thread generators seed themselves; a caller's seed is not needed for security
    }

    @Override
    public void setSeed(long seed) {
        // called by java.util.Random's constructor; see setSeed(byte[])
    }

    @Override
    public String getAlgorithm() {
        return "DRBG (per thread)";
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK's DRBG is not available", e);
        }
    }
}
