package dev.madang.api.lottery;

import dev.madang.api.lottery.LotteryViews.EntryView;
import dev.madang.api.support.Caller;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.lottery.EnteringLotteries;
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

import java.util.Map;

/** My lottery entries in every round, with their state (docs/api.md §2.5). */
@Path("/v1/me/lottery-entries")
@RolesAllowed({"USER", "ADMIN"})
@TouchesTables("LotteryTable")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
public class MyLotteryEntriesResource {

    @Inject
    EnteringLotteries entering;
    @Inject
    JsonWebToken token;

    @GET
    @Operation(summary = "My lottery entries, most recent first: ENTERED until the draw (WON with the offer to pay, LOST, WON_EXPIRED, PAID after it)")
    @APIResponse(responseCode = "200", description = "My entries; offer is present once an entry won",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LotteryViews.EntryList.class)))
    public Map<String, Object> mine() {
        return EntryView.list(entering.mineWithOffers(Caller.subject(token)));
    }
}
