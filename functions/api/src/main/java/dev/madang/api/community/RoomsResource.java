package dev.madang.api.community;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.api.support.Bodies;
import dev.madang.api.support.Caller;
import dev.madang.api.support.EntityTags;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Page;
import dev.madang.domain.community.PersonalData;
import dev.madang.domain.community.Post;
import dev.madang.domain.community.PostStatus;
import dev.madang.domain.community.Rooms;
import dev.madang.domain.community.Topic;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The performances' rooms (docs/community.md): the public page every fan reads alike (cacheable, with an ETag to poll),
 * posting, replying, editing, deleting, confirming, reporting; my unpublished posts; the admins' decisions.
 */
@Path("/v1/performances/{performanceId}/room/posts")
@Produces(MediaType.APPLICATION_JSON)
public class RoomsResource {

    static final int DEFAULT_PAGE = 30;
    static final int LARGEST_PAGE = 100;
    /** Fans poll a room every few seconds; an edge answers them for 2 s, so a busy room costs one read per edge. */
    static final CacheControl ROOM_CACHING = EntityTags.publicFor(2, false);

    @Inject
    Rooms rooms;
    @Inject
    JsonWebToken token;
    @Inject
    ObjectMapper json;

    public record PostBody(Topic topic, String replyTo, String body, Boolean confirmPersonalData) {
    }

    public record EditBody(String body, Boolean confirmPersonalData) {
    }

    public record ReportBody(String reason) {
    }

    public record MuteBody(Integer minutes, String reason) {
    }

    /**
     * A post as a room shows it: the author by the room's handle (the same in this room, another in every other), never
     * by account; {@code body} null once deleted. {@code authorId} only in the admins' view.
     */
    @Schema(name = "RoomPost")
    public record PostView(
            @Schema(required = true) String postId,
            @Schema(required = true) Topic topic,
            @Schema(nullable = true) String replyTo,
            @Schema(nullable = true, description = "null when the author closed their account") String author,
            @Schema(required = true) boolean ticketHolder,
            @Schema(nullable = true) String body,
            @Schema(required = true) PostStatus status,
            @Schema(required = true) Instant postedAt,
            @Schema(nullable = true) Instant editedAt,
            @Schema(nullable = true, description = "admins only") String authorId,
            @Schema(nullable = true, description = "admins only") Integer reports) {

        static PostView of(Post p) {
            return new PostView(p.id(), p.topic(), p.replyTo(), Rooms.handle(p.performanceId(), p.authorId()),
                    p.ticketHolder(), p.body(), p.status(), p.postedAt(), p.editedAt(), null, null);
        }

        static PostView forAdmin(Post p) {
            PostView v = of(p);
            return new PostView(v.postId(), v.topic(), v.replyTo(), v.author(), v.ticketHolder(), v.body(),
                    v.status(), v.postedAt(), v.editedAt(), p.authorId(), p.reportsSinceReview());
        }
    }

    @Schema(name = "RoomPage")
    public record PageView(@Schema(required = true) List<PostView> items, @Schema(nullable = true) String nextCursor) {
    }

    @Schema(name = "WrittenPost")
    public record WrittenView(@Schema(required = true) PostView post,
                              @Schema(required = true, description = "kinds of personal data found; when any, "
                                      + "the post waits for the author's confirmation")
                              Set<PersonalData.Kind> personalData) {

        static WrittenView of(Rooms.Written w) {
            return new WrittenView(PostView.of(w.post()), w.personalData());
        }
    }

    @Schema(name = "MyRoom")
    public record MyRoomView(@Schema(required = true) String handle,
                             @Schema(required = true) List<PostView> unpublished) {
    }

    @Schema(name = "RoomMute")
    public record MuteView(@Schema(required = true) String accountId, @Schema(required = true) Instant mutedUntil) {
    }

