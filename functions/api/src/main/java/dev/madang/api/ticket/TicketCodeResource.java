package dev.madang.api.ticket;

import dev.madang.api.support.Caller;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.order.Ticket;
import dev.madang.domain.ticket.ShowingTicketCodes;
import dev.madang.domain.ticket.ShowingTicketCodes.ShownCode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.Base64;
import java.util.List;

/** The holder's mobile ticket: the current rotating code of one ticket (docs/api.md §2.6). */
@Path("/v1/tickets/{ticketId}/code")
@RolesAllowed({"USER", "ADMIN"})
@SecurityRequirement(name = "jwt")
@TouchesTables("OrdersTable")
@APIResponse(responseCode = "401", description = "No or bad token")
public class TicketCodeResource {

    static final String PNG = "image/png";
    static final String SVG = "image/svg+xml";

    @Inject
    ShowingTicketCodes showing;
    @Inject
    JsonWebToken token;

    @GET
    @Produces({MediaType.APPLICATION_JSON, PNG, SVG})
    @Operation(summary = "My ticket's current code (valid for its 30 s step and the next): JSON with the code and a "
            + "PNG, or ?format=png|svg for the QR image alone")
    @APIResponse(responseCode = "200", description = "The code; never cached (Cache-Control: no-store)", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TicketViews.CodeView.class)),
            @Content(mediaType = PNG, schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = SVG, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "A malformed ticket id or an unknown format")
    @APIResponse(responseCode = "404", description = "No such ticket, or another fan's")
    @APIResponse(responseCode = "409", description = "The ticket was admitted already, or revoked")
    public Response code(@PathParam("ticketId") String ticketId, @QueryParam("format") String format) {
        String as = format == null ? "json" : format;
        if (!List.of("json", "png", "svg").contains(as)) {
            throw DomainException.invalid("unknown format", List.of(new FieldError("format", "json, png or svg")));
        }
        if (!Ticket.isWellFormedId(ticketId)) {
            throw DomainException.invalid("malformed id", List.of(new FieldError("ticketId",
                    "not an id this API issues")));
        }
        ShownCode shown = showing.codeFor(Caller.subject(token), ticketId);
        Response.ResponseBuilder answer = switch (as) {
            case "png" -> Response.ok(QrImages.png(shown.code()), PNG);
            case "svg" -> Response.ok(QrImages.svg(shown.code()), SVG);
            default -> Response.ok(TicketViews.CodeView.of(shown,
                    Base64.getEncoder().encodeToString(QrImages.png(shown.code()))), MediaType.APPLICATION_JSON);
        };
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return answer.cacheControl(noStore).build();
    }
}
