package dev.partnerauth.internal.memory;

import dev.partnerauth.key.AuthenticationKey;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.KeyStore;
import dev.partnerauth.key.StoredKey;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Keys in this JVM's memory: for a single node that re-creates keys on restart, and for tests. */
public final class InMemoryKeyStore implements KeyStore {
    private final ConcurrentMap<KeyId, StoredKey> keys = new ConcurrentHashMap<>();

    @Override
    public void insert(StoredKey key) {
        if (keys.putIfAbsent(key.metadata().id(), key) != null) {
            throw new IllegalStateException("duplicate key id " + key.metadata().id());
        }
    }

    @Override
    public Optional<StoredKey> find(KeyId id) {
        return Optional.ofNullable(keys.get(id));
    }

    @Override
    public List<AuthenticationKey> list() {
        return keys.values().stream().map(StoredKey::metadata)
                .sorted(Comparator.comparing(AuthenticationKey::createdAt).thenComparing(k -> k.id().value()))
                .toList();
    }

    @Override
    public boolean update(AuthenticationKey metadata) {
        return keys.computeIfPresent(metadata.id(), (id, old) -> new StoredKey(new AuthenticationKey(id,
                old.metadata().partnerId(), metadata.name(), metadata.allowedIps(), old.metadata().createdAt(), metadata.expiresAt(),
                old.metadata().lastUsedAt()), old.hash())) != null;
    }

    @Override
    public boolean delete(KeyId id) {
        return keys.remove(id) != null;
    }

    @Override
    public void recordUse(KeyId id, Instant at) {
        keys.computeIfPresent(id, (k, old) -> new StoredKey(old.metadata().withLastUsedAt(at), old.hash()));
    }
}
