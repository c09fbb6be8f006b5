package dev.madang.api.order;

import dev.madang.api.support.Bodies;
import dev.madang.api.support.Caller;
import dev.madang.api.support.IdempotencyKeys;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.Times;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.cancellation.CancellationQuote;
import dev.madang.domain.cancellation.CancellingTickets;
import dev.madang.domain.cancellation.TicketCancellation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A fan cancels tickets of a paid order (docs/api.md §2.4, docs/cancellation.md): a quote first, then the cancellation,
 * refunded at the PG less the fee. Another fan's order or ticket is a 404.
 */
@Path("/v1/orders/{orderId}")
@RolesAllowed({"USER", "ADMIN"})
@SecurityRequirement(name = "jwt")
@TouchesTables({"CatalogTable", "SeatsTable", "OrdersTable"})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
public class TicketCancellationsResource {

    @Inject
    CancellingTickets cancelling;
    @Inject
    JsonWebToken token;

    public record TicketsBody(List<String> ticketIds) {
    }

    public record TicketFeeView(
            @Schema(required = true) long price,
            @Schema(required = true) long fee,
            @Schema(required = true) long refund) {
    }

    /** {@code refusal} is null when the tickets can be cancelled now; {@code cutoff} is the last moment to do so. */
    public record QuoteView(
            @Schema(required = true) boolean allowed,
            @Schema(nullable = true) String refusal,
            @Schema(nullable = true) String rule,
            @Schema(required = true) int feePercent,
            @Schema(nullable = true) OffsetDateTime cutoff,
            @Schema(required = true) long daysBefore,
            @Schema(required = true) long totalPrice,
            @Schema(required = true) long totalFee,
            @Schema(required = true) long totalRefund,
            @Schema(required = true) List<TicketFeeView> tickets) {
        static QuoteView of(CancellationQuote q) {
            return new QuoteView(q.allowed(), q.refusal() == null ? null : q.refusal().name(),
                    q.rule() == null ? null : q.rule().code(), q.rule() == null ? 0 : q.rule().feePercent(),
                    Times.seoul(q.cutoff()), q.daysBefore(), q.totalPrice(), q.totalFee(), q.totalRefund(),
                    q.tickets().stream().map(t -> new TicketFeeView(t.price(), t.fee(), t.refund())).toList());
        }
    }

    public record CancellationView(
            @Schema(required = true) String cancellationId,
            @Schema(required = true) String orderId,
            @Schema(required = true) List<String> ticketIds,
            @Schema(required = true) long price,
            @Schema(required = true) long fee,
            @Schema(required = true) long refund,
            @Schema(nullable = true) String rule,
            @Schema(required = true) String status,
            @Schema(required = true) OffsetDateTime requestedAt,
            @Schema(nullable = true) OffsetDateTime refundedAt) {
        static CancellationView of(TicketCancellation c) {
            return new CancellationView(c.id(), c.orderId(), c.ticketIds(), c.price(), c.fee(), c.refund(), c.rule(),
                    c.status().name(), Times.seoul(c.requestedAt()),
                    c.refundedAt() == null ? null : Times.seoul(c.refundedAt()));
        }
    }

    @POST
    @Path("/cancellation-quote")
    @Operation(summary = "What cancelling these tickets of my paid order would cost now: fee, refund, rule, cut-off")
    @APIResponse(responseCode = "200", description = "The quote (allowed or not, and why)")
    @APIResponse(responseCode = "404", description = "Not my order, or a ticket not in it")
    @APIResponse(responseCode = "409", description = "The order is not paid, or a ticket is cancelled already")
    public QuoteView quote(@PathParam("orderId") String orderId, TicketsBody body) {
        Bodies.require(body);
        return QuoteView.of(cancelling.quote(Caller.subject(token), PathIds.require("orderId", orderId),
                body.ticketIds()));
    }

    @POST
    @Path("/ticket-cancellations")
    @Operation(summary = "Cancel tickets of my paid order and get the refund, less the fee (Idempotency-Key honoured)")
    @APIResponse(responseCode = "201", description = "Cancelled and refunded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CancellationView.class)))
    @APIResponse(responseCode = "404", description = "Not my order, or a ticket not in it")
    @APIResponse(responseCode = "409", description = "Not paid, a ticket cancelled already, or the refund is pending at the PG (repeat with the same key)")
    @APIResponse(responseCode = "422", description = "Past the cut-off, on the day or started (cancellation-closed)")
    public Response cancel(@PathParam("orderId") String orderId, TicketsBody body,
                           @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Bodies.require(body);
        TicketCancellation done = cancelling.cancel(Caller.subject(token), PathIds.require("orderId", orderId),
                body.ticketIds(), IdempotencyKeys.checked(idempotencyKey));
        return Response.status(201).entity(CancellationView.of(done)).build();
    }
}
