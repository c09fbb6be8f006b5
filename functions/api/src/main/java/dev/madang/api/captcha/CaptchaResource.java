package dev.madang.api.captcha;

import dev.madang.api.support.Bodies;
import dev.madang.api.support.Caller;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.Times;
import dev.madang.api.support.Throttled;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.captcha.IssuingChallenges;
import dev.madang.domain.captcha.IssuingChallenges.IssuedChallenge;
import dev.madang.domain.captcha.SolvingPuzzles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.time.OffsetDateTime;
import java.util.Base64;

/**
 * The puzzle captcha (docs/captcha.md): a fan asks for a slider puzzle for a round and answers it once; a right
 * answer is a pass that the waiting room, or the hold where a round has none, takes once.
 */
@Path("/v1/captcha/challenges")
@RolesAllowed("USER")
@SecurityRequirement(name = "jwt")
@TouchesTables("AccountsTable")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
public class CaptchaResource {

    @Inject
    IssuingChallenges issuing;
    @Inject
    SolvingPuzzles solving;
    @Inject
    JsonWebToken token;

    public record ChallengeBody(String roundId) {
    }

    /** What the client draws: the background and the piece, and where the piece goes up and down (never across). */
    public record ChallengeView(
            @Schema(required = true) String challengeId,
            @Schema(required = true) String roundId,
            @Schema(required = true, description = "The background with the hole: a PNG data URL, width × height")
            String background,
            @Schema(required = true, description = "The piece: a PNG data URL, pieceSize square, transparent around "
                    + "its shape; it starts at x = 0")
            String piece,
            @Schema(required = true, description = "The row the piece slides along (its top edge, in pixels)")
            int pieceY,
            @Schema(required = true) int pieceSize,
            @Schema(required = true) int width,
            @Schema(required = true) int height,
            @Schema(required = true) OffsetDateTime expiresAt) {

        static ChallengeView of(IssuedChallenge c) {
            return new ChallengeView(c.challengeId(), c.roundId(), dataUrl(c.background()), dataUrl(c.piece()),
                    c.pieceY(), c.pieceSize(), c.width(), c.height(), Times.seoul(c.expiresAt()));
        }
    }

    /** Where the fan dropped the piece's left edge, and how long the client says it took. */
    public record AnswerBody(Integer x, Long elapsedMs) {
    }

    public record PassView(
            @Schema(required = true, description = "Send it once to the route that asks for it, before expiresAt")
            String pass,
            @Schema(required = true) OffsetDateTime expiresAt) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A new slider puzzle for a round, to be answered once within two minutes")
    @APIResponse(responseCode = "201", description = "The puzzle; never cached",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ChallengeView.class)))
    @APIResponse(responseCode = "400", description = "No body, or a malformed round id")
    @APIResponse(responseCode = "429", description = "Too many puzzles asked for from this account or address (rate-limited): retry after Retry-After")
    @Throttled
    public Response challenge(ChallengeBody body) {
        Bodies.require(body);
        IssuedChallenge issued = issuing.issue(Caller.subject(token), body.roundId());
        return Response.status(Response.Status.CREATED).entity(ChallengeView.of(issued)).cacheControl(noStore())
                .build();
    }

    @POST
    @Path("/{challengeId}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer a puzzle, once: a right answer earns a pass for its round, valid two minutes")
    @APIResponse(responseCode = "200", description = "Solved: the pass; never cached",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PassView.class)))
    @APIResponse(responseCode = "400", description = "No body, x missing or out of the picture, a malformed id")
    @APIResponse(responseCode = "404", description = "No such puzzle of yours")
    @APIResponse(responseCode = "409", description = "The puzzle was answered already (captcha-used)")
    @APIResponse(responseCode = "422", description = "The piece is not at the hole, or the answer came too fast "
            + "(captcha-wrong); the puzzle has expired (captcha-expired). Either way it is spent: ask for a new one")
    public Response answer(@PathParam("challengeId") String challengeId, AnswerBody body) {
        Bodies.require(body);
        SolvingPuzzles.SignedPass pass = solving.solve(Caller.subject(token), PathIds.require("challengeId",
                challengeId), body.x(), body.elapsedMs());
        return Response.ok(new PassView(pass.pass(), Times.seoul(pass.claims().expiresAt()))).cacheControl(noStore())
                .build();
    }

    private static CacheControl noStore() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return noStore;
    }

    private static String dataUrl(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }
}
