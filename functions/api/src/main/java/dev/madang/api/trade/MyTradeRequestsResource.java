package dev.madang.api.trade;

import dev.madang.api.support.Caller;
import dev.madang.api.support.TouchesTables;
import dev.madang.api.trade.TradeViews.ListingView;
import dev.madang.api.trade.TradeViews.TradeRequestList;
import dev.madang.api.trade.TradeViews.TradeRequestView;
import dev.madang.domain.trade.RequestingTrades;
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

/** The trade requests I sent, each with the listing as I may see it now (my page). */
@Path("/v1/me/trade-requests")
@RolesAllowed({"USER", "ADMIN"})
@SecurityRequirement(name = "jwt")
@TouchesTables({"CatalogTable", "OrdersTable"})
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
public class MyTradeRequestsResource {

    @Inject
    RequestingTrades requesting;
    @Inject
    JsonWebToken token;

    @GET
    @Operation(summary = "The requests I sent, newest first, each with the listing as I may see it now")
    @APIResponse(responseCode = "200", description = "My requests",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TradeRequestList.class)))
    public TradeRequestList requests() {
        return new TradeRequestList(requesting.mine(Caller.subject(token), MyListingsResource.LIMIT).stream()
                .map(s -> TradeRequestView.of(s.request(), null, ListingView.of(s.listing()))).toList());
    }
}
