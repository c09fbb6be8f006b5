package dev.madang.api.lottery;

import dev.madang.api.lottery.LotteryViews.LotteryView;
import dev.madang.api.support.Bodies;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.Times;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.lottery.OpeningLotteries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.time.OffsetDateTime;

/** An organiser opens a round's lottery and watches its entry counts (docs/api.md §2.5). */
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
    @APIResponse(responseCode = "404", description = "No such round, or no lottery opened for it")
    public LotteryView get(@PathParam("roundId") String roundId) {
        return LotteryView.of(opening.get(PathIds.require("roundId", roundId)));
    }
}
