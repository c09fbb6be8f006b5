package dev.madang.api.order;

import dev.madang.api.support.Caller;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.Times;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.cancellation.CancellingRounds;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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

import java.time.OffsetDateTime;

/**
 * An organiser calls a round off (docs/api.md §2.4, issue 12): every paid order is refunded in full, without fees,
 * by the round refund queue's consumer; this answers at once (202) and then reports progress.
 */
@Path("/v1/admin/rounds/{roundId}/cancellation")
@RolesAllowed("ADMIN")
@SecurityRequirement(name = "jwt")
@TouchesTables({"CatalogTable", "OrdersTable"})
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
@APIResponse(responseCode = "403", description = "Not an admin")
public class AdminRoundCancellationResource {

    @Inject
    CancellingRounds rounds;
    @Inject
    JsonWebToken token;

    /**
     * {@code ordersAtCancellation}/{@code amountAtCancellation}: the PAID orders queued for a refund when the round
     * was cancelled. {@code orders}: the round's ever-paid orders now, {@code refunded} + {@code pending} of them, with
     * the amount refunded on them and the amount still to refund.
     */
    public record ProgressView(
            @Schema(required = true) String roundId,
            @Schema(required = true) String status,
            @Schema(required = true) OffsetDateTime cancelledAt,
            @Schema(required = true) int ordersAtCancellation,
            @Schema(required = true) long amountAtCancellation,
            @Schema(required = true) int orders,
            @Schema(required = true) int refunded,
            @Schema(required = true) int pending,
            @Schema(required = true) long amountRefunded,
            @Schema(required = true) long amountPending) {
        static ProgressView of(CancellingRounds.Progress p) {
            return new ProgressView(p.roundId(), p.done() ? "REFUNDED" : "REFUNDING", Times.seoul(p.cancelledAt()),
                    p.ordersAtCancellation(), p.amountAtCancellation(), p.orders(), p.refunded(), p.pending(),
                    p.amountRefunded(), p.amountPending());
        }
    }

    @POST
    @Operation(summary = "Cancel the round: no more sales, every paid order refunded in full (no fee), each fan told")
    @APIResponse(responseCode = "202", description = "Cancelled; the refunds are under way (the progress)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProgressView.class)))
    @APIResponse(responseCode = "400", description = "A malformed round id")
    @APIResponse(responseCode = "404", description = "No such round")
    public Response cancel(@PathParam("roundId") String roundId) {
        CancellingRounds.Progress p = rounds.cancel(PathIds.require("roundId", roundId), Caller.subject(token));
        return Response.accepted(ProgressView.of(p)).build();
    }

    @GET
    @Operation(summary = "How far the refunds of a cancelled round are: orders refunded and pending, amounts")
    @APIResponse(responseCode = "200", description = "The progress")
    @APIResponse(responseCode = "400", description = "A malformed round id")
    @APIResponse(responseCode = "404", description = "No such round, or it is not cancelled")
    public ProgressView progress(@PathParam("roundId") String roundId) {
        return ProgressView.of(rounds.progress(PathIds.require("roundId", roundId)));
    }
}
