package dev.madang.api.ticket;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;
import org.jose4j.keys.resolvers.VerificationKeyResolver;

import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The public keys that verify ticket codes: the issuer's JWKS, read where the API reads it to verify access tokens
 * ({@code mp.jwt.verify.publickey} or {@code .location}), kept for five minutes and read again at once (at most every
 * 30 s) for a kid it does not hold, so a key published by a rotation is found without a restart. The JWKS is public;
 * no function needs the signing secret to verify a code.
 */
public final class PublishedKeys implements VerificationKeyResolver {

    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final Duration MIN_REFRESH = Duration.ofSeconds(30);

    private final Supplier<String> jwks;
    private final Clock clock;
    private JsonWebKeySet loaded;
    private Instant loadedAt = Instant.MIN;

    PublishedKeys(Supplier<String> jwks, Clock clock) {
        this.jwks = jwks;
        this.clock = clock;
    }

    @Override
    public synchronized Key resolveKey(JsonWebSignature jws, List<JsonWebStructure> nesting)
            throws UnresolvableKeyException {
        String kid = jws.getKeyIdHeaderValue();
        if (kid == null) {
            throw new UnresolvableKeyException("a ticket code names its key (kid)");
        }
        Instant now = clock.instant();
        if (loaded == null || now.isAfter(loadedAt.plus(MAX_AGE))) {
            load(now);
        }
        JsonWebKey key = find(kid);
        if (key == null && now.isAfter(loadedAt.plus(MIN_REFRESH))) {
            load(now);
            key = find(kid);
        }
        if (key == null) {
            throw new UnresolvableKeyException("no published key has that kid");
        }
        return key.getKey();
    }

    private JsonWebKey find(String kid) {
        return loaded.getJsonWebKeys().stream().filter(k -> kid.equals(k.getKeyId())).findFirst().orElse(null);
    }

    private void load(Instant now) {
        try {
            loaded = new JsonWebKeySet(jwks.get());
            loadedAt = now;
        } catch (JoseException e) {
            throw new IllegalStateException("the published keys are not a JSON Web Key Set", e);
        }
    }
}
