package dev.madang.api.order;

import com.fasterxml.jackson.databind.JsonNode;
import dev.madang.api.support.Bodies;
import dev.madang.api.support.Caller;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.Times;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.booking.HeldSeat;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.coupon.IssuingCoupons;
import dev.madang.domain.order.Order;
import dev.madang.domain.order.OrderStatus;
import dev.madang.domain.order.PayingOrders;
import dev.madang.domain.order.PaymentMethod;
import dev.madang.domain.order.PlacingOrders;
import dev.madang.domain.order.Ticket;
import dev.madang.domain.payment.RefundAccount;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Orders: pay for a hold. The flow a client follows: {@code POST /v1/orders} with the hold → open the PG's window
 * with the answered order id, amount and name → back with a {@code paymentKey}, {@code POST .../payment} with it and
 * the amount; the answer is the order once the workflow has confirmed it (PAID, AWAITING_DEPOSIT with the virtual
 * account's deadline, or closed), or 202 while it is still confirming.
 */
@Path("/v1/orders")
@RolesAllowed({"USER", "ADMIN"})
@SecurityRequirement(name = "jwt")
@TouchesTables({"CatalogTable", "SeatsTable", "OrdersTable"})
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
public class OrdersResource {

    @Inject
    PlacingOrders placing;
    @Inject
    PayingOrders paying;
    @Inject
    JsonWebToken token;
    @ConfigProperty(name = "madang.orders.confirm-wait", defaultValue = "10S")
    Duration confirmWait;

    /**
     * {@code refundAccount} is required for a virtual account: where a deposit goes back if it must. {@code couponId}:
     * a coupon of my wallet to apply. There is no amount: the server fixes it, and a body that sends one is refused.
     */
    public record OrderBody(String holdId, String method, RefundAccountBody refundAccount, String couponId) {
    }

    /** A discount the order got, in the order they applied. */
    public record DiscountView(
            @Schema(required = true, enumeration = {"MEMBER", "COUPON"}) String source,
            @Schema(required = true, description = "The membership's id (MEMBER) or the coupon's (COUPON)") String id,
            @Schema(required = true) long amount) {
    }

    public record RefundAccountBody(String bankCode, String accountNumber, String holderName) {
        @Override
        public String toString() {
            return "RefundAccountBody[bankCode=" + bankCode + "]";
        }
    }

    public record PaymentBody(String paymentKey, Long amount) {
    }

    public record OrderView(
            @Schema(required = true) String orderId,
            @Schema(required = true) String roundId,
            @Schema(required = true) String orderName,
            @Schema(required = true, description = "What the PG is asked for: seatsTotal less the discounts") long amount,
            @Schema(required = true) long seatsTotal,
            @Schema(required = true) List<DiscountView> discounts,
            @Schema(required = true) String method,
            @Schema(required = true) String status,
            @Schema(required = true) List<HeldSeat> seats,
            @Schema(required = true) OffsetDateTime payBy,
            @Schema(required = true) OffsetDateTime createdAt,
            @Schema(nullable = true) String closeReason,
            @Schema(required = true) List<TicketView> tickets,
            @Schema(nullable = true, description = "The membership a membership order buys (its roundId is MEMBERSHIP)")
            String membershipId) {
    }

    /** What {@link #mine()} answers (documentation only: the method builds the same JSON as a map). */
    public record OrderList(
            @Schema(required = true) List<OrderView> items) {
    }

    public record TicketView(
            @Schema(required = true) String ticketId,
            @Schema(required = true) String performanceTitle,
            @Schema(required = true) String roundId,
            @Schema(required = true) OffsetDateTime startsAt,
            @Schema(required = true) String seatId,
            @Schema(required = true) String grade,
            @Schema(required = true) long price,
            @Schema(required = true) String status) {
        static TicketView of(Ticket t) {
            return new TicketView(t.ticketId(), t.performanceTitle(), t.roundId(), Times.seoul(t.startsAt()),
                    t.seatId(), t.grade(), t.price(), t.status().name());
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create the order for one of my holds (the server fixes the amount); again for the same hold answers the same order")
    @APIResponse(responseCode = "201", description = "The order to pay: open the PG window with its id, amount and name",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "403", description = "Identity not verified")
    @APIResponse(responseCode = "400", description = "A bad field, or a field the server decides (amount)")
    @APIResponse(responseCode = "404", description = "No such hold of yours, or no such coupon in my wallet")
    @APIResponse(responseCode = "409", description = "The hold has expired, or the coupon is used by another order (coupon-used)")
    @APIResponse(responseCode = "422", description = "The coupon does not apply to this order (coupon-not-applicable)")
    public Response place(JsonNode json) {
        OrderBody body = Bodies.strict(json, OrderBody.class, "the server fixes the order's amount from the held seats"
                + " and the coupon");
        PaymentMethod method = parseMethod(body.method());
        Order order = placing.place(new PlacingOrders.PlaceOrder(Caller.subject(token),
                Caller.identityVerified(token), PathIds.require("holdId", body.holdId()), method,
                refundAccount(body.refundAccount()),
                couponId(body.couponId()), Caller.memberships(token)));
        return Response.created(URI.create("/v1/orders/" + order.id())).entity(view(order, List.of())).build();
    }

    @GET
    @Operation(summary = "My orders, newest first")
    @APIResponse(responseCode = "200", description = "My orders, newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderList.class)))
    public Map<String, Object> mine() {
        return Map.of("items", placingList());
    }

    @GET
    @Path("/{orderId}")
    @Operation(summary = "One of my orders, with its tickets")
    @APIResponse(responseCode = "200", description = "The order with its tickets")
    @APIResponse(responseCode = "404", description = "No such order of yours")
    public OrderView get(@PathParam("orderId") String orderId) {
        String id = PathIds.require("orderId", orderId);
        Order order = paying.mine(Caller.subject(token), id);
        return view(order, paying.tickets(Caller.subject(token), id));
    }

    @POST
    @Path("/{orderId}/payment")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit the PG's paymentKey and the amount charged; the workflow confirms with the PG")
    @APIResponse(responseCode = "200", description = "Confirmed (PAID, AWAITING_DEPOSIT) or closed; see status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "202", description = "Still confirming; GET the order again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "404", description = "No such order of yours")
    @APIResponse(responseCode = "409", description = "The order is closed, or another payment was submitted")
    @APIResponse(responseCode = "422", description = "The amount is not the order's, or the PG issued the key for another order or amount")
    @APIResponse(responseCode = "503", description = "The PG cannot be reached to check the key; try again")
    public Response pay(@PathParam("orderId") String orderId, PaymentBody body) {
        Bodies.require(body);
        String id = PathIds.require("orderId", orderId);
        Order order = paying.submitPayment(new PayingOrders.Submission(Caller.subject(token), id, body.paymentKey(),
                body.amount()));
        // a double click and the first click both wait here for the same outcome, so both get the same answer
        long deadline = System.nanoTime() + confirmWait.toNanos();
        while (settling(order.status()) && System.nanoTime() < deadline) {
            sleep();
            order = paying.mine(Caller.subject(token), id);
        }
        OrderView view = view(order, paying.tickets(Caller.subject(token), id));
        return settling(order.status()) ? Response.accepted(view).build() : Response.ok(view).build();
    }

    @POST
    @Path("/{orderId}/cancellation")
    @Operation(summary = "Give up an order before paying or before depositing into its virtual account: the seats go back")
    @APIResponse(responseCode = "202", description = "Cancelling",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "409", description = "Not awaiting payment or a deposit any more")
    public Response cancel(@PathParam("orderId") String orderId) {
        Order order = paying.cancel(Caller.subject(token), PathIds.require("orderId", orderId));
        return Response.accepted(view(order, List.of())).build();
    }

    private List<OrderView> placingList() {
        return paying.ofUser(Caller.subject(token)).stream().map(o -> view(o, List.of())).toList();
    }

    private static String couponId(String couponId) {
        if (couponId != null && !IssuingCoupons.isCouponId(couponId)) {
            throw DomainException.invalid("malformed id", List.of(new FieldError("couponId", "a coupon id of my wallet")));
        }
        return couponId;
    }

    /** Still on its way to PAID or to a close: worth waiting for. */
    private static boolean settling(OrderStatus status) {
        return status == OrderStatus.CONFIRMING || status == OrderStatus.APPROVED || status == OrderStatus.CLOSING;
    }

    public static PaymentMethod parseMethod(String method) {
        try {
            return method == null ? null : PaymentMethod.valueOf(method);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("unknown payment method", List.of(new FieldError("method",
                    "CARD or VIRTUAL_ACCOUNT")));
        }
    }

    public static RefundAccount refundAccount(RefundAccountBody body) {
        if (body == null) {
            return null;
        }
        try {
            return new RefundAccount(body.bankCode(), body.accountNumber(), body.holderName());
        } catch (IllegalArgumentException e) {
            // the record's own rules (bank code, 6 to 20 digits, a holder); its message never echoes the number
            throw DomainException.invalid("the refund account is not valid", List.of(new FieldError("refundAccount",
                    e.getMessage())));
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static OrderView view(Order o, List<Ticket> tickets) {
        return new OrderView(o.id(), o.roundId(), o.orderName(), o.amount(),
                o.seats().stream().mapToLong(HeldSeat::price).sum(),
                o.discounts().stream().map(d -> new DiscountView(d.source(), d.id(), d.amount())).toList(),
                o.method().name(), o.status().name(), o.seats(),
                Times.seoul(o.payBy()), Times.seoul(o.createdAt()),
                o.closeReason() == null ? null : o.closeReason().name(),
                tickets.stream().map(TicketView::of).toList(), o.membershipId());
    }
}
