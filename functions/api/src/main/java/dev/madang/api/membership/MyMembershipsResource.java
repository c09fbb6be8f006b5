package dev.madang.api.membership;

import dev.madang.api.membership.MembershipViews.CardList;
import dev.madang.api.membership.MembershipViews.CardView;
import dev.madang.api.order.OrdersResource;
import dev.madang.api.order.OrdersResource.OrderView;
import dev.madang.api.order.OrdersResource.RefundAccountBody;
import dev.madang.api.support.Bodies;
import dev.madang.api.support.Caller;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.membership.BuyingMemberships;
import dev.madang.domain.order.Order;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * My memberships: buy or renew one (an order paid like any other, through the payment workflow), see mine, cancel the
 * latest purchase within its refund days. A new membership shows in my token from its next refresh.
 */
@Path("/v1/me/memberships")
@RolesAllowed({"USER", "ADMIN"})
@SecurityRequirement(name = "jwt")
@TouchesTables("OrdersTable")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
public class MyMembershipsResource {

    @Inject
    BuyingMemberships buying;
    @Inject
    JsonWebToken token;
    @Inject
    Clock clock;

    /** {@code refundAccount} is required for a virtual account, as for seats. */
    public record PurchaseBody(String membershipId, String method, RefundAccountBody refundAccount) {
    }

    @GET
    @Operation(summary = "My memberships, running or lapsed")
    @APIResponse(responseCode = "200", description = "My cards",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CardList.class)))
    public CardList mine() {
        return new CardList(buying.cardsOf(Caller.subject(token)).stream()
                .map(c -> CardView.of(c, clock.instant())).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Buy or renew a membership: the order to pay (amount fixed by the server); pay it at POST /v1/orders/{orderId}/payment")
    @APIResponse(responseCode = "201", description = "The order to pay: open the PG window with its id, amount and name",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "400", description = "A bad field (named)")
    @APIResponse(responseCode = "403", description = "Identity not verified")
    @APIResponse(responseCode = "404", description = "No such membership")
    public Response buy(PurchaseBody body) {
        Bodies.require(body);
        Order order = buying.buy(Caller.subject(token), Caller.identityVerified(token),
                PathIds.require("membershipId", body.membershipId()), OrdersResource.parseMethod(body.method()),
                OrdersResource.refundAccount(body.refundAccount()));
        return Response.created(URI.create("/v1/orders/" + order.id())).entity(OrdersResource.view(order, List.of()))
                .build();
    }

    @POST
    @Path("/{membershipId}/cancellation")
    @Operation(summary = "Cancel my latest purchase of the membership within its refund days: refunded in full, the membership back to where it was")
    @APIResponse(responseCode = "200", description = "Cancelled and refunded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CardView.class)))
    @APIResponse(responseCode = "404", description = "No such membership of mine")
    @APIResponse(responseCode = "409", description = "The PG has not refunded yet (refund-pending): repeat")
    @APIResponse(responseCode = "422", description = "Past the refund days (membership-refund-closed)")
    public CardView cancel(@PathParam("membershipId") String membershipId) {
        return CardView.of(buying.cancel(Caller.subject(token), PathIds.require("membershipId", membershipId)),
                clock.instant());
    }
}
