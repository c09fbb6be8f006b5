package dev.madang.api.queue;

import dev.madang.api.support.Bodies;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.Times;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.queue.ManagingWaitingRooms;
import dev.madang.domain.queue.WaitingRoom;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** The organiser's waiting room for a round: on or off, opening, rate (also live), ads; and how the line stands. */
@Path("/v1/admin/rounds/{roundId}/waiting-room")
@RolesAllowed("ADMIN")
@SecurityRequirement(name = "jwt")
@TouchesTables({"CatalogTable", "WaitingRoomTable"})
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
@APIResponse(responseCode = "403", description = "Not an admin")
public class AdminWaitingRoomResource {

    @Inject
    ManagingWaitingRooms managing;

    public record AdBody(String adId, String imageUrl, String linkUrl, String text) {
    }

    /** {@code puzzleWhenOff} (optional, default false): with the line off, booking still needs a solved puzzle. */
    public record RoomBody(Boolean on, Boolean puzzleWhenOff, OffsetDateTime opensAt, Integer admissionsPerSecond,
                           List<AdBody> ads) {
    }

    public record RateBody(Integer admissionsPerSecond) {
    }

    public record RoomView(
            @Schema(required = true) String roundId,
            @Schema(required = true) boolean on,
            @Schema(required = true, description = "With the line off, booking still needs a solved puzzle: the "
                    + "room's door admits at once after it") boolean puzzleWhenOff,
            @Schema(required = true) OffsetDateTime opensAt,
            @Schema(required = true) int admissionsPerSecond,
            @Schema(required = true) List<WaitingRoomResource.AdView> ads,
            @Schema(description = "With GET: how the line stands") StatsView stats) {

        static RoomView of(WaitingRoom r, StatsView stats) {
            return new RoomView(r.roundId(), r.on(), r.puzzleWhenOff(), Times.seoul(r.opensAt()), r.admissionsPerSecond(),
                    r.ads().stream().map(a -> new WaitingRoomResource.AdView(a.adId(), a.imageUrl(), a.linkUrl(),
                            a.text())).toList(), stats);
        }
    }

    public record StatsView(
            @Schema(required = true) long entered,
            @Schema(required = true) long admitted,
            @Schema(required = true, description = "The line's length: entered and not yet admitted") long waiting,
            @Schema(required = true) long admittedPerMinute,
            @Schema(required = true) long secondsToClear,
            @Schema(required = true, description = "Impressions per ad id") Map<String, Long> impressions) {
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the round's waiting room: on or off, a puzzle even when off, when it opens, admissions per second, ads (at most 5)")
    @APIResponse(responseCode = "200", description = "The room",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoomView.class)))
    @APIResponse(responseCode = "400", description = "A malformed room (every field named)")
    @APIResponse(responseCode = "404", description = "No such round")
    @APIResponse(responseCode = "422", description = "The line is being served: its opening cannot move (waiting-room-opened)")
    public RoomView set(@PathParam("roundId") String roundId, RoomBody body) {
        Bodies.require(body);
        WaitingRoom room = managing.set(PathIds.require("roundId", roundId), new ManagingWaitingRooms.Settings(
                body.on(), body.puzzleWhenOff(), body.opensAt() == null ? null : Times.instant(body.opensAt()), body.admissionsPerSecond(),
                body.ads() == null ? null : body.ads().stream().map(a -> a == null ? null
                        : new WaitingRoom.Ad(a.adId(), a.imageUrl(), a.linkUrl(), a.text())).toList()));
        return RoomView.of(room, null);
    }

    @PUT
    @Path("/rate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the admission rate now; the line keeps its place")
    @APIResponse(responseCode = "200", description = "The room",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoomView.class)))
    @APIResponse(responseCode = "400", description = "Not 1 to 10,000 a second")
    @APIResponse(responseCode = "404", description = "No waiting room for this round")
    public RoomView rate(@PathParam("roundId") String roundId, RateBody body) {
        Bodies.require(body);
        return RoomView.of(managing.changeRate(PathIds.require("roundId", roundId), body.admissionsPerSecond()), null);
    }

    @GET
    @Operation(summary = "The room and how its line stands: entered, admitted, waiting, admitted per minute, time to clear, ad impressions")
    @APIResponse(responseCode = "200", description = "The room with its stats",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoomView.class)))
    @APIResponse(responseCode = "404", description = "No waiting room for this round")
    public RoomView get(@PathParam("roundId") String roundId) {
        ManagingWaitingRooms.Stats s = managing.stats(PathIds.require("roundId", roundId));
        return RoomView.of(s.room(), new StatsView(s.entered(), s.admitted(), s.waiting(), s.admittedPerMinute(),
                s.timeToClear().toSeconds(), s.impressions()));
    }
}
