package dev.madang.api.order;

import dev.madang.api.order.OrdersResource.TicketView;
import dev.madang.api.support.Caller;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.order.PayingOrders;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.List;
import java.util.Map;

/** My tickets (my bookings), newest first. */
@Path("/v1/tickets")
@RolesAllowed({"USER", "ADMIN"})
@SecurityRequirement(name = "jwt")
@TouchesTables("OrdersTable")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
public class TicketsResource {

    @Inject
    PayingOrders paying;
    @Inject
    JsonWebToken token;

    /** What {@link #mine()} answers (documentation only: the method builds the same JSON as a map). */
    public record TicketList(
            @Schema(required = true) List<TicketView> items) {
    }

    @GET
    @Operation(summary = "My tickets: performance, round, seat, grade, price, status")
    @APIResponse(responseCode = "200", description = "My tickets",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TicketList.class)))
    public Map<String, List<TicketView>> mine() {
        return Map.of("items", paying.ticketsOwnedBy(Caller.subject(token)).stream().map(TicketView::of).toList());
    }
}
