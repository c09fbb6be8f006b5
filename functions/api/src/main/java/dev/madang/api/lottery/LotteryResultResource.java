package dev.madang.api.lottery;

import dev.madang.api.support.PathIds;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.lottery.LotteryResult;
import dev.madang.domain.lottery.ReadingLotteryResults;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * A round's lottery result, public: before the reveal, each draw's seed commitment and the entries' digest (published
 * before anything was drawn); after it, the seeds, the free seats and the winning (pseudonymous) entry ids, so anyone
 * can re-run the draw (ReplayDraw, docs/architecture.md §4.2).
 */
@Path("/v1/rounds/{roundId}/lottery/result")
@PermitAll
@TouchesTables({"LotteryTable"})
@Produces(MediaType.APPLICATION_JSON)
public class LotteryResultResource {

    @Inject
    ReadingLotteryResults results;

    @GET
    @Operation(summary = "The lottery's commitments, then after the draw its seeds and winning entry ids, for anyone to verify")
    @APIResponse(responseCode = "200", description = "The result as far as it is published")
    @APIResponse(responseCode = "404", description = "No lottery for this round")
    public LotteryResult result(@PathParam("roundId") String roundId) {
        return results.result(PathIds.require("roundId", roundId));
    }
}
