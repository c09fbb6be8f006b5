package dev.madang.api.order;

import dev.madang.api.catalog.PublicCatalogResource.PageView;
import dev.madang.api.order.OrdersResource.TicketView;
import dev.madang.api.order.TicketCancellationsResource.CancellationView;
import dev.madang.api.support.Caller;
import dev.madang.api.support.PageLimits;
import dev.madang.api.support.Times;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.booking.HeldSeat;
import dev.madang.domain.cancellation.BookingHistory;
import dev.madang.domain.cancellation.ReadingBookingHistory;
import dev.madang.domain.common.Page;
import dev.madang.domain.order.Order;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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

/** "My page": the fan's bookings, newest first, each with its tickets, refunds and fees (docs/api.md §2.4). */
@Path("/v1/me/bookings")
@RolesAllowed({"USER", "ADMIN"})
@SecurityRequirement(name = "jwt")
@TouchesTables("OrdersTable")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
public class BookingHistoryResource {

    @Inject
    ReadingBookingHistory history;
    @Inject
    JsonWebToken token;

    public record BookingView(
            @Schema(required = true) String orderId,
            @Schema(required = true) String roundId,
            @Schema(required = true) String orderName,
            @Schema(required = true) String status,
            @Schema(required = true) String method,
            @Schema(required = true) long amount,
            @Schema(required = true) long refunded,
            @Schema(required = true) long fees,
            @Schema(required = true) long refundPending,
            @Schema(required = true) OffsetDateTime bookedAt,
            @Schema(required = true) List<HeldSeat> seats,
            @Schema(required = true) List<TicketView> tickets,
            @Schema(required = true) List<CancellationView> cancellations) {
        static BookingView of(BookingHistory.Booking b) {
            Order o = b.order();
            return new BookingView(o.id(), o.roundId(), o.orderName(), o.status().name(), o.method().name(),
                    o.amount(), b.refunded(), b.fees(), b.refundPending(), Times.seoul(o.createdAt()), o.seats(),
                    b.tickets().stream().map(TicketView::of).toList(),
                    b.cancellations().stream().map(CancellationView::of).toList());
        }
    }

    @GET
    @Operation(summary = "My bookings, newest first: orders with their state, tickets, refunds and fees, paged")
    @APIResponse(responseCode = "200", description = "A page of my bookings; nextCursor is null on the last page")
    @APIResponse(responseCode = "400", description = "A limit outside 1-100, or a cursor of another list")
    public PageView<BookingView> mine(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Page<BookingHistory.Booking> page = history.mine(Caller.subject(token), cursor,
                PageLimits.parse(limit, ReadingBookingHistory.DEFAULT_LIMIT));
        return new PageView<>(page.items().stream().map(BookingView::of).toList(), page.nextCursor());
    }

}
