package dev.madang.api.account;

import dev.madang.api.account.AccountViews.ProfileView;
import dev.madang.api.support.Bodies;
import dev.madang.api.support.Caller;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.account.ManagingMyAccount;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Violations;
import dev.madang.domain.community.Rooms;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.Map;
import java.util.Set;

/**
 * "My page". The account is always the token's subject. {@code /v1/accounts/{accountId}} answers the same for your
 * own id and 404 for any other, so that a client holding ids never learns whether someone else's account exists.
 */
@Path("/v1")
@RolesAllowed({"USER", "ADMIN"})
@SecurityRequirement(name = "jwt")
@TouchesTables("AccountsTable")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
public class MeResource {

    /** The fields a fan may change; anything else in a PATCH (role, verified, email...) is refused by name. */
    static final Set<String> EDITABLE = Set.of("name", "phone", "marketingConsent");

    @Inject
    ManagingMyAccount myAccount;
    @Inject
    Rooms rooms;
    @Inject
    JsonWebToken token;

    public record PasswordChangeBody(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "PasswordChangeBody[<hidden>]";
        }
    }

    /** What a profile PATCH may carry (documentation only: the body is read as a map, so unknown names are refused by name). */
    public record ProfileEditBody(String name, String phone, Boolean marketingConsent) {
    }

    public record VerificationBody(String identityVerificationId) {
    }

    public record ClosureBody(String password) {
        @Override
        public String toString() {
            return "ClosureBody[<hidden>]";
        }
    }

    @GET
    @Path("/me")
    @Operation(summary = "My profile")
    @APIResponse(responseCode = "200", description = "My profile")
    public ProfileView me() {
        return ProfileView.of(myAccount.view(Caller.subject(token)));
    }

    @PATCH
    @Path("/me")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit my name, phone or marketing consent (only the fields sent change)")
    @APIResponse(responseCode = "200", description = "My profile as edited")
    @APIResponse(responseCode = "400", description = "A bad value, or a field that cannot be edited (role, email...)")
    public ProfileView edit(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProfileEditBody.class))) Map<String, Object> body) {
        return ProfileView.of(myAccount.edit(Caller.subject(token), profileEdit(body)));
    }

    @GET
    @Path("/accounts/{accountId}")
    @Operation(summary = "An account's profile: yours only")
    @APIResponse(responseCode = "200", description = "My profile")
    @APIResponse(responseCode = "404", description = "Not your account")
    public ProfileView account(@PathParam("accountId") String accountId) {
        return ProfileView.of(myAccount.view(own(accountId)));
    }

    @PATCH
    @Path("/accounts/{accountId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit an account's profile: yours only")
    @APIResponse(responseCode = "200", description = "My profile as edited")
    @APIResponse(responseCode = "404", description = "Not your account")
    public ProfileView editAccount(@PathParam("accountId") String accountId,
                                   @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                           schema = @Schema(implementation = ProfileEditBody.class)))
                                   Map<String, Object> body) {
        return ProfileView.of(myAccount.edit(own(accountId), profileEdit(body)));
    }

    @PUT
    @Path("/me/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change my password (the current one is required); ends my other sessions")
    @APIResponse(responseCode = "204", description = "Changed; every other session's refresh token is refused from "
            + "now on (their access tokens lapse within 15 minutes), this one's goes on")
    @APIResponse(responseCode = "422", description = "Current password wrong, or a social account without one")
    @APIResponse(responseCode = "429", description = "Too many wrong passwords")
    public Response changePassword(PasswordChangeBody body) {
        Bodies.require(body);
        char[] current = AuthResource.chars(body.currentPassword());
        char[] next = AuthResource.chars(body.newPassword());
        try {
            myAccount.changePassword(Caller.subject(token), Caller.session(token).orElse(null), current, next);
            return Response.noContent().build();
        } finally {
            AuthResource.wipe(current);
            AuthResource.wipe(next);
        }
    }

    @POST
    @Path("/me/identity-verification")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify my identity (본인인증) after a social sign-up; refresh the token afterwards to book")
    @APIResponse(responseCode = "200", description = "Verified")
    @APIResponse(responseCode = "409", description = "Already verified, person has another account, verification used")
    @APIResponse(responseCode = "422", description = "Verification unknown or not VERIFIED")
    @APIResponse(responseCode = "503", description = "Identity provider unavailable; retry")
    public ProfileView verify(VerificationBody body) {
        Bodies.require(body);
        return ProfileView.of(myAccount.verifyIdentity(Caller.subject(token), body.identityVerificationId()));
    }

    @DELETE
    @Path("/me")
    @Consumes(MediaType.APPLICATION_JSON)
    @TouchesTables({"AccountsTable", "CommunityTable"})
    @Operation(summary = "Close my account: personal data erased; tickets and payments kept for accounting, anonymised; "
            + "my posts in the performance rooms kept without their author")
    @APIResponse(responseCode = "204", description = "Closed")
    @APIResponse(responseCode = "422", description = "Password wrong")
    public Response close(ClosureBody body) {
        char[] password = body == null ? null : AuthResource.chars(body.password());
        try {
            myAccount.close(Caller.subject(token), password);
            // after the closing, which checks the password: a wrong one anonymises nothing
            rooms.anonymise(Caller.subject(token));
            return Response.noContent().build();
        } finally {
            AuthResource.wipe(password);
        }
    }

    private String own(String accountId) {
        PathIds.require("accountId", accountId);
        if (!accountId.equals(Caller.subject(token))) {
            throw DomainException.notFound("account", accountId);
        }
        return accountId;
    }

    private static ManagingMyAccount.ProfileEdit profileEdit(Map<String, Object> body) {
        Bodies.require(body);
        Violations v = new Violations();
        body.keySet().stream().filter(k -> !EDITABLE.contains(k)).sorted()
                .forEach(k -> v.add(k, "cannot be changed here"));
        Object name = body.get("name");
        Object phone = body.get("phone");
        Object consent = body.get("marketingConsent");
        v.check(name == null || name instanceof String, "name", "a string");
        v.check(phone == null || phone instanceof String, "phone", "a string");
        v.check(consent == null || consent instanceof Boolean, "marketingConsent", "true or false");
        v.throwIfInvalid("the profile edit is not valid");
        return new ManagingMyAccount.ProfileEdit((String) name, (String) phone, (Boolean) consent);
    }
}
