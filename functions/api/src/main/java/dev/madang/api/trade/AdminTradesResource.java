package dev.madang.api.trade;

import dev.madang.api.support.Bodies;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.Times;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.order.Ticket;
import dev.madang.domain.trade.SettingTransferFees;
import dev.madang.domain.trade.TicketHolders;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.time.OffsetDateTime;
import java.util.List;

/** Organisers audit a seat's chain of holders and set the fee a transfer keeps from its seller's refund. */
@Path("/v1/admin")
@RolesAllowed("ADMIN")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
@APIResponse(responseCode = "403", description = "Not an admin")
public class AdminTradesResource {

    @Inject
    TicketHolders holders;
    @Inject
    SettingTransferFees fees;

    public record HolderView(
            @Schema(required = true) String userId,
            @Schema(required = true) String ticketId,
            @Schema(required = true, enumeration = {"PURCHASE", "EXCHANGE", "TRANSFER"}) String via,
            @Schema(nullable = true, description = "The exchange or transfer request that made this holder") String dealId,
            @Schema(required = true) OffsetDateTime from,
            @Schema(nullable = true, description = "Null while the seat is still theirs") OffsetDateTime until,
            @Schema(required = true) String ticketStatus) {
    }

    public record HoldersView(
            @Schema(required = true) String ticketId,
            @Schema(required = true, description = "Newest holder first") List<HolderView> holders) {
    }

    public record TransferPolicyView(
            @Schema(required = true) String performanceId,
            @Schema(required = true) int feePercent,
            @Schema(required = true, description = "True while the organiser has set none (the default applies)")
            boolean standard) {
    }

    public record TransferPolicyBody(Integer feePercent) {
    }

    @GET
    @Path("/tickets/{ticketId}/holders")
    @TouchesTables("OrdersTable")
    @Operation(summary = "A seat's chain of holders, read back from any of its tickets: who held it, from when, by purchase, exchange or transfer")
    @APIResponse(responseCode = "200", description = "The chain, newest holder first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HoldersView.class)))
    @APIResponse(responseCode = "404", description = "No such ticket")
    public HoldersView holders(@PathParam("ticketId") String ticketId) {
        if (!Ticket.isWellFormedId(ticketId)) {
            throw DomainException.invalid("malformed id", List.of(new FieldError("ticketId",
                    "not a ticket id this API issues")));
        }
        return new HoldersView(ticketId, holders.chain(ticketId).stream().map(h -> new HolderView(h.holderId(),
                h.ticketId(), h.via().name(), h.dealId(), Times.seoul(h.from()),
                h.until() == null ? null : Times.seoul(h.until()), h.status().name())).toList());
    }

    @GET
    @Path("/performances/{performanceId}/transfer-policy")
    @TouchesTables("CatalogTable")
    @Operation(summary = "The fee kept from a seller's refund when a ticket of this performance is transferred")
    @APIResponse(responseCode = "200", description = "The fee in force",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TransferPolicyView.class)))
    @APIResponse(responseCode = "404", description = "No such performance")
    public TransferPolicyView policy(@PathParam("performanceId") String performanceId) {
        String id = PathIds.require("performanceId", performanceId);
        SettingTransferFees.InForce f = fees.get(id);
        return new TransferPolicyView(id, f.feePercent(), f.standard());
    }

    @PUT
    @Path("/performances/{performanceId}/transfer-policy")
    @TouchesTables("CatalogTable")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the transfer fee (0-10% of the face value); the buyer always pays the face value")
    @APIResponse(responseCode = "200", description = "The fee now in force",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TransferPolicyView.class)))
    @APIResponse(responseCode = "400", description = "Not 0 to 10")
    @APIResponse(responseCode = "404", description = "No such performance")
    public TransferPolicyView setPolicy(@PathParam("performanceId") String performanceId, TransferPolicyBody body) {
        Bodies.require(body);
        String id = PathIds.require("performanceId", performanceId);
        SettingTransferFees.InForce f = fees.set(id, body.feePercent());
        return new TransferPolicyView(id, f.feePercent(), f.standard());
    }
}
