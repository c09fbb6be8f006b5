package dev.madang.api.account;

import dev.madang.api.support.TouchesTables;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The issuer's public face: the public keys that verify access tokens (JWKS, RFC 7517) and an OpenID-style discovery
 * document naming them. The API Gateway JWT authorizer reads {@code {issuer}/.well-known/openid-configuration} to find
 * the keys, so the issuer is this API's {@code /v1/auth} URL. Both are public and cached for five minutes: a key is
 * published longer than that before it signs anything (see {@code SigningKeySet}), so no verifier ever meets a kid it
 * cannot find.
 */
@Path("/v1/auth/.well-known")
@PermitAll
@TouchesTables({})
@Produces(MediaType.APPLICATION_JSON)
public class KeysResource {

    @Inject
    CurrentSigningKeys keys;
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    /** The JWKS as {@code Jwks} writes it (documentation only: the resource answers that JSON text). */
    public record JwksView(
            @Schema(required = true) List<JwkView> keys) {
    }

    /** One RSA public key: base64url modulus {@code n} and exponent {@code e}. */
    public record JwkView(
            @Schema(required = true) String kty,
            @Schema(required = true) String kid,
            @Schema(required = true) String use,
            @Schema(required = true) String alg,
            @Schema(required = true) String n,
            @Schema(required = true) String e) {
    }

    /** The discovery document as {@link #discovery()} builds it (documentation only). */
    public record DiscoveryView(
            @Schema(required = true) String issuer,
            @Schema(required = true) String jwks_uri,
            @Schema(required = true) List<String> id_token_signing_alg_values_supported) {
    }

    @GET
    @Path("/jwks.json")
    @Operation(summary = "Public keys that verify access tokens (JWKS), by kid")
    @APIResponse(responseCode = "200", description = "The JWKS; cached for five minutes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JwksView.class)))
    public Response jwks() {
        return cached(keys.current().jwks());
    }

    @GET
    @Path("/openid-configuration")
    @Operation(summary = "Discovery document: the issuer and where its keys are")
    @APIResponse(responseCode = "200", description = "The discovery document; cached for five minutes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DiscoveryView.class)))
    public Response discovery() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer);
        doc.put("jwks_uri", issuer + "/.well-known/jwks.json");
        doc.put("id_token_signing_alg_values_supported", new String[]{"RS256"});
        return cached(doc);
    }

    private static Response cached(Object entity) {
        CacheControl c = new CacheControl();
        c.setMaxAge(300);
        return Response.ok(entity).cacheControl(c).build();
    }
}
