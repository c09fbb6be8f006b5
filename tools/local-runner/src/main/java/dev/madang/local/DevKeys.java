package dev.madang.local;

import dev.madang.aws.account.token.SigningKeySet;
import dev.madang.operator.SecretFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.YearMonth;
import java.util.Base64;
import java.util.Set;

/**
 * The local runner's access-token signing keys: a {@link SigningKeySet} in its stored form (the same JSON the Secrets
 * Manager secret holds in AWS) at {@code .madang/dev-keys/signing-keys.json}, generated on first run, owner-only and
 * git-ignored ({@code .madang/}), never committed. {@link KeyTool} rotates it like the real secret.
 *
 * <p>Next to it, for verifiers that read files: {@value #JWKS_FILE} (every key's public half, so tokens of a key that
 * is published but no longer active still verify) and {@value #PUBLIC_KEY_FILE} (the active key's public half as PEM,
 * which the runner has handed the API so far). Both are rewritten from the key set at every load, so they can never
 * disagree with it.
 *
 * <p>A key directory from before the key set ({@code private.pem} + {@code public.pem}) is taken over: its key becomes
 * the set's first key (kid {@value #MIGRATED_KID}), so tokens it signed stay valid, and {@code private.pem} is deleted
 * once the set is written.
 */
public final class DevKeys {

    public static final String KEY_SET_FILE = "signing-keys.json";
    public static final String JWKS_FILE = "jwks.json";
    public static final String PUBLIC_KEY_FILE = "public.pem";
    static final String MIGRATED_KID = "dev-migrated";
    private static final String LEGACY_PRIVATE_KEY_FILE = "private.pem";
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final SigningKeySet keySet;
    private final Path keySetFile;
    private final Path jwksFile;
    private final Path publicKeyFile;

    private DevKeys(SigningKeySet keySet, Path keySetFile, Path jwksFile, Path publicKeyFile) {
        this.keySet = keySet;
        this.keySetFile = keySetFile;
        this.jwksFile = jwksFile;
        this.publicKeyFile = publicKeyFile;
    }

    /**
     * Reads {@code dir/signing-keys.json}, or creates it (with one key, {@code dev-<year>-<month>-k1}), then writes the
     * public files beside it.
     *
     * @throws IllegalStateException if the file exists but is not a valid key set (the message holds no key material)
     */
    public static DevKeys loadOrCreate(Path dir) throws IOException, GeneralSecurityException {
        createOwnerOnlyDirectories(dir);
        Path file = dir.resolve(KEY_SET_FILE);
        SigningKeySet set;
        if (Files.exists(file)) {
            set = SecretFiles.readKeySet(file);
            restrictToOwner(file); // in case someone copied it in with looser permissions
        } else {
            Path legacy = dir.resolve(LEGACY_PRIVATE_KEY_FILE);
            SigningKeySet migrated = Files.exists(legacy) ? migrate(legacy) : null;
            set = migrated != null ? migrated : SigningKeySet.generate("dev-" + YearMonth.now() + "-k1");
            SecretFiles.writeOwnerOnly(file, set.toJson());
            if (migrated != null) {
                Files.delete(legacy); // the key now lives in the set; one copy of private material is enough
            }
        }
        Path jwks = dir.resolve(JWKS_FILE);
        Path pem = dir.resolve(PUBLIC_KEY_FILE);
        writePublic(jwks, set.jwks());
        writePublic(pem, publicPem(set));
        return new DevKeys(set, file, jwks, pem);
    }

    /** Reads a key set file, naming the file when it is not a valid set. */

    public SigningKeySet keySet() {
        return keySet;
    }

    public Path keySetFile() {
        return keySetFile;
    }

    /** Every key's public half as a JWKS: what a verifier should be given, as it follows rotation. */
    public Path jwksFile() {
        return jwksFile;
    }

    /** The active key's public half (PEM); verifying with it refuses tokens of any other key in the set. */
    public Path publicKeyFile() {
        return publicKeyFile;
    }

    @Override
    public String toString() {
        return "DevKeys[" + keySetFile + ", " + keySet + "]";
    }

    // ------------------------------------------------------------------------------------------------------
    // Files (the key set file itself is read and written through SecretFiles, as KeyTool does)
    // ------------------------------------------------------------------------------------------------------

    private static void writePublic(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static void createOwnerOnlyDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (SecretFiles.posix()) {
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR);
            Files.createDirectories(dir, ownerOnly);
        } else {
            Files.createDirectories(dir); // not a POSIX file system; the folder is git-ignored either way
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (SecretFiles.posix() && !Files.getPosixFilePermissions(file).equals(SecretFiles.OWNER_ONLY_FILE)) {
            Files.setPosixFilePermissions(file, SecretFiles.OWNER_ONLY_FILE);
        }
    }

    /** The legacy key as a set, or {@code null} if it cannot be read (then a new key is made and the file left). */
    private static SigningKeySet migrate(Path legacyPrivatePem) {
        try {
            String text = Files.readString(legacyPrivatePem, StandardCharsets.US_ASCII);
            byte[] der = Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "").strip());
            return SigningKeySet.of(MIGRATED_KID,
                    KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException unreadable) {
            return null;
        }
    }

    private static String publicPem(SigningKeySet set) {
        byte[] der = set.publicKeys().get(set.activeKid()).getEncoded();
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
    }
}
