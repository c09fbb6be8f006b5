package dev.madang.aws.account;

import dev.madang.domain.account.PasswordHasher;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id with OWASP's first recommended setting (m = 19 MiB, t = 2, p = 1; OWASP Password Storage Cheat Sheet),
 * a 16-byte random salt and a 32-byte tag, in the PHC string format that other Argon2 libraries read:
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (unpadded standard Base64).
 *
 * <p>Verification takes its parameters from the stored string, so hashes made under older settings keep working
 * ({@link #needsRehash} says when to replace one at the next login). Because those parameters come from storage,
 * they are bounded: a tampered hash can neither ask for gigabytes of memory nor shrink the tag until guessing it is
 * easy. Anything malformed simply does not match. The tags are compared in constant time.
 *
 * <p>BouncyCastle is pure Java (no native library to package per architecture). {@code new SecureRandom()} reads the
 * kernel's generator on every call (NativePRNG), so restored SnapStart snapshots do not share salts.
 */
public final class Argon2idPasswordHasher implements PasswordHasher {

    public static final int MEMORY_KIB = 19 * 1024;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;
    static final int SALT_BYTES = 16;
    static final int TAG_BYTES = 32;

    // what a stored hash may ask for: generous for future settings, far from a denial of service or a weak tag
    private static final int MAX_MEMORY_KIB = 256 * 1024;
    private static final int MAX_ITERATIONS = 16;
    private static final int MAX_PARALLELISM = 8;
    private static final int MIN_SALT_BYTES = 8;
    private static final int MIN_TAG_BYTES = 16;
    private static final int MAX_BYTES = 64;

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=([1-9][0-9]{0,6}),t=([1-9][0-9]?),p=([1-9])\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final SecureRandom random;

    public Argon2idPasswordHasher() {
        this(new SecureRandom());
    }

    Argon2idPasswordHasher(SecureRandom random) {
        this.random = random;
    }

    @Override
    public String hash(char[] password) {
        if (password == null) {
            throw new IllegalArgumentException("no password to hash");
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] tag = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, TAG_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(tag);
    }

    @Override
    public boolean matches(char[] password, String hash) {
        if (password == null) {
            return false;
        }
        Stored stored = Stored.parse(hash);
        if (stored == null) {
            return false;
        }
        byte[] tag = derive(password, stored.salt, stored.memoryKib, stored.iterations, stored.parallelism,
                stored.tag.length);
        return org.bouncycastle.util.Arrays.constantTimeAreEqual(tag, stored.tag);
    }

    /** True when {@code hash} was made with other parameters than today's (or is not ours): hash again on login. */
    public boolean needsRehash(String hash) {
        Stored stored = Stored.parse(hash);
        return stored == null || stored.memoryKib != MEMORY_KIB || stored.iterations != ITERATIONS
                || stored.parallelism != PARALLELISM || stored.salt.length != SALT_BYTES || stored.tag.length != TAG_BYTES;
    }

    private static byte[] derive(char[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build());
        byte[] secret = utf8(password);
        try {
            byte[] out = new byte[length];
            generator.generateBytes(secret, out);
            return out;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** UTF-8 without going through a String, so the only copy of the password bytes is the one wiped above. */
    private static byte[] utf8(char[] password) {
        ByteBuffer buffer = null;
        try {
            buffer = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).encode(CharBuffer.wrap(password));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("UTF-8 cannot encode the password", e); // not with REPLACE
        } finally {
            if (buffer != null && buffer.hasArray()) {
                Arrays.fill(buffer.array(), (byte) 0);
            }
        }
    }

    /** A parsed, bounded PHC string; null from {@link #parse} when it is anything else. */
    private record Stored(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] tag) {

        static Stored parse(String hash) {
            if (hash == null || hash.length() > 256) {
                return null;
            }
            Matcher m = PHC.matcher(hash);
            if (!m.matches()) {
                return null;
            }
            int memory = Integer.parseInt(m.group(1));
            int iterations = Integer.parseInt(m.group(2));
            int parallelism = Integer.parseInt(m.group(3));
            byte[] salt = decode(m.group(4));
            byte[] tag = decode(m.group(5));
            if (salt == null || tag == null || memory > MAX_MEMORY_KIB || memory < 8 * parallelism
                    || iterations > MAX_ITERATIONS || parallelism > MAX_PARALLELISM
                    || salt.length < MIN_SALT_BYTES || salt.length > MAX_BYTES
                    || tag.length < MIN_TAG_BYTES || tag.length > MAX_BYTES) {
                return null;
            }
            return new Stored(memory, iterations, parallelism, salt, tag);
        }

        /** Canonical unpadded Base64 only: a string that does not re-encode to itself is not one we wrote. */
        private static byte[] decode(String text) {
            try {
                byte[] bytes = B64_DECODER.decode(text);
                return B64.encodeToString(bytes).equals(text) ? bytes : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
