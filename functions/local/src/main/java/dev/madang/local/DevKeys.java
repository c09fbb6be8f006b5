package dev.madang.local;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * The local runner's signing key: generated on first run under {@code .madang/dev-keys/} (git-ignored, owner-only),
 * never committed. The API verifies tokens with its public half exactly as it verifies production tokens.
 */
public final class DevKeys {

    public static final String ISSUER = "https://madang.dev/auth";
    public static final String AUDIENCE = "madang-api";

    private final KeyPair keys;
    private final Path publicKeyFile;

    private DevKeys(KeyPair keys, Path publicKeyFile) {
        this.keys = keys;
        this.publicKeyFile = publicKeyFile;
    }

    public static DevKeys loadOrCreate(Path dir) throws IOException, java.security.GeneralSecurityException {
        Path priv = dir.resolve("private.pem");
        Path pub = dir.resolve("public.pem");
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        if (Files.exists(priv) && Files.exists(pub)) {
            PrivateKey p = rsa.generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(priv))));
            PublicKey q = rsa.generatePublic(new X509EncodedKeySpec(der(Files.readString(pub))));
            return new DevKeys(new KeyPair(q, p), pub);
        }
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.writeString(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        try {
            Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system; the folder is git-ignored either way
        }
        Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        return new DevKeys(pair, pub);
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /** An admin access token for the organiser endpoints, until real admin accounts exist (accounts issue). */
    public String adminToken(Duration lifetime) {
        return token("local-admin", "ADMIN", lifetime);
    }

    /** A fan's access token (subject {@code fan}) for holds, until sign-up and login exist (accounts issue). */
    public String fanToken(String fan, Duration lifetime) {
        return token(fan, "USER", lifetime);
    }

    private String token(String subject, String role, Duration lifetime) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).groups(Set.of(role))
                .issuedAt(now).expiresAt(now.plus(lifetime))
                .jws().algorithm(SignatureAlgorithm.RS256).sign(keys.getPrivate());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
    }
}
