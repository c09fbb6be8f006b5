package dev.madang.api.trade;

import com.fasterxml.jackson.databind.JsonNode;
import dev.madang.api.order.OrdersResource;
import dev.madang.api.support.Bodies;
import dev.madang.api.support.Caller;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.Throttled;
import dev.madang.api.support.TouchesTables;
import dev.madang.api.trade.TradeViews.ListedView;
import dev.madang.api.trade.TradeViews.ListingView;
import dev.madang.api.trade.TradeViews.MyListingView;
import dev.madang.api.trade.TradeViews.TradeRequestView;
import dev.madang.api.trade.TradeViews.WantedView;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.order.Order;
import dev.madang.domain.trade.AcceptingTrades;
import dev.madang.domain.trade.ListingKind;
import dev.madang.domain.trade.ListingTickets;
import dev.madang.domain.trade.OrderingTransfers;
import dev.madang.domain.trade.RequestingTrades;
import dev.madang.domain.trade.TradeRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.List;

/**
 * The trade board's listings and the requests made on them (docs/trade.md): a holder lists a ticket for exchange or
 * transfer, another fan asks for it, the holder accepts or declines, and the buyer of a transfer pays for it. Another
 * fan's listing or request is a 404.
 */
@Path("/v1/listings")
@RolesAllowed({"USER", "ADMIN"})
@SecurityRequirement(name = "jwt")
@TouchesTables({"CatalogTable", "SeatsTable", "OrdersTable"})
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
public class ListingsResource {

    private static final String FACE_VALUE_ONLY = "not accepted: a listing has no price of its own, tickets are "
            + "exchanged between equal prices and transferred at face value";

    @Inject
    ListingTickets listing;
    @Inject
    RequestingTrades requesting;
    @Inject
    AcceptingTrades accepting;
    @Inject
    OrderingTransfers paying;
    @Inject
    JsonWebToken token;

    /** No price of any kind: any field but these is refused. */
    public record ListingBody(
            @Schema(required = true) String ticketId,
            @Schema(required = true, enumeration = {"EXCHANGE", "TRANSFER"}) String kind,
            @Schema(description = "1-5 wanted seats (required for an exchange): a section, a row, or a range of a row")
            List<WantedView> wanted) {
    }

    /** {@code offeredListingId}: for an exchange, my OPEN exchange listing of the same round and price. */
    public record TradeRequestBody(String offeredListingId) {
    }

