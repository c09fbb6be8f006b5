package dev.madang.aws.order;

import dev.madang.domain.catalog.Seat;
import dev.madang.domain.order.PaymentWorkflows;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link PaymentWorkflows.Booking} as it sits in the payment execution's state ({@code $.booking}): written into
 * the execution's input by {@link StepFunctionsPaymentWorkflows}, read back by {@link PaymentWorkflowTasks} when Issue
 * Tickets hands it the state. Plain JSON values, so the history shows it as it is.
 */
final class BookingState {

    private BookingState() {
    }

    static Map<String, Object> toJson(PaymentWorkflows.Booking b) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("userId", b.userId());
        json.put("roundId", b.roundId());
        json.put("performanceId", b.performanceId());
        json.put("performanceTitle", b.performanceTitle());
        json.put("startsAt", b.startsAt().toString());
        json.put("seats", b.seats().stream().map(s -> {
            Map<String, Object> seat = new LinkedHashMap<>();
            seat.put("seatId", s.seat().id());
            seat.put("sectionId", s.seat().sectionId());
            seat.put("row", s.seat().row());
            seat.put("number", s.seat().number());
            seat.put("x", s.seat().x());
            seat.put("y", s.seat().y());
            seat.put("grade", s.grade());
            seat.put("price", s.price());
            return seat;
        }).toList());
        return json;
    }

    /** The booking in a task's event, or null when the execution carries none (started without it). */
    static PaymentWorkflows.Booking fromEvent(Map<String, Object> event) {
        if (!(event.get("booking") instanceof Map<?, ?> b)) {
            return null;
        }
        List<PaymentWorkflows.BookedSeat> seats = ((List<?>) b.get("seats")).stream().map(o -> {
            Map<?, ?> s = (Map<?, ?>) o;
            return new PaymentWorkflows.BookedSeat(new Seat(text(s, "seatId"), text(s, "sectionId"), text(s, "row"),
                    number(s, "number").intValue(), number(s, "x").intValue(), number(s, "y").intValue()),
                    text(s, "grade"), number(s, "price").longValue());
        }).toList();
        return new PaymentWorkflows.Booking(text(b, "userId"), text(b, "roundId"), text(b, "performanceId"),
                (String) b.get("performanceTitle"), Instant.parse(text(b, "startsAt")), seats);
    }

    private static String text(Map<?, ?> json, String field) {
        if (!(json.get(field) instanceof String value)) {
            throw new IllegalArgumentException("the booking in the task input has no " + field);
        }
        return value;
    }

    private static Number number(Map<?, ?> json, String field) {
        if (!(json.get(field) instanceof Number value)) {
            throw new IllegalArgumentException("the booking in the task input has no " + field);
        }
        return value;
    }
}
