package dev.madang.api.membership;

import dev.madang.api.membership.MembershipViews.MembershipView;
import dev.madang.api.support.Bodies;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.common.Violations;
import dev.madang.domain.membership.BuyingMemberships;
import dev.madang.domain.membership.Membership;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.net.URI;

/** Organisers offer memberships (a round's member sale then names them). */
@Path("/v1/admin/memberships")
@RolesAllowed("ADMIN")
@SecurityRequirement(name = "jwt")
@TouchesTables("OrdersTable")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
@APIResponse(responseCode = "403", description = "Not an admin")
public class AdminMembershipsResource {

    @Inject
    BuyingMemberships buying;

    public record MembershipBody(String name, Long price, Integer periodDays, String benefits, Integer refundDays) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Offer a membership: its price for one period, its benefits, its refund days")
    @APIResponse(responseCode = "201", description = "Offered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MembershipView.class)))
    @APIResponse(responseCode = "400", description = "A field breaks a rule (named)")
    public Response offer(MembershipBody body) {
        Bodies.require(body);
        new Violations().check(body.price() != null, "price", "required")
                .check(body.periodDays() != null, "periodDays", "required")
                .throwIfInvalid("the membership is missing fields");
        Membership m = buying.offer(new Membership("new", body.name(), body.price(), body.periodDays(), body.benefits(),
                body.refundDays() == null ? 7 : body.refundDays(), java.time.Instant.EPOCH));
        return Response.created(URI.create("/v1/memberships/" + m.id())).entity(MembershipView.of(m)).build();
    }
}