    public record TransferOrderBody(
            @Schema(required = true, enumeration = {"CARD", "VIRTUAL_ACCOUNT"}) String method,
            OrdersResource.RefundAccountBody refundAccount) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "List one of my valid tickets for exchange or transfer; answers the listing and the listed seats matching what I want")
    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ListingBody.class)))
    @APIResponse(responseCode = "201", description = "Listed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ListedView.class)))
    @APIResponse(responseCode = "400", description = "Malformed, or a field it does not accept (any price)")
    @APIResponse(responseCode = "404", description = "No such ticket of mine")
    @APIResponse(responseCode = "409", description = "Listed already (ticket-already-listed), or not valid (ticket-not-listable)")
    @APIResponse(responseCode = "422", description = "The round has started or was cancelled (trading-closed)")
    @APIResponse(responseCode = "429", description = "Too many requests from this account or address, or for this round (rate-limited): retry after Retry-After")
    @Throttled
    public Response list(JsonNode json) {
        ListingBody body = Bodies.strict(json, ListingBody.class, FACE_VALUE_ONLY);
        ListingTickets.Listed listed = listing.list(new ListingTickets.ListTicket(Caller.subject(token),
                body.ticketId(), kind(body.kind()), body.wanted() == null ? null
                : body.wanted().stream().map(w -> w == null ? null : w.toDomain()).toList()));
        ListedView view = new ListedView(MyListingView.of(new ListingTickets.OwnListing(listed.listing(), List.of())),
                listed.recommendations().stream().map(ListingView::of).toList());
        return Response.created(URI.create("/v1/listings/" + listed.listing().id())).entity(view).build();
    }

    @GET
    @Path("/{listingId}")
    @Operation(summary = "One of my listings, with the requests made on it")
    @APIResponse(responseCode = "200", description = "My listing",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MyListingView.class)))
    @APIResponse(responseCode = "404", description = "No such listing of mine")
    public MyListingView get(@PathParam("listingId") String listingId) {
        return MyListingView.of(listing.one(Caller.subject(token), PathIds.require("listingId", listingId)));
    }

    @DELETE
    @Path("/{listingId}")
    @Operation(summary = "Withdraw one of my OPEN listings")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    @APIResponse(responseCode = "404", description = "No such listing of mine")
    @APIResponse(responseCode = "409", description = "Not open any more (listing-not-open)")
    public Response withdraw(@PathParam("listingId") String listingId) {
        listing.withdraw(Caller.subject(token), PathIds.require("listingId", listingId));
        return Response.noContent().build();
    }

    @POST
    @Path("/{listingId}/requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask for a listed ticket: an exchange offers my own exchange listing; a transfer asks to buy it at face value")
    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TradeRequestBody.class)))
    @APIResponse(responseCode = "201", description = "Requested",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TradeRequestView.class)))
    @APIResponse(responseCode = "403", description = "A transfer needs a verified identity")
    @APIResponse(responseCode = "404", description = "No such listing I may see, or my offered listing is not mine")
    @APIResponse(responseCode = "409", description = "Not open (listing-not-open), or asked already (already-requested)")
    @APIResponse(responseCode = "422", description = "Not the same round (exchange-other-round) or price (exchange-price-mismatch)")
    @APIResponse(responseCode = "429", description = "Too many requests from this account or address, or for this round (rate-limited): retry after Retry-After")
    @Throttled
    public Response request(@PathParam("listingId") String listingId, JsonNode json) {
        TradeRequestBody body = json == null || json.isNull() ? new TradeRequestBody(null)
                : Bodies.strict(json, TradeRequestBody.class, FACE_VALUE_ONLY);
        String offered = body.offeredListingId() == null ? null
                : PathIds.require("offeredListingId", body.offeredListingId());
        TradeRequest request = requesting.request(Caller.subject(token), Caller.identityVerified(token),
                PathIds.require("listingId", listingId), offered);
        return Response.created(URI.create("/v1/listings/" + listingId + "/requests/" + request.id()))
                .entity(TradeRequestView.of(request, null, null)).build();
    }

    @POST
    @Path("/{listingId}/requests/{requestId}/acceptance")
    @Operation(summary = "Accept a request on my listing: an exchange swaps both tickets at once (new codes); a transfer waits for the buyer's payment")
    @APIResponse(responseCode = "200", description = "Accepted: DONE for an exchange, ACCEPTED (with payBy) for a transfer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TradeRequestView.class)))
    @APIResponse(responseCode = "404", description = "No such listing of mine or request on it")
    @APIResponse(responseCode = "409", description = "Answered already, not open, or a ticket was cancelled, used or traded meanwhile (trade-moved)")
    @APIResponse(responseCode = "422", description = "Not exchangeable (other round or price), or trading closed")
    public TradeRequestView accept(@PathParam("listingId") String listingId,
                                   @PathParam("requestId") String requestId) {
        return TradeRequestView.of(accepting.accept(Caller.subject(token), PathIds.require("listingId", listingId),
                PathIds.require("requestId", requestId)), null, null);
    }

    @POST
    @Path("/{listingId}/requests/{requestId}/declination")
    @Operation(summary = "Decline a request on my listing")
    @APIResponse(responseCode = "200", description = "Declined",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TradeRequestView.class)))
    @APIResponse(responseCode = "404", description = "No such listing of mine or request on it")
    @APIResponse(responseCode = "409", description = "Answered already (request-not-pending)")
    public TradeRequestView decline(@PathParam("listingId") String listingId,
                                    @PathParam("requestId") String requestId) {
        return TradeRequestView.of(requesting.decline(Caller.subject(token), PathIds.require("listingId", listingId),
                PathIds.require("requestId", requestId)), null, null);
    }

    @POST
    @Path("/{listingId}/requests/{requestId}/order")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pay for a transfer the seller accepted: creates my order at the ticket's face value (again answers the same order); pay it as any order")
    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TransferOrderBody.class)))
    @APIResponse(responseCode = "201", description = "The order to pay: open the PG window with its id, amount and name",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrdersResource.OrderView.class)))
    @APIResponse(responseCode = "403", description = "Identity not verified")
    @APIResponse(responseCode = "404", description = "No such request of mine")
    @APIResponse(responseCode = "409", description = "Not accepted, or its time to pay has passed (transfer-not-payable)")
    public Response order(@PathParam("listingId") String listingId, @PathParam("requestId") String requestId,
                          JsonNode json) {
        TransferOrderBody body = Bodies.strict(json, TransferOrderBody.class, FACE_VALUE_ONLY);
        Order order = paying.placeOrder(new OrderingTransfers.TransferOrder(Caller.subject(token),
                Caller.identityVerified(token), PathIds.require("listingId", listingId),
                PathIds.require("requestId", requestId), OrdersResource.parseMethod(body.method()),
                OrdersResource.refundAccount(body.refundAccount())));
        return Response.created(URI.create("/v1/orders/" + order.id()))
                .entity(OrdersResource.view(order, List.of())).build();
    }

    private static ListingKind kind(String kind) {
        try {
            return kind == null ? null : ListingKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("unknown listing kind", List.of(new FieldError("kind",
                    "EXCHANGE or TRANSFER")));
        }
    }
}
