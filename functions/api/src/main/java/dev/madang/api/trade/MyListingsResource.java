package dev.madang.api.trade;

import dev.madang.api.support.Caller;
import dev.madang.api.support.TouchesTables;
import dev.madang.api.trade.TradeViews.MyListingList;
import dev.madang.api.trade.TradeViews.MyListingView;
import dev.madang.domain.trade.ListingTickets;
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

/**
 * My listings on the trade boards, each with its state and the requests made on it (my page). A full path: a class
 * at {@code /v1/me} would take every {@code /v1/me...} request from {@code MeResource}.
 */
@Path("/v1/me/listings")
@RolesAllowed({"USER", "ADMIN"})
@SecurityRequirement(name = "jwt")
@TouchesTables({"CatalogTable", "OrdersTable"})
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
public class MyListingsResource {

    /** Far more than a fan lists or asks for; the page shows the most recent. */
    static final int LIMIT = 100;

    @Inject
    ListingTickets listing;
    @Inject
    JsonWebToken token;

    @GET
    @Operation(summary = "My listings, newest first, each with its state and the requests made on it")
    @APIResponse(responseCode = "200", description = "My listings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MyListingList.class)))
    public MyListingList listings() {
        return new MyListingList(listing.mine(Caller.subject(token), LIMIT).stream().map(MyListingView::of).toList());
    }
}
