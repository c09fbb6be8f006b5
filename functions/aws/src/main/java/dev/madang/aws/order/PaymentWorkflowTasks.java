package dev.madang.aws.order;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.domain.cancellation.CancellingTickets;
import dev.madang.domain.trade.HandingOverTickets;
import dev.madang.domain.order.CloseReason;
import dev.madang.domain.order.ConfirmingBookings;
import dev.madang.domain.order.ExpiringUnpaidOrders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The payment workflow's Lambda tasks (statemachines/payment.asl.json) and the unpaid-expiry schedule as events: the
 * JSON each task receives turned into a call of {@link ConfirmingBookings} or {@link ExpiringUnpaidOrders}, and the
 * answer into the JSON the state machine routes on. Wiring the use cases is {@link PaymentTaskWiring}'s; the deployed handler, the local runner and the tests all go through this one mapping, so
 * they differ in nothing but transport.
 *
 * <p>An exception leaves a task as it is, so Step Functions sees its class as the error:
 * {@code dev.madang.domain.payment.PaymentRefused} is caught by the state machine (no retry), anything else retried.
 */
public final class PaymentWorkflowTasks {

    /** Each task by the handler name its function selects and its function's logical id in template.yaml. */
    public enum Task {
        AWAIT_PAYMENT("awaitPayment", "AwaitPaymentFunction"),
        CONFIRM_PAYMENT("confirmPayment", "ConfirmPaymentFunction"),
        ISSUE_TICKETS("issueTickets", "IssueTicketsFunction"),
        NOTIFY_BOOKING("notifyBooking", "NotifyBookingFunction"),
        CLOSE_ORDER("closeOrder", "CloseOrderFunction"),
        EXPIRE_UNPAID_ORDERS("expireUnpaidOrders", "ExpireUnpaidOrdersFunction");

        private final String taskName;
        private final String functionId;

        Task(String taskName, String functionId) {
            this.taskName = taskName;
            this.functionId = functionId;
        }

        /** The value of a worker function's {@code MADANG_PAYMENT_TASK}. */
        public String taskName() {
            return taskName;
        }

        public String functionId() {
            return functionId;
        }

        public static Task named(String taskName) {
            return Arrays.stream(values()).filter(t -> t.taskName.equals(taskName)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no payment task named '" + taskName
                            + "' (MADANG_PAYMENT_TASK); the tasks are " + Arrays.stream(values())
                            .map(Task::taskName).toList()));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> EVENT = new TypeReference<>() {
    };

    private final ConfirmingBookings bookings;
    private final ExpiringUnpaidOrders expiring;
    private final CancellingTickets cancellations;
    private final HandingOverTickets transfers;

    /**
     * The sweep also finishes ticket cancellations whose refund the PG failed, and gives sellers back the tickets of
     * accepted transfers whose buyers never paid.
     */
    public PaymentWorkflowTasks(ConfirmingBookings bookings, ExpiringUnpaidOrders expiring,
                                CancellingTickets cancellations, HandingOverTickets transfers) {
        this.cancellations = cancellations;
        this.transfers = transfers;
        this.bookings = bookings;
        this.expiring = expiring;
    }

    /** Runs {@code task} with the event its function received; answers what the state machine routes on. */
    public Map<String, Object> run(Task task, Map<String, Object> event) {
        return switch (task) {
            case AWAIT_PAYMENT -> {
                bookings.awaitPayment(orderId(event), String.valueOf(event.get("stage")),
                        String.valueOf(event.get("taskToken")));
                yield Map.of("waiting", true);
            }
            case CONFIRM_PAYMENT -> {
                ConfirmingBookings.Confirmation c = bookings.confirm(orderId(event));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("outcome", c.outcome());
                if (c.depositWaitSeconds() != null) {
                    out.put("depositWaitSeconds", c.depositWaitSeconds());
                }
                yield out;
            }
            case ISSUE_TICKETS -> { // the event is the execution's state: $.booking if the order carried one
                ConfirmingBookings.Issue issue = bookings.issueTickets(orderId(event), BookingState.fromEvent(event));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("outcome", issue.outcome());
                if (issue.tickets() != null) {
                    out.put("userId", issue.userId());
                    out.put("tickets", issue.tickets());
                }
                yield out;
            }
            case NOTIFY_BOOKING -> {
                // what Issue Tickets answered, when it counted the tickets itself; else the order is read
                if (event.get("issued") instanceof Map<?, ?> issued && issued.get("tickets") instanceof Number n
                        && issued.get("userId") instanceof String userId) {
                    bookings.notifyBooking(orderId(event), userId, n.intValue());
                } else {
                    bookings.notifyBooking(orderId(event));
                }
                yield Map.of("notified", true);
            }
            case CLOSE_ORDER -> Map.of("status", bookings.close(orderId(event),
                    CloseReason.valueOf(String.valueOf(event.get("reason")))).name());
            case EXPIRE_UNPAID_ORDERS -> { // the schedule's event carries nothing the sweep needs
                ExpiringUnpaidOrders.Swept swept = expiring.sweep();
                CancellingTickets.Resumed resumed = cancellations.resumePending();
                int lapsed = transfers.lapseOverdue();
                yield Map.of("closed", swept.closed(), "failed", swept.failed(), "refundsResumed",
                        resumed.refunded(), "refundsStillPending", resumed.stillPending(), "transfersLapsed", lapsed);
            }
        };
    }

    /** Each task by its function's logical id, as JSON text in and out (the local Lambda endpoint). */
    public Map<String, Function<String, String>> functions() {
        Map<String, Function<String, String>> functions = new LinkedHashMap<>();
        for (Task task : Task.values()) {
            functions.put(task.functionId(), event -> write(run(task, read(event))));
        }
        return functions;
    }

    private static String orderId(Map<String, Object> event) {
        if (!(event.get("orderId") instanceof String id) || id.isBlank()) {
            throw new IllegalArgumentException("the task input has no orderId");
        }
        return id;
    }

    private static Map<String, Object> read(String event) {
        try {
            return JSON.readValue(event, EVENT);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON event", e);
        }
    }

    private static String write(Map<String, Object> result) {
        try {
            return JSON.writeValueAsString(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