    @GET
    @PermitAll
    @TouchesTables({"CatalogTable", "CommunityTable"})
    @Operation(summary = "A performance's room, newest first: the posts every fan sees (poll it, with If-None-Match)",
            description = "The same answer for every reader, cacheable by anyone for 2 s; the ETag names the content, "
                    + "so an unchanged room answers 304 with no body. A fan's own posts awaiting confirmation or "
                    + "hidden are in GET /v1/me/rooms/{performanceId}.")
    @APIResponse(responseCode = "200", description = "A page of the room",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PageView.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag in If-None-Match")
    @APIResponse(responseCode = "400", description = "Malformed id, topic, limit or cursor")
    @APIResponse(responseCode = "404", description = "No such performance")
    public Response room(@PathParam("performanceId") String performanceId, @QueryParam("topic") String topic,
                         @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                         @Context HttpHeaders headers) {
        Page<Post> page = rooms.read(Rooms.Reader.ANONYMOUS, PathIds.require("performanceId", performanceId),
                topic(topic), limit(limit), cursor);
        PageView view = new PageView(page.items().stream().map(PostView::of).toList(), page.nextCursor());
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(view); // the answer's bytes, written once: the tag names them
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return EntityTags.answer(() -> bytes, EntityTags.of(bytes), ROOM_CACHING,
                headers.getRequestHeader(HttpHeaders.IF_NONE_MATCH));
    }

    @POST
    @RolesAllowed({"USER", "ADMIN"})
    @SecurityRequirement(name = "jwt")
    @Consumes(MediaType.APPLICATION_JSON)
    @TouchesTables({"CatalogTable", "CommunityTable", "OrdersTable"})
    @Operation(summary = "Post in a performance's room, or reply to a post (replyTo)")
    @APIResponse(responseCode = "201", description = "Posted; with personal data found, it waits for my confirmation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WrittenView.class)))
    @APIResponse(responseCode = "400", description = "No topic, an empty or too long body (the problem names it)")
    @APIResponse(responseCode = "401", description = "No or bad token")
    @APIResponse(responseCode = "403", description = "Identity not verified (identity-verification-required) or "
            + "muted (account-muted)")
    @APIResponse(responseCode = "404", description = "No such performance, or no such post to reply to")
    @APIResponse(responseCode = "422", description = "Replying to a deleted post (post-deleted)")
    @APIResponse(responseCode = "429", description = "More than 5 posts a minute or 30 an hour (posting-too-fast)")
    public Response post(@PathParam("performanceId") String performanceId, PostBody body) {
        Bodies.require(body);
        String room = PathIds.require("performanceId", performanceId);
        if (body.replyTo() != null) {
            PathIds.require("replyTo", body.replyTo());
        }
        Rooms.Written written = rooms.post(me(), new Rooms.NewPost(room, body.topic(), body.replyTo(), body.body(),
                Boolean.TRUE.equals(body.confirmPersonalData())));
        return Response.created(URI.create("/v1/performances/" + room + "/room/posts/" + written.post().id()))
                .entity(WrittenView.of(written)).build();
    }

    @PUT
    @Path("/{postId}")
    @RolesAllowed({"USER", "ADMIN"})
    @SecurityRequirement(name = "jwt")
    @Consumes(MediaType.APPLICATION_JSON)
    @TouchesTables("CommunityTable")
    @Operation(summary = "Edit my post")
    @APIResponse(responseCode = "200", description = "Edited; with personal data found, it waits for my confirmation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WrittenView.class)))
    @APIResponse(responseCode = "400", description = "An empty or too long body")
    @APIResponse(responseCode = "401", description = "No or bad token")
    @APIResponse(responseCode = "403", description = "Identity not verified, or muted")
    @APIResponse(responseCode = "404", description = "No post of mine by that id")
    @APIResponse(responseCode = "409", description = "Hidden pending an admin's decision (post-under-review)")
    public WrittenView edit(@PathParam("performanceId") String performanceId, @PathParam("postId") String postId,
                            EditBody body) {
        Bodies.require(body);
        return WrittenView.of(rooms.edit(me(), PathIds.require("performanceId", performanceId),
                PathIds.require("postId", postId), body.body(), Boolean.TRUE.equals(body.confirmPersonalData())));
    }

    @DELETE
    @Path("/{postId}")
    @RolesAllowed({"USER", "ADMIN"})
    @SecurityRequirement(name = "jwt")
    @TouchesTables("CommunityTable")
    @Operation(summary = "Delete my post (its place in the thread stays)")
    @APIResponse(responseCode = "204", description = "Deleted (also when it was already)")
    @APIResponse(responseCode = "401", description = "No or bad token")
    @APIResponse(responseCode = "404", description = "No post of mine by that id")
    public Response delete(@PathParam("performanceId") String performanceId, @PathParam("postId") String postId) {
        rooms.delete(me(), PathIds.require("performanceId", performanceId), PathIds.require("postId", postId));
        return Response.noContent().build();
    }

    @POST
    @Path("/{postId}/confirmation")
    @RolesAllowed({"USER", "ADMIN"})
    @SecurityRequirement(name = "jwt")
    @TouchesTables("CommunityTable")
    @Operation(summary = "Confirm that the personal data found in my post may be public: the post is shown")
    @APIResponse(responseCode = "200", description = "Shown",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PostView.class)))
    @APIResponse(responseCode = "401", description = "No or bad token")
    @APIResponse(responseCode = "404", description = "No post of mine by that id")
    @APIResponse(responseCode = "409", description = "Hidden pending an admin's decision (post-under-review)")
    public PostView confirm(@PathParam("performanceId") String performanceId, @PathParam("postId") String postId) {
        return PostView.of(rooms.confirm(me(), PathIds.require("performanceId", performanceId),
                PathIds.require("postId", postId)));
    }

    @POST
    @Path("/{postId}/reports")
    @RolesAllowed({"USER", "ADMIN"})
    @SecurityRequirement(name = "jwt")
    @Consumes(MediaType.APPLICATION_JSON)
    @TouchesTables("CommunityTable")
    @Operation(summary = "Report a post (once; enough reports hide it until an admin decides)")
    @APIResponse(responseCode = "204", description = "Reported (a second report by me changes nothing)")
    @APIResponse(responseCode = "400", description = "A reason over 200 characters")
    @APIResponse(responseCode = "401", description = "No or bad token")
    @APIResponse(responseCode = "404", description = "No such post")
    @APIResponse(responseCode = "422", description = "My own post (own-post)")
    public Response report(@PathParam("performanceId") String performanceId, @PathParam("postId") String postId,
                           ReportBody body) {
        rooms.report(me(), PathIds.require("performanceId", performanceId), PathIds.require("postId", postId),
                body == null ? null : body.reason());
        return Response.noContent().build();
    }

    private Rooms.Reader me() {
        return reader(token);
    }

    /** The caller as the rooms know them: their account, whether their identity is verified, whether an admin. */
    static Rooms.Reader reader(JsonWebToken token) {
        return new Rooms.Reader(Caller.subject(token), Caller.identityVerified(token),
                token.getGroups() != null && token.getGroups().contains("ADMIN"));
    }

    static Topic topic(String topic) {
        if (topic == null || topic.isBlank()) {
            return null;
        }
        try {
            return Topic.valueOf(topic);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("the query is not valid",
                    List.of(new FieldError("topic", "TAXI_SHARE, MERCHANDISE or FREE_TALK")));
        }
    }

    static int limit(String limit) {
        if (limit == null) {
            return DEFAULT_PAGE;
        }
        try {
            int n = Integer.parseInt(limit);
            if (n >= 1 && n <= LARGEST_PAGE) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw DomainException.invalid("the query is not valid",
                List.of(new FieldError("limit", "1 to " + LARGEST_PAGE)));
    }
}
