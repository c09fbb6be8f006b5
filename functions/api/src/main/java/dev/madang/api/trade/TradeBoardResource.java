package dev.madang.api.trade;

import dev.madang.api.support.Caller;
import dev.madang.api.support.PageLimits;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.TouchesTables;
import dev.madang.api.trade.TradeViews.BoardView;
import dev.madang.api.trade.TradeViews.ListingView;
import dev.madang.api.trade.TradeViews.ViewerView;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.trade.SearchingListings;
import dev.madang.domain.trade.WantedSeats;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A round's trade board, searched by the seats one wants. Who sees what follows one rule (docs/trade.md): without a
 * ticket of the round, or without an exchange listing of one's own, only transfer listings, by section and row; with
 * both, exchange listings too, and every seat exactly.
 */
@Path("/v1/rounds/{roundId}/listings")
@RolesAllowed({"USER", "ADMIN"})
@SecurityRequirement(name = "jwt")
@TouchesTables({"CatalogTable", "OrdersTable"})
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
public class TradeBoardResource {

    @Inject
    SearchingListings searching;
    @Inject
    JsonWebToken token;

    @GET
    @Operation(summary = "Search the round's trade board by wanted seats (all optional: a section, a row, a range of seat numbers)")
    @APIResponse(responseCode = "200", description = "What I may see, best matches first: mutual exchanges, then seats next to mine",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BoardView.class)))
    @APIResponse(responseCode = "400", description = "A malformed filter, limit or cursor")
    @APIResponse(responseCode = "404", description = "No such round")
    public BoardView search(@PathParam("roundId") String roundId, @QueryParam("sectionId") String sectionId,
                            @QueryParam("row") String row, @QueryParam("fromNumber") Integer fromNumber,
                            @QueryParam("toNumber") Integer toNumber, @QueryParam("limit") String limit,
                            @QueryParam("cursor") String cursor) {
        int pageSize = PageLimits.parse(limit, 20);
        int from = offset(cursor);
        SearchingListings.Results results = searching.search(Caller.subject(token),
                PathIds.require("roundId", roundId), new WantedSeats(sectionId, row, fromNumber, toNumber));
        List<ListingView> page = results.items().stream().skip(from).limit(pageSize).map(ListingView::of).toList();
        boolean more = results.items().size() > from + pageSize;
        return new BoardView(ViewerView.of(results.searcher()), page, more ? cursor(from + pageSize) : null);
    }

    /** The board is ranked per searcher, so a page is a place in that ranking. */
    private static String cursor(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("at:" + offset)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int offset = Integer.parseInt(text.substring(text.indexOf("at:") == 0 ? 3 : text.length()));
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw DomainException.invalid("malformed cursor", List.of(new FieldError("cursor",
                    "not a cursor this API issued")));
        }
    }
}
