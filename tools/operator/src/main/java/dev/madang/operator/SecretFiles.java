package dev.madang.operator;

import dev.madang.aws.account.token.SigningKeySet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that hold secrets on an operator's or developer's machine: signing key sets ({@link SigningKeySet#toJson()}),
 * as {@link KeyTool} and the local runner's dev keys keep them, and the runner's local logins. Readable by the owner
 * only, and never half-written.
 */
public final class SecretFiles {

    public static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private SecretFiles() {
    }

    public static SigningKeySet readKeySet(Path file) throws IOException {
        try {
            return SigningKeySet.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not a valid signing key set: " + e.getMessage());
        }
    }

    /**
     * Replaces {@code file} with {@code content} readable by the owner only: written to a new owner-only file beside
     * it and moved over it, so that no moment exists where the key material is readable by others or half-written.
     */
    public static void writeOwnerOnly(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = posix()
                ? Files.createTempFile(dir, ".signing-keys", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))
                : Files.createTempFile(dir, ".signing-keys", ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Whether the file system has POSIX permissions (not so on Windows; the folders are git-ignored either way). */
    public static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
