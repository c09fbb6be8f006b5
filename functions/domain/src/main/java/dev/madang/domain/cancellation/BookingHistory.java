package dev.madang.domain.cancellation;

import dev.madang.domain.common.Page;
import dev.madang.domain.order.Order;
import dev.madang.domain.order.Ticket;

import java.util.List;

/** A fan's bookings as "my page" lists them: each order with its tickets and its cancellations, newest first. */
public interface BookingHistory {

    /** One order with what became of it: its tickets (with their status) and every cancellation of them. */
    record Booking(Order order, List<Ticket> tickets, List<TicketCancellation> cancellations) {

        public Booking {
            tickets = List.copyOf(tickets);
            cancellations = List.copyOf(cancellations);
        }

        /** Refunded so far (finished cancellations). */
        public long refunded() {
            return cancellations.stream().filter(c -> c.status() == TicketCancellation.Status.REFUNDED)
                    .mapToLong(TicketCancellation::refund).sum();
        }

        /** Fees kept by finished cancellations. */
        public long fees() {
            return cancellations.stream().filter(c -> c.status() == TicketCancellation.Status.REFUNDED)
                    .mapToLong(TicketCancellation::fee).sum();
        }

        /** Refunds committed but not yet made by the PG (a cancellation the PG has not finished). */
        public long refundPending() {
            return cancellations.stream().filter(c -> c.status() == TicketCancellation.Status.PENDING)
                    .mapToLong(TicketCancellation::refund).sum();
        }
    }

    /** The fan's bookings, newest first, a page of at most {@code limit} after {@code cursor} (null: the first). */
    Page<Booking> of(String userId, String cursor, int limit);
}
