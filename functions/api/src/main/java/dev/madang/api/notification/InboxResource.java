package dev.madang.api.notification;

import dev.madang.api.support.Caller;
import dev.madang.api.support.PageLimits;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.Times;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.notification.Inbox;
import dev.madang.domain.notification.Notification;
import dev.madang.domain.notification.ReadingInbox;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * "My page": the fan's inbox (docs/notifications.md). The inbox is always the token subject's; another fan's
 * notification id answers 404, the same as an id that does not exist.
 */
@Path("/v1/me/inbox")
@RolesAllowed({"USER", "ADMIN"})
@SecurityRequirement(name = "jwt")
@TouchesTables("AccountsTable")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
public class InboxResource {

    @Inject
    ReadingInbox inbox;
    @Inject
    JsonWebToken token;

    public record NotificationView(
            @Schema(required = true) String notificationId,
            @Schema(required = true, description = "The message type, e.g. BOOKING_CONFIRMED") String type,
            @Schema(required = true) String title,
            @Schema(required = true) String body,
            @Schema(required = true) OffsetDateTime createdAt,
            @Schema(description = "When I read it; null while unread") OffsetDateTime readAt) {
        static NotificationView of(Notification n) {
            return new NotificationView(n.id(), n.type(), n.title(), n.body(), Times.seoul(n.createdAt()),
                    n.readAt() == null ? null : Times.seoul(n.readAt()));
        }
    }

    public record InboxView(
            @Schema(required = true) List<NotificationView> items,
            @Schema(description = "null on the last page") String nextCursor,
            @Schema(required = true, description = "How many of my notifications are unread, on every page") long unread) {
    }

    @GET
    @Operation(summary = "My notifications, newest first, paged, with the unread count")
    @APIResponse(responseCode = "200", description = "A page of my notifications; nextCursor is null on the last page")
    @APIResponse(responseCode = "400", description = "A limit outside 1-100, or a cursor of another list")
    public InboxView mine(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Inbox.InboxPage page = inbox.page(Caller.subject(token), cursor,
                PageLimits.parse(limit, ReadingInbox.DEFAULT_LIMIT));
        return new InboxView(page.page().items().stream().map(NotificationView::of).toList(),
                page.page().nextCursor(), page.unread());
    }

    @POST
    @Path("/{notificationId}/read")
    @Operation(summary = "Mark one of my notifications read (again is harmless: it keeps its first read time)")
    @APIResponse(responseCode = "200", description = "The notification, read")
    @APIResponse(responseCode = "400", description = "A malformed notification id")
    @APIResponse(responseCode = "404", description = "No such notification in my inbox")
    public NotificationView read(@PathParam("notificationId") String notificationId) {
        return NotificationView.of(inbox.markRead(Caller.subject(token),
                PathIds.require("notificationId", notificationId)));
    }
}
