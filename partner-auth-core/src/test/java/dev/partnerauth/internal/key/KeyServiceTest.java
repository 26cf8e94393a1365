package dev.partnerauth.internal.key;

import dev.partnerauth.key.PresentedKey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.ForbiddenException;
import dev.partnerauth.NotFoundException;
import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.audit.AuditEvent;
import dev.partnerauth.audit.AuditEventType;
import dev.partnerauth.key.AuthenticationKey;
import dev.partnerauth.internal.memory.InMemoryKeyStore;
import dev.partnerauth.key.IssuedKey;
import dev.partnerauth.key.KeyChanges;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.key.KeyStore;
import dev.partnerauth.key.RecordingKeyStore;
import dev.partnerauth.key.StoredKey;
import dev.partnerauth.testing.MutableClock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class KeyServiceTest {
    private static final KeyPepper PEPPER = KeyPepper.of("0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    private static final InetAddress CLIENT = address("203.0.113.7");

    private final MutableClock clock = new MutableClock();
    private final RecordingKeyStore store = new RecordingKeyStore();
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    private final KeyService keys = service(store);

    private KeyService service(KeyStore keyStore) {
        return new KeyService(keyStore, PEPPER, events::add, clock, new SecureRandom());
    }

    @Test
    void createWhenCalledThenPlaintextReturnedOnceAndVerifies() {
        IssuedKey issued = keys.create("Acme PRM", IpAllowlist.ANY, null, "admin");

        assertTrue(issued.plaintext().startsWith("pak_"));
        assertEquals(issued.metadata().id(), keys.verify(PresentedKey.of(issued.plaintext()), CLIENT).id());
        assertEquals(clock.instant(), issued.metadata().createdAt());
    }

    @Test
    void listAndGetWhenKeyCreatedThenNeverExposePlaintextOrSecret() {
        IssuedKey issued = keys.create("Acme PRM", IpAllowlist.parse(List.of("203.0.113.0/24")), null, "admin");
        String secret = KeyFormatTest.secretOf(issued.plaintext());

        String shown = keys.list().toString() + keys.get(issued.metadata().id());

        assertTrue(shown.contains("Acme PRM"));
        assertFalse(shown.contains(issued.plaintext()));
        assertFalse(shown.contains(secret));
        assertEquals(List.of(issued.metadata()), keys.list());
    }

    @Test
    void createWhenCalledThenIssuedKeyToStringRedactsPlaintext() {
        IssuedKey issued = keys.create("Acme PRM", IpAllowlist.ANY, null, "admin");

        assertFalse(issued.toString().contains(issued.plaintext()));
        assertFalse(issued.toString().contains(KeyFormatTest.secretOf(issued.plaintext())));
    }

    @Test
    void createWhenCalledThenKeyCreatedAudited() {
        IssuedKey issued = keys.create("Acme PRM", IpAllowlist.ANY, null, "admin");

        assertEquals(1, events.size());
        AuditEvent e = events.get(0);
        assertEquals(AuditEventType.KEY_CREATED, e.type());
        assertEquals(issued.metadata().id().value(), e.keyId());
        assertEquals("Acme PRM", e.detail());
    }

    @Test
    void verifyWhenAnySingleCharacterFlippedThenRefusedWithoutStoreCall() {
        String key = keys.create("Acme PRM", IpAllowlist.ANY, null, "admin").plaintext();
        store.forbidFind();
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
        int tried = 0;
        for (int i = 0; i < key.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                if (c == key.charAt(i)) {
                    continue;
                }
                String flipped = key.substring(0, i) + c + key.substring(i + 1);
                ForbiddenException e = assertThrows(ForbiddenException.class, () -> keys.verify(PresentedKey.of(flipped), CLIENT));
                assertEquals(ForbiddenException.Reason.KEY_MALFORMED, e.reason(), "position " + i);
                tried++;
            }
        }
        assertEquals(key.length() * 62, tried);
    }

    @Test
    void verifyWhenGarbageThenRefusedWithoutStoreCall() {
        store.forbidFind();

        for (String garbage : List.of("", "pak_", "480zZQNXR8zoTicG.7MIkom0ETwBjYWzi", "x".repeat(5000))) {
            ForbiddenException e = assertThrows(ForbiddenException.class, () -> keys.verify(PresentedKey.of(garbage), CLIENT));
            assertEquals(ForbiddenException.Reason.KEY_MALFORMED, e.reason());
        }
    }

    @Test
    void verifyWhenIdUnknownThenForbiddenAfterOneLookup() {
        String foreign = service(new InMemoryKeyStore()).create("Elsewhere", IpAllowlist.ANY, null, "admin").plaintext();

        ForbiddenException e = assertThrows(ForbiddenException.class, () -> keys.verify(PresentedKey.of(foreign), CLIENT));

        assertEquals(ForbiddenException.Reason.KEY_UNKNOWN, e.reason());
        // the lookup happened, and with no stored hash KeyHasher compares against a decoy
        // (KeyFormatTest.keyHasherWhenNoStoredHashThenFalse): the unknown-id path hashes too
        assertEquals(1, store.finds());
    }

    @Test
    void verifyWhenIdUnknownOrSecretWrongThenIdenticalRefusalsExceptReason() {
        IssuedKey known = keys.create("Acme PRM", IpAllowlist.ANY, null, "admin");
        IssuedKey other = service(new InMemoryKeyStore()).create("Other", IpAllowlist.ANY, null, "admin");
        // a store that knows other's id but holds a different key's hash: other's secret is wrong there
        InMemoryKeyStore mismatching = new InMemoryKeyStore();
        mismatching.insert(new StoredKey(other.metadata(), store.find(known.metadata().id()).orElseThrow().hash()));
        String unknownToStore = other.plaintext();

        ForbiddenException unknown = assertThrows(ForbiddenException.class, () -> keys.verify(PresentedKey.of(unknownToStore), CLIENT));
        ForbiddenException wrong = assertThrows(ForbiddenException.class,
                () -> service(mismatching).verify(PresentedKey.of(other.plaintext()), CLIENT));

        assertEquals(ForbiddenException.Reason.KEY_UNKNOWN, unknown.reason());
        assertEquals(ForbiddenException.Reason.KEY_MISMATCH, wrong.reason());
        assertEquals(unknown.getMessage(), wrong.getMessage());
        assertEquals(unknown.problems(), wrong.problems());
        assertEquals(unknown.status(), wrong.status());
    }

    @Test
    void verifyWhenRefusedThenMessageNeverContainsTheKey() {
        IssuedKey issued = keys.create("Acme PRM", IpAllowlist.parse(List.of("198.51.100.0/24")), null, "admin");

        ForbiddenException e = assertThrows(ForbiddenException.class, () -> keys.verify(PresentedKey.of(issued.plaintext()), CLIENT));

        assertEquals(ForbiddenException.Reason.IP_NOT_ALLOWED, e.reason());
        assertFalse(String.valueOf(e.getMessage()).contains(KeyFormatTest.secretOf(issued.plaintext())));
        assertFalse(e.problems().toString().contains(KeyFormatTest.secretOf(issued.plaintext())));
    }

    @Test
    void verifyWhenClientInsideAllowlistThenAccepted() {
        IssuedKey issued = keys.create("Acme PRM", IpAllowlist.parse(List.of("203.0.113.0/24")), null, "admin");

        assertEquals(issued.metadata().id(), keys.verify(PresentedKey.of(issued.plaintext()), CLIENT).id());
    }

    @Test
    void verifyWhenClientOutsideAllowlistThenRefused() {
        IssuedKey issued = keys.create("Acme PRM", IpAllowlist.parse(List.of("2001:db8::/32", "198.51.100.7")), null, "admin");

        ForbiddenException e = assertThrows(ForbiddenException.class, () -> keys.verify(PresentedKey.of(issued.plaintext()), CLIENT));

        assertEquals(ForbiddenException.Reason.IP_NOT_ALLOWED, e.reason());
    }

    @Test
    void verifyWhenJustBeforeExpiryThenAccepted() {
        IssuedKey issued = keys.create("Acme PRM", IpAllowlist.ANY, clock.instant().plus(Duration.ofHours(1)), "admin");
        clock.advance(Duration.ofHours(1).minusNanos(1));

        assertEquals(issued.metadata().id(), keys.verify(PresentedKey.of(issued.plaintext()), CLIENT).id());
    }

    @Test
    void verifyWhenExactlyAtExpiryThenRefused() {
        IssuedKey issued = keys.create("Acme PRM", IpAllowlist.ANY, clock.instant().plus(Duration.ofHours(1)), "admin");
        clock.advance(Duration.ofHours(1));

        ForbiddenException e = assertThrows(ForbiddenException.class, () -> keys.verify(PresentedKey.of(issued.plaintext()), CLIENT));

        assertEquals(ForbiddenException.Reason.KEY_EXPIRED, e.reason());
        assertTrue(keys.findActive(issued.metadata().id()).isEmpty());
    }

    @Test
    void updateWhenExpiryClearedThenExpiredKeyWorksAgain() {
        IssuedKey issued = keys.create("Acme PRM", IpAllowlist.ANY, clock.instant().plus(Duration.ofMinutes(1)), "admin");
        clock.advance(Duration.ofMinutes(2));

        AuthenticationKey updated = keys.update(issued.metadata().id(), KeyChanges.none().withExpiresAt(null), "admin");

        assertNull(updated.expiresAt());
        assertEquals(issued.metadata().id(), keys.verify(PresentedKey.of(issued.plaintext()), CLIENT).id());
    }

    @Test
    void updateWhenExpirySetThenKeyStopsAtIt() {
        IssuedKey issued = keys.create("Acme PRM", IpAllowlist.ANY, null, "admin");
        Instant at = clock.instant().plus(Duration.ofDays(7));

        AuthenticationKey updated = keys.update(issued.metadata().id(), KeyChanges.none().withExpiresAt(at), "admin");
        clock.set(at);

        assertEquals(at, updated.expiresAt());
        ForbiddenException e = assertThrows(ForbiddenException.class, () -> keys.verify(PresentedKey.of(issued.plaintext()), CLIENT));
        assertEquals(ForbiddenException.Reason.KEY_EXPIRED, e.reason());
    }

    @Test
    void updateWhenRenamedThenRenameAuditedAndOtherFieldsKept() {
        IssuedKey issued = keys.create("Acme PRM", IpAllowlist.parse(List.of("203.0.113.0/24")), null, "admin");
        events.clear();

        AuthenticationKey updated = keys.update(issued.metadata().id(), KeyChanges.none().withName("Acme EMEA"), "admin");

        assertEquals("Acme EMEA", updated.name());
        assertEquals(issued.metadata().allowedIps(), updated.allowedIps());
        assertEquals(issued.metadata().createdAt(), updated.createdAt());
        assertEquals(1, events.size());
        assertEquals(AuditEventType.KEY_RENAMED, events.get(0).type());
        assertEquals("Acme EMEA", events.get(0).detail());
        assertEquals(issued.metadata().id().value(), events.get(0).keyId());
    }

    @Test
    void updateWhenIpsChangedThenIpsChangeAuditedAndEnforced() {
        IssuedKey issued = keys.create("Acme PRM", IpAllowlist.ANY, null, "admin");
        events.clear();

        keys.update(issued.metadata().id(), KeyChanges.none().withAllowedIps(IpAllowlist.parse(List.of("198.51.100.0/24", "2001:db8::/32"))), "admin");

        assertEquals(1, events.size());
        assertEquals(AuditEventType.KEY_IPS_CHANGED, events.get(0).type());
        assertEquals("198.51.100.0/24, 2001:db8::/32", events.get(0).detail());
        assertThrows(ForbiddenException.class, () -> keys.verify(PresentedKey.of(issued.plaintext()), CLIENT));
    }

    @Test
    void updateWhenExpiryChangedThenExpiryChangeAudited() {
        IssuedKey issued = keys.create("Acme PRM", IpAllowlist.ANY, null, "admin");
        events.clear();
        Instant at = Instant.parse("2025-02-01T00:00:00Z");

        keys.update(issued.metadata().id(), KeyChanges.none().withExpiresAt(at), "admin");

        assertEquals(1, events.size());
        assertEquals(AuditEventType.KEY_EXPIRY_CHANGED, events.get(0).type());
        assertEquals(at.toString(), events.get(0).detail());
    }

    @Test
    void updateWhenNothingChangesThenNothingAudited() {
        IssuedKey issued = keys.create("Acme PRM", IpAllowlist.ANY, null, "admin");
        events.clear();

        AuthenticationKey same = keys.update(issued.metadata().id(), KeyChanges.none().withName("Acme PRM"), "admin");

        assertEquals(issued.metadata(), same);
        assertTrue(events.isEmpty());
    }

    @Test
    void updateWhenKeyUnknownThenNotFound() {
        KeyId unknown = new KeyId("AAAAAAAAAAAA");

        assertThrows(NotFoundException.class, () -> keys.update(unknown, KeyChanges.none().withName("x"), "admin"));
    }

    @Test
    void deleteWhenKeyExistsThenGoneAndAudited() {
        IssuedKey issued = keys.create("Acme PRM", IpAllowlist.ANY, null, "admin");
        KeyId id = issued.metadata().id();

        keys.delete(id, "admin");

        assertThrows(NotFoundException.class, () -> keys.get(id));
        assertEquals(AuditEventType.KEY_DELETED, events.get(events.size() - 1).type());
        ForbiddenException e = assertThrows(ForbiddenException.class, () -> keys.verify(PresentedKey.of(issued.plaintext()), CLIENT));
        assertEquals(ForbiddenException.Reason.KEY_UNKNOWN, e.reason());
    }

    @Test
    void deleteWhenAlreadyDeletedThenNotFound() {
        KeyId id = keys.create("Acme PRM", IpAllowlist.ANY, null, "admin").metadata().id();
        keys.delete(id, "admin");

        NotFoundException e = assertThrows(NotFoundException.class, () -> keys.delete(id, "admin"));

        assertEquals(404, e.status());
    }

    @Test
    void recordUseWhenCalledThenLastUsedAtFromClock() {
        KeyId id = keys.create("Acme PRM", IpAllowlist.ANY, null, "admin").metadata().id();
        assertNull(keys.get(id).lastUsedAt());
        clock.advance(Duration.ofMinutes(5));

        keys.recordUse(id);

        assertEquals(clock.instant(), keys.get(id).lastUsedAt());
        assertNotEquals(keys.get(id).createdAt(), keys.get(id).lastUsedAt());
    }

    @Test
    void recordUseWhenCalledAgainWithinResolutionThenStoreWrittenOnce() {
        KeyId id = keys.create("Acme PRM", IpAllowlist.ANY, null, "admin").metadata().id();
        keys.recordUse(id);
        Instant first = keys.get(id).lastUsedAt();

        clock.advance(KeyService.LAST_USE_RESOLUTION.minusMillis(1));
        keys.recordUse(id);
        assertEquals(first, keys.get(id).lastUsedAt());

        clock.advance(Duration.ofMillis(1));
        keys.recordUse(id);
        assertEquals(clock.instant(), keys.get(id).lastUsedAt());
    }

    @Test
    void createWhenNameBlankOrTooLongThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> keys.create(" ", IpAllowlist.ANY, null, "admin"));
        assertThrows(IllegalArgumentException.class, () -> keys.create("n".repeat(101), IpAllowlist.ANY, null, "admin"));
    }

    @Test
    void rollWhenKeyHasAnExpiryThenNewKeyKeepsIt() {
        // a contractual end date: a roll must not turn it into access forever
        Instant contractEnds = clock.instant().plus(Duration.ofDays(90));
        IssuedKey old = keys.create("Acme PRM", IpAllowlist.ANY, contractEnds, "admin");

        IssuedKey fresh = keys.roll(old.metadata().id(), Duration.ofHours(1), "admin");

        assertEquals(contractEnds, fresh.metadata().expiresAt());
        assertEquals(contractEnds, keys.get(fresh.metadata().id()).expiresAt());
        clock.advance(Duration.ofDays(90));
        assertThrows(ForbiddenException.class, () -> keys.verify(PresentedKey.of(fresh.plaintext()), CLIENT));
    }

    @Test
    void rollWhenKeyHasNoExpiryThenNewKeyHasNone() {
        IssuedKey old = keys.create("Acme PRM", IpAllowlist.ANY, null, "admin");

        IssuedKey fresh = keys.roll(old.metadata().id(), Duration.ofHours(1), "admin");

        assertNull(fresh.metadata().expiresAt());
    }

    @Test
    void keyIdParseWhenNotAnIdThenEmpty() {
        assertTrue(KeyId.parse("../etc/passwd").isEmpty());
        assertTrue(KeyId.parse(null).isEmpty());
        assertTrue(KeyId.parse("AAAAAAAAAAA").isEmpty());
        assertTrue(KeyId.parse("AAAAAAAAAAAA").isPresent());
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
