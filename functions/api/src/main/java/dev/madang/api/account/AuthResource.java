package dev.madang.api.account;

import dev.madang.api.account.AccountViews.TokensView;
import dev.madang.api.support.Bodies;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.account.Account;
import dev.madang.domain.account.LoggingIn;
import dev.madang.domain.account.SigningUp;
import dev.madang.domain.account.social.LoggingInSocially;
import dev.madang.domain.account.token.Sessions;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Arrays;

/**
 * Sign-up, login, token refresh, logout and social login: the routes that hand out tokens, so none of them needs
 * one. Every answer carrying tokens is {@code Cache-Control: no-store} (RFC 6749 section 5.1). Passwords arrive as
 * JSON strings and are copied into char arrays that are wiped once the use case is done.
 */
@Path("/v1/auth")
@PermitAll
@TouchesTables({"AccountsTable", "OrdersTable"}) // the fan's membership cards, named in each access token
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    SigningUp signingUp;
    @Inject
    LoggingIn loggingIn;
    @Inject
    LoggingInSocially social;
    @Inject
    Sessions sessions;

    /** No role and no "verified" field: a client that sends them is ignored (the JSON reader skips unknown names). */
    public record SignUpBody(String email, String password, String identityVerificationId, String name,
                             Boolean marketingConsent) {
        @Override
        public String toString() {
            return "SignUpBody[password=<hidden>]";
        }
    }

    public record LogInBody(String email, String password) {
        @Override
        public String toString() {
            return "LogInBody[password=<hidden>]";
        }
    }

    public record RefreshBody(String refreshToken) {
        @Override
        public String toString() {
            return "RefreshBody[refreshToken=<hidden>]";
        }
    }

    public record SocialStartBody(String redirectUri) {
    }

    public record SocialStartView(
            @Schema(required = true) String authorizationUrl,
            @Schema(required = true) String state,
            @Schema(required = true) OffsetDateTime expiresAt) {
    }

    public record SocialCallbackBody(String code, String state) {
        @Override
        public String toString() {
            return "SocialCallbackBody[code=<hidden>]";
        }
    }

    @POST
    @Path("/signup")
    @Operation(summary = "Open an account: e-mail, password and a completed identity verification (본인인증)")
    @APIResponse(responseCode = "201", description = "Account made; logged in",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokensView.class)))
    @APIResponse(responseCode = "400", description = "Malformed e-mail, weak password, bad verification id")
    @APIResponse(responseCode = "409", description = "E-mail taken, person already has an account, verification used")
    @APIResponse(responseCode = "422", description = "Verification unknown or not VERIFIED")
    @APIResponse(responseCode = "503", description = "Identity provider unavailable; retry")
    public Response signUp(SignUpBody body) {
        Bodies.require(body);
        char[] password = chars(body.password());
        try {
            Account account = signingUp.signUp(new SigningUp.SignUp(body.email(), password,
                    body.identityVerificationId(), body.name(), Boolean.TRUE.equals(body.marketingConsent())));
            return tokens(Response.status(Response.Status.CREATED).location(URI.create("/v1/me")),
                    sessions.start(account));
        } finally {
            wipe(password);
        }
    }

    @POST
    @Path("/login")
    @Operation(summary = "Log in with e-mail and password")
    @APIResponse(responseCode = "200", description = "Logged in",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokensView.class)))
    @APIResponse(responseCode = "401", description = "The e-mail or password is not correct (one answer for both)")
    @APIResponse(responseCode = "429", description = "Too many failed logins for this e-mail; see Retry-After")
    public Response logIn(LogInBody body) {
        Bodies.require(body);
        char[] password = chars(body.password());
        try {
            Account account = loggingIn.logIn(new LoggingIn.LogIn(body.email(), password));
            return tokens(Response.ok(), sessions.start(account));
        } finally {
            wipe(password);
        }
    }

    @POST
    @Path("/refresh")
    @Operation(summary = "Trade a refresh token for new tokens (rotation: the old one is spent; reuse revokes the session)")
    @APIResponse(responseCode = "200", description = "New tokens",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokensView.class)))
    @APIResponse(responseCode = "401", description = "The refresh token is not valid; log in again")
    public Response refresh(RefreshBody body) {
        Bodies.require(body);
        return tokens(Response.ok(), sessions.refresh(body.refreshToken()));
    }

    @POST
    @Path("/logout")
    @Operation(summary = "End the session of this refresh token (its whole family); answers 204 for any token")
    @APIResponse(responseCode = "204", description = "Logged out")
    public Response logOut(RefreshBody body) {
        Bodies.require(body);
        sessions.end(body.refreshToken());
        return Response.noContent().build();
    }

    @POST
    @Path("/social/{provider}/authorizations")
    @Operation(summary = "Start a Kakao or Naver login: answers the provider's consent URL and the state to expect back")
    @APIResponse(responseCode = "201", description = "Started",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SocialStartView.class)))
    @APIResponse(responseCode = "400", description = "Redirect URI not registered")
    @APIResponse(responseCode = "404", description = "No such provider")
    public Response startSocial(@PathParam("provider") String provider, SocialStartBody body) {
        Bodies.require(body);
        LoggingInSocially.Started started = social.start(provider, body.redirectUri());
        return Response.status(Response.Status.CREATED).cacheControl(noStore())
                .entity(new SocialStartView(started.authorizationUrl().toString(), started.state(),
                        dev.madang.api.support.Times.seoul(started.expiresAt()))).build();
    }

    @POST
    @Path("/social/{provider}/callback")
    @Operation(summary = "Finish a Kakao or Naver login with the code and state the provider returned")
    @APIResponse(responseCode = "200", description = "Logged in to the account linked to this provider account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokensView.class)))
    @APIResponse(responseCode = "201", description = "A new account was made and logged in (verify identity before booking)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokensView.class)))
    @APIResponse(responseCode = "401", description = "State unknown, expired or used; or the provider refused the code")
    @APIResponse(responseCode = "503", description = "Provider unavailable; start again")
    public Response completeSocial(@PathParam("provider") String provider, SocialCallbackBody body) {
        Bodies.require(body);
        LoggingInSocially.Completed done = social.complete(provider, body.code(), body.state());
        return tokens(done.newAccount() ? Response.status(Response.Status.CREATED) : Response.ok(),
                sessions.start(done.account()));
    }

    private static Response tokens(Response.ResponseBuilder response, Sessions.Tokens tokens) {
        return response.cacheControl(noStore()).header("Pragma", "no-cache").entity(TokensView.of(tokens)).build();
    }

    static CacheControl noStore() {
        CacheControl c = new CacheControl();
        c.setNoStore(true);
        return c;
    }

    static char[] chars(String s) {
        return s == null ? null : s.toCharArray();
    }

    static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }
}
