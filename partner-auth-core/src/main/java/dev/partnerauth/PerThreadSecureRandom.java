package dev.partnerauth;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The builder's default randomness: one DRBG per thread behind one {@link SecureRandom}. A shared
 * {@code new SecureRandom()} on Linux is NativePRNG, whose instances all share two global locks;
 * under a servlet container's many request threads on few cores, a thread preempted while holding
 * them stalled every other request that mints a token (measured, docs/benchmarks.md). Each thread's
 * DRBG is seeded by the JDK from the system's entropy source, like any other DRBG.
 *
 * <p>Small requests (a token id, a launch code) are served from a per-thread buffer of {@value
 * #BUFFER_BYTES} bytes drawn from that thread's DRBG at once: each DRBG call has a fixed cost that
 * was several times the cost of the bytes themselves. A slice is zeroed in the buffer as it is handed
 * out, so the buffer holds only bytes no caller has seen yet; those are no more exposed than the
 * DRBG's own state in the same heap, from which every future output follows anyway.
 */
final class PerThreadSecureRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    /** Drawn from a thread's DRBG at once and handed out in slices. */
    static final int BUFFER_BYTES = 256;
    /** Larger requests (none on the request path) go straight to the DRBG. */
    static final int MAX_BUFFERED_REQUEST = 64;

    private final transient ThreadLocal<ThreadGenerator> local = ThreadLocal.withInitial(ThreadGenerator::new);

    @Override
    public void nextBytes(byte[] bytes) {
        local.get().nextBytes(bytes);
    }

    @Override
    public byte[] generateSeed(int numBytes) {
        return local.get().drbg.generateSeed(numBytes);
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

    /** One thread's DRBG and its buffer; only ever used by that thread. */
    private static final class ThreadGenerator {
        final SecureRandom drbg = drbg();
        private final byte[] buffer = new byte[BUFFER_BYTES];
        /** The first byte not handed out yet; {@code BUFFER_BYTES} when the buffer is used up. */
        private int next = BUFFER_BYTES;

        void nextBytes(byte[] out) {
            if (out.length > MAX_BUFFERED_REQUEST) {
                drbg.nextBytes(out);
                return;
            }
            if (BUFFER_BYTES - next < out.length) {
                drbg.nextBytes(buffer); // the few bytes left over are overwritten, never handed out
                next = 0;
            }
            System.arraycopy(buffer, next, out, 0, out.length);
            Arrays.fill(buffer, next, next + out.length, (byte) 0);
            next += out.length;
        }
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK's DRBG is not available", e);
        }
    }
}
