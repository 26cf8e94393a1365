package dev.partnerauth;

import java.nio.ByteBuffer;
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
 * DRBG's own state in the same heap, from which every future output follows anyway. The per-thread
 * values are JDK types only, so a container thread that outlives a redeployed application does not
 * keep its classes loaded.
 */
final class PerThreadSecureRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    /** Drawn from a thread's DRBG at once and handed out in slices. */
    static final int BUFFER_BYTES = 256;
    /** Larger requests (none on the request path) go straight to the DRBG. */
    static final int MAX_BUFFERED_REQUEST = 64;

    private final transient ThreadLocal<SecureRandom> local = ThreadLocal.withInitial(PerThreadSecureRandom::drbg);
    /** Per thread: bytes drawn from that thread's DRBG; those from {@code position()} on are not handed out yet. */
    private final transient ThreadLocal<ByteBuffer> buffers =
            ThreadLocal.withInitial(() -> ByteBuffer.allocate(BUFFER_BYTES).position(BUFFER_BYTES));

    @Override
    public void nextBytes(byte[] bytes) {
        if (bytes.length > MAX_BUFFERED_REQUEST) {
            local.get().nextBytes(bytes);
            return;
        }
        ByteBuffer buffer = buffers.get();
        if (buffer.remaining() < bytes.length) {
            local.get().nextBytes(buffer.array()); // the few bytes left over are overwritten, never handed out
            buffer.clear();
        }
        int start = buffer.position();
        buffer.get(bytes);
        Arrays.fill(buffer.array(), start, buffer.position(), (byte) 0);
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
