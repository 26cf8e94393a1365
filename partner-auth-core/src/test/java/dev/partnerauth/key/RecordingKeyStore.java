package dev.partnerauth.key;

import dev.partnerauth.internal.memory.InMemoryKeyStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory key store that counts lookups and can be told to fail the test on any lookup. */
public final class RecordingKeyStore implements KeyStore {
    private final InMemoryKeyStore delegate = new InMemoryKeyStore();
    private final AtomicInteger finds = new AtomicInteger();
    private volatile boolean findForbidden;
    private volatile Runnable afterFind = () -> { };

    public int finds() {
        return finds.get();
    }

    /** Runs after each lookup has read, before it returns: to hold a lookup mid-way. */
    public void afterFind(Runnable hook) {
        afterFind = hook;
    }

    /** From now on, a lookup fails the test: the code under test must not reach the store. */
    public void forbidFind() {
        findForbidden = true;
    }

    @Override
    public void insert(StoredKey key) {
        delegate.insert(key);
    }

    @Override
    public Optional<StoredKey> find(KeyId id) {
        if (findForbidden) {
            throw new AssertionError("the key store was asked for " + id + " but must not have been");
        }
        finds.incrementAndGet();
        Optional<StoredKey> found = delegate.find(id);
        afterFind.run();
        return found;
    }

    @Override
    public List<AuthenticationKey> list() {
        return delegate.list();
    }

    @Override
    public boolean update(AuthenticationKey metadata) {
        return delegate.update(metadata);
    }

    @Override
    public boolean delete(KeyId id) {
        return delegate.delete(id);
    }

    @Override
    public void recordUse(KeyId id, Instant at) {
        delegate.recordUse(id, at);
    }
}
