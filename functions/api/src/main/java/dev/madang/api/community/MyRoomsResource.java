package dev.madang.api.community;

import dev.madang.api.community.RoomsResource.MyRoomView;
import dev.madang.api.community.RoomsResource.PostView;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.community.Rooms;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
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

/** My side of a room: my handle there, and my posts that others do not see (docs/community.md). */
@Path("/v1/me/rooms")
@Produces(MediaType.APPLICATION_JSON)
public class MyRoomsResource {

    @Inject
    Rooms rooms;
    @Inject
    JsonWebToken token;

    @GET
    @Path("/{performanceId}")
    @RolesAllowed({"USER", "ADMIN"})
    @SecurityRequirement(name = "jwt")
    @TouchesTables("CommunityTable")
    @Operation(summary = "My handle in a room, and my posts there that others do not see (awaiting my confirmation, "
            + "or hidden)")
    @APIResponse(responseCode = "200", description = "My handle and unpublished posts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MyRoomView.class)))
    @APIResponse(responseCode = "400", description = "Malformed id")
    @APIResponse(responseCode = "401", description = "No or bad token")
    public MyRoomView myRoom(@PathParam("performanceId") String performanceId) {
        String room = PathIds.require("performanceId", performanceId);
        Rooms.Reader me = me();
        return new MyRoomView(Rooms.handle(room, me.accountId()),
                rooms.myUnpublished(me, room).stream().map(PostView::of).toList());
    }

    private Rooms.Reader me() {
        return RoomsResource.reader(token);
    }
}
