package dev.madang.api.queue;

import dev.madang.api.support.Caller;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.Times;
import dev.madang.api.support.Throttled;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.captcha.ConsumingPasses;
import dev.madang.domain.queue.WaitingLine;
import dev.madang.domain.queue.WaitingRoom;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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

import java.time.OffsetDateTime;

/**
 * A round's waiting room for fans (docs/waiting-room.md): enter once, then poll with the place token until the
 * answer carries an admission, which the booking routes take in the {@code Madang-Admission} header. A poll reads
 * nothing from the database at steady state.
 */
@Path("/v1/rounds/{roundId}/waiting-room")
@RolesAllowed({"USER", "ADMIN"})
@SecurityRequirement(name = "jwt")
@TouchesTables({"CatalogTable", "WaitingRoomTable"})
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
public class WaitingRoomResource {

    /** The header a fan's place travels in when polling. */
    public static final String PLACE_HEADER = "Madang-Queue-Token";

    @Inject
    WaitingLine line;
    @Inject
    ConsumingPasses captcha;
    @Inject
    JsonWebToken token;

    public record AdView(
            @Schema(required = true) String adId,
            @Schema(required = true) String imageUrl,
            @Schema(nullable = true) String linkUrl,
            @Schema(required = true) String text) {
    }

    /**
     * WAITING: {@code ahead} people before me, about {@code estimatedWaitSeconds} (null while the rate is 0); poll
     * again after {@code pollAfterSeconds}. ADMITTED: {@code admission} until {@code admissionExpiresAt}. EXPIRED: my
     * turn passed unused; entering again puts me at the back.
     */
    public record PositionView(
            @Schema(required = true, enumeration = {"WAITING", "ADMITTED", "EXPIRED"}) String status,
            @Schema(required = true) long ahead,
            @Schema(nullable = true) Long estimatedWaitSeconds,
            @Schema(nullable = true) Integer pollAfterSeconds,
            @Schema(nullable = true) String admission,
            @Schema(nullable = true) OffsetDateTime admissionExpiresAt,
            @Schema(required = true) OffsetDateTime opensAt,
            @Schema(nullable = true) AdView ad) {

        static PositionView of(WaitingLine.Position p) {
            WaitingRoom.Ad ad = p.ad();
            return new PositionView(p.status().name(), p.ahead(),
                    p.estimatedWait() == null ? null : Math.max(0, p.estimatedWait().toSeconds()),
                    p.pollAfter() == null ? null : (int) p.pollAfter().toSeconds(), p.admission(),
                    p.admissionExpiresAt() == null ? null : Times.seoul(p.admissionExpiresAt()),
                    Times.seoul(p.opensAt()),
                    ad == null ? null : new AdView(ad.adId(), ad.imageUrl(), ad.linkUrl(), ad.text()));
        }
    }

    public record EnteredView(
            @Schema(nullable = true, description = "My place: send it in the Madang-Queue-Token header when polling; "
                    + "null when the round's line is off and only its puzzle guards it (admitted at once)")
            String token,
            @Schema(required = true) PositionView position) {
    }

    /** {@code captchaPass}: the pass a solved puzzle for this round gave (POST /v1/captcha/challenges). */
    public record EntryBody(String captchaPass) {
    }

    @POST
    @Path("/entries")
    @Consumes(MediaType.APPLICATION_JSON)
    @TouchesTables({"CatalogTable", "WaitingRoomTable", "AccountsTable"})
    @Operation(summary = "Enter the round's waiting room with a solved puzzle's pass; again (another tab or device) answers the same place. With the line off and a puzzle wanted, admits at once")
    @APIResponse(responseCode = "201", description = "My place and where it stands",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnteredView.class)))
    @APIResponse(responseCode = "403", description = "No pass, or not a pass of mine for this round (captcha-required, captcha-invalid)")
    @APIResponse(responseCode = "404", description = "Nothing guards the round's booking (no line on, no puzzle wanted): book directly")
    @APIResponse(responseCode = "409", description = "The pass was used already (captcha-pass-used)")
    @APIResponse(responseCode = "429", description = "Too many requests from this account or address, or for this round (rate-limited): retry after Retry-After")
    @Throttled
    public Response enter(@PathParam("roundId") String roundId, EntryBody body) {
        String round = PathIds.require("roundId", roundId);
        String me = Caller.subject(token);
        // the room must guard the round before a pass is spent on it; the puzzle is what a bot must pay to book
        line.requireOpen(round);
        captcha.consume(me, round, body == null ? null : body.captchaPass());
        WaitingLine.Entered entered = line.enter(me, round);
        return Response.status(201).header("Cache-Control", NO_STORE)
                .entity(new EnteredView(entered.token(), PositionView.of(entered.position()))).build();
    }

    @GET
    @Path("/position")
    @Operation(summary = "Where my place stands now (no database read): WAITING with the people ahead, or ADMITTED with an admission")
    @APIResponse(responseCode = "200", description = "My position",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PositionView.class)))
    @APIResponse(responseCode = "403", description = "The token is not my place in this round's line (queue-token-invalid)")
    @APIResponse(responseCode = "404", description = "The round has no waiting room on")
    @APIResponse(responseCode = "429", description = "Too many requests from this account or address, or for this round (rate-limited): retry after Retry-After")
    @Throttled
    public Response poll(@PathParam("roundId") String roundId, @HeaderParam(PLACE_HEADER) String place) {
        WaitingLine.Position p = line.poll(Caller.subject(token), PathIds.require("roundId", roundId), place);
        return Response.ok(PositionView.of(p)).header("Cache-Control", NO_STORE).build();
    }

    /** Each answer is one fan's, with bearer tokens in it: never cached by anyone. */
    static final String NO_STORE = "no-store";
}
