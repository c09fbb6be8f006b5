package dev.madang.api.ticket;

import dev.madang.api.support.PathIds;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.ticket.ReadingAdmissions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.List;

/** An organiser follows a round's doors: who was let in, where and when (docs/api.md §2.6). */
@Path("/v1/admin/rounds/{roundId}/admissions")
@RolesAllowed("ADMIN")
@SecurityRequirement(name = "jwt")
@TouchesTables({"CatalogTable", "OrdersTable"})
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
@APIResponse(responseCode = "403", description = "Not an admin")
public class AdminAdmissionsResource {

    @Inject
    ReadingAdmissions reading;

    @GET
    @Operation(summary = "The round's admissions, earliest first, a page at a time; the first page counts them per "
            + "gate")
    @APIResponse(responseCode = "200", description = "A page of admissions; admitted and byGate on the first page only")
    @APIResponse(responseCode = "400", description = "A malformed round id, limit (1-100) or cursor")
    @APIResponse(responseCode = "404", description = "No such round")
    public TicketViews.AdmissionsView admissions(@PathParam("roundId") String roundId,
                                                 @QueryParam("limit") String limit,
                                                 @QueryParam("cursor") String cursor) {
        String round = PathIds.require("roundId", roundId);
        ReadingAdmissions.Admissions found = reading.of(round, cursor,
                limit == null ? ReadingAdmissions.DEFAULT_LIMIT : limit(limit));
        return new TicketViews.AdmissionsView(round, found.admitted(), found.byGate(),
                found.page().items().stream().map(TicketViews.AdmissionView::of).toList(),
                found.page().nextCursor());
    }

    private static int limit(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw DomainException.invalid("the admission list query is not valid",
                    List.of(new FieldError("limit", "a whole number")));
        }
    }
}
