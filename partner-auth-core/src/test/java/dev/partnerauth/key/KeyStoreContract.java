package dev.partnerauth.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.allowlist.IpAllowlist;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link KeyStore} must do; run against each implementation by a subclass. */
public abstract class KeyStoreContract {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00.123456Z");
    static final IpAllowlist IPS = IpAllowlist.parse(List.of("203.0.113.0/24", "2001:db8::/32", "198.51.100.7"));

    static final PartnerId PARTNER = new PartnerId("prt_testpartner0");

    /** A store with no keys, fresh for each test. */
    protected abstract KeyStore store();

    public static StoredKey key(String id, Instant createdAt, byte fill) {
        byte[] hash = new byte[32];
        Arrays.fill(hash, fill);
        hash[0] = 0;
        hash[31] = (byte) 0xFF;
        return new StoredKey(new AuthenticationKey(new KeyId(id), PARTNER, "Key " + id, IPS, createdAt, null, null), hash);
    }

    @Test
    void findWhenInsertedThenReturnsMetadataAndHash() {
        StoredKey key = key("AAAAAAAAAAA1", T0, (byte) 7);
        store().insert(key);
        StoredKey found = store().find(new KeyId("AAAAAAAAAAA1")).orElseThrow();
        assertEquals(key.metadata(), found.metadata());
        assertArrayEquals(key.hash(), found.hash());
    }

    @Test
    void findWhenUnknownIdThenEmpty() {
        store().insert(key("AAAAAAAAAAA1", T0, (byte) 1));
        assertTrue(store().find(new KeyId("AAAAAAAAAAA2")).isEmpty());
    }

    @Test
    void findWhenIdDiffersOnlyInCaseThenAnotherKey() {
        // key ids are base62: on a database whose default collation ignores case, "aB..." would find "Ab..."
        store().insert(key("AAAAAAAAAAA1", T0, (byte) 1));
        assertTrue(store().find(new KeyId("aAAAAAAAAAA1")).isEmpty());
        store().insert(key("aAAAAAAAAAA1", T0, (byte) 2));
        assertEquals(2, store().find(new KeyId("aAAAAAAAAAA1")).orElseThrow().hash()[1]);
        assertEquals(2, store().list().size());
    }

    @Test
    void insertWhenIdTakenThenFails() {
        store().insert(key("AAAAAAAAAAA1", T0, (byte) 1));
        assertThrows(IllegalStateException.class, () -> store().insert(key("AAAAAAAAAAA1", T0, (byte) 2)));
    }

    @Test
    void listReturnsMetadataOldestFirst() {
        store().insert(key("BBBBBBBBBBB2", T0.plusSeconds(10), (byte) 2));
        store().insert(key("AAAAAAAAAAA1", T0, (byte) 1));
        store().insert(key("CCCCCCCCCCC3", T0.plusSeconds(20), (byte) 3));
        assertEquals(List.of("AAAAAAAAAAA1", "BBBBBBBBBBB2", "CCCCCCCCCCC3"),
                store().list().stream().map(k -> k.id().value()).toList());
    }

    @Test
    void updateChangesNameIpsAndExpiryButNotHashPartnerOrTimestamps() {
        StoredKey key = key("AAAAAAAAAAA1", T0, (byte) 5);
        store().insert(key);
        store().recordUse(key.metadata().id(), T0.plusSeconds(5));
        AuthenticationKey changed = new AuthenticationKey(key.metadata().id(), new PartnerId("prt_someoneElse00000"), "Renamed", IpAllowlist.ANY,
                T0.plusSeconds(999), T0.plusSeconds(3600), null);
        assertTrue(store().update(changed));
        StoredKey found = store().find(key.metadata().id()).orElseThrow();
        assertEquals(new AuthenticationKey(key.metadata().id(), PARTNER, "Renamed", IpAllowlist.ANY, T0, T0.plusSeconds(3600),
                T0.plusSeconds(5)), found.metadata());
        assertArrayEquals(key.hash(), found.hash());
    }

    @Test
    void updateWhenExpiryClearedThenNoExpiry() {
        StoredKey key = key("AAAAAAAAAAA1", T0, (byte) 5);
        store().insert(key);
        store().update(key.metadata().withExpiresAt(T0.plusSeconds(60)));
        store().update(key.metadata().withExpiresAt(null));
        assertNull(store().find(key.metadata().id()).orElseThrow().metadata().expiresAt());
    }

    @Test
    void updateWhenUnknownIdThenFalse() {
        assertFalse(store().update(key("AAAAAAAAAAA1", T0, (byte) 1).metadata()));
        assertTrue(store().list().isEmpty());
    }

    @Test
    void deleteRemovesTheKey() {
        store().insert(key("AAAAAAAAAAA1", T0, (byte) 1));
        store().insert(key("BBBBBBBBBBB2", T0, (byte) 2));
        assertTrue(store().delete(new KeyId("AAAAAAAAAAA1")));
        assertTrue(store().find(new KeyId("AAAAAAAAAAA1")).isEmpty());
        assertEquals(1, store().list().size());
    }

    @Test
    void deleteWhenUnknownIdThenFalse() {
        assertFalse(store().delete(new KeyId("AAAAAAAAAAA1")));
    }

    @Test
    void recordUseSetsLastUsedAt() {
        store().insert(key("AAAAAAAAAAA1", T0, (byte) 1));
        store().recordUse(new KeyId("AAAAAAAAAAA1"), T0.plusSeconds(42));
        assertEquals(T0.plusSeconds(42), store().find(new KeyId("AAAAAAAAAAA1")).orElseThrow().metadata().lastUsedAt());
    }

    @Test
    void recordUseWhenUnknownIdThenIgnored() {
        store().recordUse(new KeyId("AAAAAAAAAAA1"), T0);
        assertTrue(store().list().isEmpty());
    }
}
