package dev.partnerauth.internal.memory;

import dev.partnerauth.token.SigningKey;
import dev.partnerauth.token.SigningKeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/** Signing keys in this JVM's memory: tokens do not survive a restart, which is fine for 60 seconds. */
public final class InMemorySigningKeyStore implements SigningKeyStore {
    private final List<SigningKey> keys = new ArrayList<>();

    @Override
    public synchronized List<SigningKey> keys(Supplier<SigningKey> first) {
        if (keys.isEmpty()) {
            keys.add(first.get());
        }
        return List.copyOf(keys);
    }

    @Override
    public synchronized void add(SigningKey key) {
        keys.add(0, key);
        keys.sort(Comparator.comparing(SigningKey::createdAt).reversed());
    }

    @Override
    public synchronized int removeCreatedBefore(Instant cutoff) {
        int before = keys.size();
        for (int i = keys.size() - 1; i >= 1; i--) {
            if (keys.get(i).createdAt().isBefore(cutoff)) {
                keys.remove(i);
            }
        }
        return before - keys.size();
    }
}
