package dev.madang.api.booking;

import dev.madang.api.support.Bodies;
import dev.madang.api.support.Caller;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.Times;
import dev.madang.api.support.Throttled;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.queue.AdmissionGate;
import dev.madang.domain.booking.HeldSeat;
import dev.madang.domain.booking.HoldingBestAvailable;
import dev.madang.domain.booking.HoldingSeats;
import dev.madang.domain.booking.SeatHold;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/** Seat holds: the on-sale hot path. The holder is always the token's subject, never a field of the body. */
@Path("/v1/holds")
@RolesAllowed({"USER", "ADMIN"})
@SecurityRequirement(name = "jwt")
@TouchesTables({"CatalogTable", "SeatsTable"})
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
public class HoldsResource {

    @Inject
    AdmissionGate gate;
    @Inject
    HoldingSeats holding;
    @Inject
    HoldingBestAvailable bestAvailable;
    @Inject
    JsonWebToken token;
    @Inject
    Clock clock;

    public record HoldBody(String roundId, List<String> seatIds) {
    }

    public record HoldView(
            @Schema(required = true) String holdId,
            @Schema(required = true) String roundId,
            @Schema(required = true) List<HeldSeat> seats,
            @Schema(required = true) long amount,
            @Schema(required = true) OffsetDateTime expiresAt,
            @Schema(required = true) String status) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hold 1..N seats of a round for a few minutes, all or nothing (Idempotency-Key honoured)")
    @APIResponse(responseCode = "201", description = "Held",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HoldView.class)))
    @APIResponse(responseCode = "400", description = "Malformed: no seats, a seat twice, a bad round id")
    @APIResponse(responseCode = "403", description = "Identity not verified (identity-verification-required); the round's waiting room is on (or wants a puzzle with its line off) and the Madang-Admission header has no admission of mine for it (admission-required, admission-invalid, admission-expired)")
    @APIResponse(responseCode = "404", description = "No such round")
    @APIResponse(responseCode = "409", description = "A seat is taken")
    @APIResponse(responseCode = "422", description = "Not on sale, not a first-come section, unknown seat, over the per-person limit, key reused")
    @APIResponse(responseCode = "429", description = "Too many requests from this account or address, or for this round (rate-limited): retry after Retry-After")
    @Throttled
    public Response hold(HoldBody body, @HeaderParam("Idempotency-Key") String idempotencyKey,
                         @HeaderParam(AdmissionGate.HEADER) String admission) {
        Bodies.require(body);
        gate.require(Caller.subject(token), PathIds.require("roundId", body.roundId()), admission);
        SeatHold hold = holding.hold(new HoldingSeats.HoldRequest(Caller.subject(token),
                Caller.identityVerified(token), PathIds.require("roundId", body.roundId()),
                body.seatIds(), idempotencyKey, Caller.memberships(token)));
        return Response.created(URI.create("/v1/holds/" + hold.holdId())).entity(view(hold)).build();
    }

    /** Exactly one of {@code sectionId} and {@code grade}. */
    public record BestAvailableBody(String roundId, String sectionId, String grade, Integer partySize) {
    }

    /** A hold as {@link HoldView}, plus whether its seats are side by side in one row. */
    public record BestAvailableView(
            @Schema(required = true) String holdId,
            @Schema(required = true) String roundId,
            @Schema(required = true) List<HeldSeat> seats,
            @Schema(required = true) long amount,
            @Schema(required = true) OffsetDateTime expiresAt,
            @Schema(required = true) String status,
            @Schema(required = true) boolean together) {
    }

    @POST
    @Path("/best-available")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hold the best free seats for a party in a best-available section (or any such section of a "
            + "grade), side by side when possible (Idempotency-Key honoured)")
    @APIResponse(responseCode = "201", description = "Held; together tells whether the seats are side by side",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BestAvailableView.class)))
    @APIResponse(responseCode = "400", description = "Malformed: party size not 1-10, not exactly one of sectionId and grade, a bad round id")
    @APIResponse(responseCode = "403", description = "Identity not verified (identity-verification-required); the round's waiting room is on (or wants a puzzle with its line off) and the Madang-Admission header has no admission of mine for it (admission-required, admission-invalid, admission-expired)")
    @APIResponse(responseCode = "404", description = "No such round")
    @APIResponse(responseCode = "409", description = "No party-size free seats could be held (no-seats-available)")
    @APIResponse(responseCode = "422", description = "Not on sale, not a best-available section or grade (not-best-available), party over the per-person limit, key reused")
    @APIResponse(responseCode = "429", description = "Too many requests from this account or address, or for this round (rate-limited): retry after Retry-After")
    @Throttled
    public Response holdBestAvailable(BestAvailableBody body, @HeaderParam("Idempotency-Key") String idempotencyKey,
                                      @HeaderParam(AdmissionGate.HEADER) String admission) {
        Bodies.require(body);
        gate.require(Caller.subject(token), PathIds.require("roundId", body.roundId()), admission);
        HoldingBestAvailable.BestAvailableHold best = bestAvailable.hold(new HoldingBestAvailable.BestAvailableRequest(
                Caller.subject(token), Caller.identityVerified(token), PathIds.require("roundId", body.roundId()),
                body.sectionId(), body.grade(), body.partySize(), idempotencyKey, Caller.memberships(token)));
        HoldView v = view(best.hold());
        return Response.created(URI.create("/v1/holds/" + v.holdId())).entity(new BestAvailableView(v.holdId(),
                v.roundId(), v.seats(), v.amount(), v.expiresAt(), v.status(), best.together())).build();
    }

    @GET
    @Path("/{holdId}")
    @Operation(summary = "One of my holds")
    @APIResponse(responseCode = "200", description = "The hold; status HELD or EXPIRED")
    @APIResponse(responseCode = "404", description = "No such hold of yours")
    public HoldView get(@PathParam("holdId") String holdId) {
        return view(holding.find(Caller.subject(token), PathIds.require("holdId", holdId)));
    }

    @DELETE
    @Path("/{holdId}")
    @Operation(summary = "Release my hold at once (left the page, cancelled payment)")
    @APIResponse(responseCode = "204", description = "Released")
    @APIResponse(responseCode = "404", description = "No such hold of yours")
    @APIResponse(responseCode = "409", description = "The hold has expired already, or an order pays for it (cancel the order instead)")
    public Response release(@PathParam("holdId") String holdId) {
        holding.release(Caller.subject(token), PathIds.require("holdId", holdId));
        return Response.noContent().build();
    }

    private HoldView view(SeatHold hold) {
        return new HoldView(hold.holdId(), hold.roundId(), hold.seats(), hold.amount(), Times.seoul(hold.expiresAt()),
                hold.liveAt(clock.instant()) ? "HELD" : "EXPIRED");
    }
}
