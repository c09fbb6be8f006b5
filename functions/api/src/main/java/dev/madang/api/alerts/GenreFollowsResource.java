package dev.madang.api.alerts;

import dev.madang.api.support.Caller;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.alerts.FollowingGenres;
import dev.madang.domain.catalog.Genre;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.List;

/**
 * The genres I follow (docs/waitlist.md, "Genre alerts"): I am told when a performance of one is scheduled and when
 * its sale opens. Following or unfollowing twice is harmless; each answers the genres followed now.
 */
@Path("/v1/me/genres")
@RolesAllowed({"USER", "ADMIN"})
@TouchesTables("AlertsTable")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
public class GenreFollowsResource {

    @Inject
    FollowingGenres following;
    @Inject
    JsonWebToken token;

    @Schema(name = "FollowedGenres")
    public record FollowedGenres(List<Genre> genres) {
    }

    @GET
    @Operation(summary = "The genres I follow")
    @APIResponse(responseCode = "200", description = "The genres",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FollowedGenres.class)))
    public FollowedGenres mine() {
        return new FollowedGenres(following.followed(Caller.subject(token)));
    }

    @PUT
    @Path("/{genre}")
    @Operation(summary = "Follow a genre")
    @APIResponse(responseCode = "200", description = "The genres I follow now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FollowedGenres.class)))
    @APIResponse(responseCode = "400", description = "No such genre")
    public FollowedGenres follow(@PathParam("genre") String genre) {
        following.follow(Caller.subject(token), genre);
        return mine();
    }

    @DELETE
    @Path("/{genre}")
    @Operation(summary = "Stop following a genre")
    @APIResponse(responseCode = "200", description = "The genres I follow now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FollowedGenres.class)))
    @APIResponse(responseCode = "400", description = "No such genre")
    public FollowedGenres unfollow(@PathParam("genre") String genre) {
        following.unfollow(Caller.subject(token), genre);
        return mine();
    }
}
