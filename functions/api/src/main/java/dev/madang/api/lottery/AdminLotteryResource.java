package dev.madang.api.lottery;

import dev.madang.api.lottery.LotteryViews.LotteryView;
import dev.madang.api.support.Bodies;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.Times;
import dev.madang.api.support.PageLimits;
import dev.madang.api.support.TouchesTables;
import dev.madang.api.catalog.PublicCatalogResource.PageView;
import dev.madang.api.lottery.LotteryViews.OfferStateView;
import dev.madang.domain.common.Page;
import dev.madang.domain.lottery.DrawEntry;
import dev.madang.domain.lottery.DrawingNow;
import dev.madang.domain.lottery.OpeningLotteries;
import dev.madang.domain.lottery.ReadingLotteryResults;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.time.OffsetDateTime;

/**
 * An organiser opens a round's lottery, watches its entry counts, draws now instead of at the scheduled close, and
 * follows the state of every offer (docs/api.md §2.5).
 */
@Path("/v1/admin/rounds/{roundId}/lottery")
@TouchesTables({"CatalogTable", "LotteryTable"})
@RolesAllowed("ADMIN")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
@APIResponse(responseCode = "403", description = "Not an admin")
public class AdminLotteryResource {

    @Inject
    OpeningLotteries opening;

    @Inject
    DrawingNow drawing;

    @Inject
    ReadingLotteryResults results;

    public record LotteryBody(OffsetDateTime entriesOpenAt, OffsetDateTime entriesCloseAt,
                              OffsetDateTime paymentDeadline, Integer redraws) {
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open the round's lottery, or change it until entries open")
    @APIResponse(responseCode = "200", description = "The lottery with its entry counts")
    @APIResponse(responseCode = "404", description = "No such round")
    @APIResponse(responseCode = "422", description = "Times out of order, redraws not 0-3, no LOTTERY section, or entries have opened (lottery-locked)")
    public LotteryView open(@PathParam("roundId") String roundId, LotteryBody body) {
        Bodies.require(body);
        return LotteryView.of(opening.open(PathIds.require("roundId", roundId), new OpeningLotteries.Schedule(
                Times.instant(body.entriesOpenAt()), Times.instant(body.entriesCloseAt()),
                Times.instant(body.paymentDeadline()), body.redraws())));
    }

    @GET
    @Operation(summary = "The round's lottery with entry counts per section and party size")
    @APIResponse(responseCode = "200", description = "The lottery with its entry counts")
    @APIResponse(responseCode = "404", description = "No such round, or no lottery opened for it")
    public LotteryView get(@PathParam("roundId") String roundId) {
        return LotteryView.of(opening.get(PathIds.require("roundId", roundId)));
    }

    @POST
    @Path("/draw")
    @Operation(summary = "Draw now: close the entries at once and start the draw (harmless to repeat)")
    @APIResponse(responseCode = "202", description = "Entries closed; the draw runs (follow it with the result)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LotteryView.class)))
    @APIResponse(responseCode = "404", description = "No such round, or no lottery opened for it")
    @APIResponse(responseCode = "422", description = "Entries have not opened yet (entries-not-open)")
    public Response drawNow(@PathParam("roundId") String roundId) {
        return Response.accepted(LotteryView.of(drawing.drawNow(PathIds.require("roundId", roundId)))).build();
    }

    @GET
    @Path("/offers")
    @Operation(summary = "A section's offers, a page at a time: each winning entry's state, seats, amount, deadline")
    @APIResponse(responseCode = "200", description = "A page of offers; nextCursor is null on the last page")
    @APIResponse(responseCode = "400", description = "No sectionId, a limit outside 1-100, or a bad cursor")
    @APIResponse(responseCode = "404", description = "No such round, or no lottery opened for it")
    public PageView<OfferStateView> offers(@PathParam("roundId") String roundId,
                                           @QueryParam("sectionId") String sectionId,
                                           @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Page<DrawEntry> page = results.offers(PathIds.require("roundId", roundId), sectionId, cursor,
                PageLimits.parse(limit, ReadingLotteryResults.DEFAULT_LIMIT));
        return new PageView<>(page.items().stream().map(OfferStateView::of).toList(), page.nextCursor());
    }

}
