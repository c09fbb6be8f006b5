package dev.madang.api.lottery;

import dev.madang.api.lottery.LotteryViews.EntryView;
import dev.madang.api.support.Bodies;
import dev.madang.api.support.Caller;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.Throttled;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.queue.AdmissionGate;
import dev.madang.domain.lottery.EnteringLotteries;
import dev.madang.domain.lottery.FanEntry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/**
 * A fan's entry (응모) in a round's lottery: one per fan per round, changeable and withdrawable until entries close
 * (docs/api.md §2.5). The answer's {@code entryId} is pseudonymous: random, derived from nothing about the fan.
 */
@Path("/v1/rounds/{roundId}/lottery/entries")
@RolesAllowed({"USER", "ADMIN"})
@TouchesTables({"CatalogTable", "LotteryTable"})
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
@APIResponse(responseCode = "403", description = "Identity not verified, or the round's waiting room is on (or wants a puzzle with its line off) and no admission of mine came in Madang-Admission")
@APIResponse(responseCode = "404", description = "No such round (or, for mine, no entry of yours)")
@APIResponse(responseCode = "422", description = "Not a lottery section, party size outside 1..the per-person limit, or entries not being taken (entries-closed)")
public class LotteryEntriesResource {

    @Inject
    EnteringLotteries entering;
    @Inject
    AdmissionGate gate;
    @Inject
    JsonWebToken token;

    public record EntryBody(String sectionId, Integer partySize) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enter the round's lottery for one section and a party size")
    @APIResponse(responseCode = "201", description = "Entered; the entry with its pseudonymous entryId",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EntryView.class)))
    @APIResponse(responseCode = "409", description = "You have entered this round already (already-entered)")
    @APIResponse(responseCode = "429", description = "Too many requests from this account or address, or for this round (rate-limited): retry after Retry-After")
    @Throttled
    public Response enter(@PathParam("roundId") String roundId, EntryBody body,
                          @HeaderParam(AdmissionGate.HEADER) String admission) {
        FanEntry entry = entering.enter(entering(roundId, body, admission));
        return Response.created(URI.create("/v1/rounds/" + entry.roundId() + "/lottery/entries/mine"))
                .entity(EntryView.of(entry)).build();
    }

    @PUT
    @Path("/mine")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change my entry's section or party size until entries close")
    @APIResponse(responseCode = "200", description = "The entry as changed")
    @APIResponse(responseCode = "409", description = "The entry changed meanwhile (entry-changed)")
    @APIResponse(responseCode = "429", description = "Too many requests from this account or address, or for this round (rate-limited): retry after Retry-After")
    @Throttled
    public EntryView change(@PathParam("roundId") String roundId, EntryBody body,
                            @HeaderParam(AdmissionGate.HEADER) String admission) {
        return EntryView.of(entering.change(entering(roundId, body, admission)));
    }

    @DELETE
    @Path("/mine")
    @Operation(summary = "Withdraw my entry until entries close")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    public Response withdraw(@PathParam("roundId") String roundId) {
        entering.withdraw(Caller.subject(token), Caller.identityVerified(token), PathIds.require("roundId", roundId));
        return Response.noContent().build();
    }

    /** While the round's waiting room is on, entering or changing an entry needs an admission from it. */
    private EnteringLotteries.Entering entering(String roundId, EntryBody body, String admission) {
        String round = PathIds.require("roundId", roundId);
        Bodies.require(body);
        gate.require(Caller.subject(token), round, admission);
        return new EnteringLotteries.Entering(Caller.subject(token), Caller.identityVerified(token), round,
                body.sectionId(), body.partySize());
    }
}
