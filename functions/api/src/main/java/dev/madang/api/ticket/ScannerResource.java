package dev.madang.api.ticket;

import dev.madang.api.support.Bodies;
import dev.madang.api.support.Caller;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.Times;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Page;
import dev.madang.domain.ticket.CheckingIn;
import dev.madang.domain.ticket.Revocation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A venue scanner checks tickets in, online or by uploading offline scans, and syncs revocations (docs/api.md §2.6). */
@Path("/v1/scanner")
@RolesAllowed("SCANNER")
@SecurityRequirement(name = "jwt")
@TouchesTables({"AccountsTable", "OrdersTable"})
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
@APIResponse(responseCode = "403", description = "Not a scanner, or not one of this round")
public class ScannerResource {

    @Inject
    CheckingIn checkingIn;
    @Inject
    JsonWebToken token;

    /** {@code scannedAt}: when the code was read, if not now (an offline scan). */
    public record ScanBody(String code, String gate, OffsetDateTime scannedAt) {

        CheckingIn.Scan scan() {
            return new CheckingIn.Scan(code, gate, Times.instant(scannedAt));
        }
    }

    public record BatchBody(List<ScanBody> scans) {
    }

    @POST
    @Path("/scans")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check a ticket code in: verify it and admit its ticket (the first valid scan wins)")
    @APIResponse(responseCode = "201", description = "Admitted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TicketViews.ScanView.class)))
    @APIResponse(responseCode = "409", description = "Admitted before (already-admitted, with when and at which "
            + "gate), or revoked (ticket-revoked)")
    @APIResponse(responseCode = "422", description = "Not a code of ours or altered (ticket-code-invalid), or too "
            + "old (ticket-code-expired)")
    public Response scan(ScanBody body) {
        CheckingIn.ScanResult result = checkingIn.scan(Caller.subject(token), Bodies.require(body).scan());
        return Response.status(201).entity(TicketViews.ScanView.of(null, result)).build();
    }

    @POST
    @Path("/scan-batches")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload scans made offline (each with scannedAt and gate): applied in scan-time order, the "
            + "earliest admission wins, each answered in upload order")
    @APIResponse(responseCode = "200", description = "One result per scan, in upload order, and counts")
    @APIResponse(responseCode = "400", description = "A malformed scan (nothing is applied)")
    public TicketViews.BatchView batch(BatchBody body) {
        List<CheckingIn.ScanResult> results = checkingIn.scanBatch(Caller.subject(token),
                Bodies.require(body).scans() == null ? null
                        : body.scans().stream().map(s -> s == null ? null : s.scan()).toList());
        List<TicketViews.ScanView> items = new ArrayList<>();
        Map<CheckingIn.Outcome, Long> counts = new EnumMap<>(CheckingIn.Outcome.class);
        for (int i = 0; i < results.size(); i++) {
            items.add(TicketViews.ScanView.of(i, results.get(i)));
            counts.merge(results.get(i).outcome(), 1L, Long::sum);
        }
        return new TicketViews.BatchView(items, counts);
    }

    @GET
    @Path("/rounds/{roundId}/revocations")
    @Operation(summary = "The round's revoked tickets since a moment, for offline checks; ask again from "
            + "syncAgainFrom")
    @APIResponse(responseCode = "200", description = "Revocations, oldest first, and where to sync from next")
    @APIResponse(responseCode = "400", description = "A malformed round id, since, limit or cursor")
    public TicketViews.RevocationsView revocations(@PathParam("roundId") String roundId,
                                                   @QueryParam("since") String since,
                                                   @QueryParam("cursor") String cursor,
                                                   @QueryParam("limit") String limit) {
        String round = PathIds.require("roundId", roundId);
        OffsetDateTime from = parse("since", since, OffsetDateTime::parse);
        int max = limit == null ? CheckingIn.DEFAULT_REVOCATIONS_LIMIT : parse("limit", limit, Integer::parseInt);
        OffsetDateTime syncAgainFrom = Times.seoul(checkingIn.syncAgainFrom());
        Page<Revocation> page = checkingIn.revocations(Caller.subject(token), round, Times.instant(from), cursor, max);
        return new TicketViews.RevocationsView(round, page.items().stream().map(TicketViews.RevocationView::of)
                .toList(), page.nextCursor(), syncAgainFrom);
    }

    private static <T> T parse(String name, String text, java.util.function.Function<String, T> parser) {
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw DomainException.invalid("the revocation list query is not valid",
                    List.of(new FieldError(name, name.equals("since") ? "an ISO-8601 time with an offset"
                            : "a whole number")));
        }
    }
}
