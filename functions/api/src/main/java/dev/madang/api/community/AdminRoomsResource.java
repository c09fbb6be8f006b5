package dev.madang.api.community;

import dev.madang.api.community.RoomsResource.MuteBody;
import dev.madang.api.community.RoomsResource.MuteView;
import dev.madang.api.community.RoomsResource.PageView;
import dev.madang.api.community.RoomsResource.PostView;
import dev.madang.api.support.Bodies;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.common.Page;
import dev.madang.domain.community.Post;
import dev.madang.domain.community.Rooms;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.time.Duration;

/** The admins' side of the rooms: every post with its author and reports, hiding, restoring, muting. */
@Path("/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminRoomsResource {

    @Inject
    Rooms rooms;
    @Inject
    JsonWebToken token;

    @GET
    @Path("/performances/{performanceId}/room/posts")
    @RolesAllowed("ADMIN")
    @SecurityRequirement(name = "jwt")
    @TouchesTables({"CatalogTable", "CommunityTable"})
    @Operation(summary = "A room as admins see it: every post, hidden ones too, with its author's account and reports")
    @APIResponse(responseCode = "200", description = "A page of the room",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PageView.class)))
    @APIResponse(responseCode = "400", description = "Malformed id, topic, limit or cursor")
    @APIResponse(responseCode = "401", description = "No or bad token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "404", description = "No such performance")
    public PageView adminRoom(@PathParam("performanceId") String performanceId,
                                            @QueryParam("topic") String topic, @QueryParam("limit") String limit,
                                            @QueryParam("cursor") String cursor) {
        Page<Post> page = rooms.read(me(), PathIds.require("performanceId", performanceId),
                RoomsResource.topic(topic), RoomsResource.limit(limit), cursor);
        return new PageView(page.items().stream().map(PostView::forAdmin).toList(),
                page.nextCursor());
    }

    @POST
    @Path("/performances/{performanceId}/room/posts/{postId}/hiding")
    @RolesAllowed("ADMIN")
    @SecurityRequirement(name = "jwt")
    @TouchesTables("CommunityTable")
    @Operation(summary = "Hide a post for good")
    @APIResponse(responseCode = "200", description = "Hidden",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PostView.class)))
    @APIResponse(responseCode = "401", description = "No or bad token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "404", description = "No such post")
    public PostView hide(@PathParam("performanceId") String performanceId,
                         @PathParam("postId") String postId) {
        return PostView.forAdmin(rooms.hide(me(), PathIds.require("performanceId", performanceId),
                PathIds.require("postId", postId)));
    }

    @POST
    @Path("/performances/{performanceId}/room/posts/{postId}/restoring")
    @RolesAllowed("ADMIN")
    @SecurityRequirement(name = "jwt")
    @TouchesTables("CommunityTable")
    @Operation(summary = "Restore a hidden post (its reports so far are settled)")
    @APIResponse(responseCode = "200", description = "Shown again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PostView.class)))
    @APIResponse(responseCode = "401", description = "No or bad token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "404", description = "No such post")
    public PostView restore(@PathParam("performanceId") String performanceId,
                            @PathParam("postId") String postId) {
        return PostView.forAdmin(rooms.restore(me(), PathIds.require("performanceId", performanceId),
                PathIds.require("postId", postId)));
    }

    @PUT
    @Path("/room-mutes/{accountId}")
    @RolesAllowed("ADMIN")
    @SecurityRequirement(name = "jwt")
    @Consumes(MediaType.APPLICATION_JSON)
    @TouchesTables("CommunityTable")
    @Operation(summary = "Mute an account in every room for some minutes (at most 90 days)")
    @APIResponse(responseCode = "200", description = "Muted until",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MuteView.class)))
    @APIResponse(responseCode = "400", description = "minutes outside 1..129600, or no reason")
    @APIResponse(responseCode = "401", description = "No or bad token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public MuteView mute(@PathParam("accountId") String accountId, MuteBody body) {
        Bodies.require(body);
        String account = PathIds.require("accountId", accountId);
        Duration period = body.minutes() == null ? null : Duration.ofMinutes(body.minutes());
        return new MuteView(account, rooms.mute(me(), account, period, body.reason()));
    }

    private Rooms.Reader me() {
        return RoomsResource.reader(token);
    }
}
