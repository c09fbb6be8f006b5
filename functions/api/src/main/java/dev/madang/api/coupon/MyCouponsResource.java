package dev.madang.api.coupon;

import dev.madang.api.coupon.CouponViews.CouponView;
import dev.madang.api.coupon.CouponViews.Wallet;
import dev.madang.api.support.Bodies;
import dev.madang.api.support.Caller;
import dev.madang.api.support.IdempotencyKeys;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.common.Ids;
import dev.madang.domain.common.Violations;
import dev.madang.domain.coupon.IssuingCoupons;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;


/** My coupon wallet: claim a coupon by its code or by download, and see what I hold. */
@Path("/v1/me/coupons")
@RolesAllowed({"USER", "ADMIN"})
@SecurityRequirement(name = "jwt")
@TouchesTables("OrdersTable")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
public class MyCouponsResource {

    @Inject
    IssuingCoupons issuing;
    @Inject
    JsonWebToken token;

    /** Exactly one: the code the fan typed, or the id of a downloadable batch. */
    public record ClaimBody(String code, String batchId) {
    }

    @GET
    @Operation(summary = "My coupons, newest first, each with its terms and whether an order uses it")
    @APIResponse(responseCode = "200", description = "My wallet",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Wallet.class)))
    public Wallet wallet() {
        return new Wallet(issuing.wallet(Caller.subject(token)).stream().map(CouponView::of).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Claim a coupon into my wallet by its code or by downloading a batch (Idempotency-Key honoured)")
    @APIResponse(responseCode = "201", description = "Claimed (or the coupon this Idempotency-Key claimed before)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CouponView.class)))
    @APIResponse(responseCode = "400", description = "Neither or both of code and batchId, or a bad Idempotency-Key")
    @APIResponse(responseCode = "404", description = "No batch has this code, or no downloadable batch has this id")
    @APIResponse(responseCode = "409", description = "My limit for the batch is reached (coupon-limit-reached), or none are left (coupons-sold-out)")
    @APIResponse(responseCode = "422", description = "The batch has ended (coupon-not-valid-now)")
    public Response claim(ClaimBody body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Bodies.require(body);
        String code = blankless(body.code());
        String batchId = blankless(body.batchId());
        new Violations().check(code == null || code.length() <= 40, "code", "at most 40 characters")
                .check(batchId == null || Ids.isWellFormed(batchId), "batchId", "a batch id")
                .throwIfInvalid("the claim is not valid");
        IssuingCoupons.Owned owned = issuing.claim(Caller.subject(token), code, batchId,
                IdempotencyKeys.checked(idempotencyKey));
        return Response.status(201).entity(CouponView.of(owned)).build();
    }

    private static String blankless(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
