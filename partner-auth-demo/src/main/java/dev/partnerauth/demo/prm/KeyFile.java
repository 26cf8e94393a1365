package dev.partnerauth.demo.prm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;

/**
 * The partner authentication key, kept in one file so that it survives a restart. The file is
 * readable by its owner only where the file system has POSIX permissions. Reads go to the file each
 * time, so the simulator never holds a copy that could go stale or turn up in a heap dump longer
 * than a request.
 */
final class KeyFile {

    static final String FILE_NAME = "prm-simulator-key";

    /** Longer than any key partner-auth or DealHub mints, short enough to refuse pasted junk. */
    static final int MAX_LENGTH = 512;

    private final Path file;

    KeyFile(Path dataDir) {
        this.file = Objects.requireNonNull(dataDir, "dataDir").resolve(FILE_NAME);
    }

    /** The saved key, or empty if none is saved. */
    Optional<String> read() {
        try {
            String key = Files.readString(file, StandardCharsets.UTF_8).strip();
            return key.isEmpty() ? Optional.empty() : Optional.of(key);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /**
     * Replaces the saved key. The new file is written beside the old one with owner-only permissions
     * from its creation, then moved over it, so the key is never world-readable, not even briefly,
     * and a crash leaves either the old key or the new one.
     *
     * @throws IllegalArgumentException if {@link #problemWith(String)} finds a problem
     */
    void save(String key) {
        problemWith(key).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        try {
            Path dir = file.getParent();
            Files.createDirectories(dir);
            Path temp = posix(dir)
                    ? Files.createTempFile(dir, FILE_NAME, ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, FILE_NAME, ".tmp");
            try {
                Files.writeString(temp, key, StandardCharsets.UTF_8);
                move(temp);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private void move(Path temp) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Why {@code key} cannot be a partner authentication key, in words for the page; empty if it can. */
    static Optional<String> problemWith(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            return Optional.of("Paste the key before saving.");
        }
        if (key.length() > MAX_LENGTH) {
            return Optional.of("That is longer than any authentication key (" + MAX_LENGTH
                    + " characters at most); copy it again from the CPQ's API Settings page.");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                return Optional.of("An authentication key has no spaces, line breaks or control"
                        + " characters; copy it again from the CPQ's API Settings page.");
            }
        }
        return Optional.empty();
    }

    private static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
