package dev.madang.api.ticket;

import dev.madang.api.support.Bodies;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.ticket.CreatingScanners;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.List;

/** An organiser makes scanner accounts for the doors of some rounds (docs/api.md §2.6). */
@Path("/v1/admin/scanners")
@RolesAllowed("ADMIN")
@SecurityRequirement(name = "jwt")
@TouchesTables({"AccountsTable", "CatalogTable"})
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
@APIResponse(responseCode = "403", description = "Not an admin")
public class AdminScannersResource {

    @Inject
    CreatingScanners creating;

    /** The password is the scanner's login; it is never answered back or logged. */
    public record ScannerBody(String email, String password, String name, List<String> roundIds) {

        @Override
        public String toString() {
            return "ScannerBody[email=" + email + ", password=<hidden>, roundIds=" + roundIds + "]";
        }
    }

    public record ScannerView(
            @Schema(required = true) String accountId,
            @Schema(required = true) String email,
            @Schema(required = true) List<String> roles,
            @Schema(required = true) List<String> roundIds) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A scanner account (role SCANNER) for the given rounds; it logs in with POST /v1/auth/login")
    @APIResponse(responseCode = "201", description = "The scanner account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScannerView.class)))
    @APIResponse(responseCode = "400", description = "A bad e-mail, weak password, no or malformed round ids")
    @APIResponse(responseCode = "409", description = "The e-mail is taken (email-taken)")
    @APIResponse(responseCode = "422", description = "A round that does not exist (unknown-round)")
    public Response create(ScannerBody body) {
        Bodies.require(body);
        CreatingScanners.Scanner scanner = creating.create(body.email(),
                body.password() == null ? null : body.password().toCharArray(), body.name(), body.roundIds());
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.status(201).cacheControl(noStore).entity(new ScannerView(scanner.account().id(),
                scanner.account().email(), scanner.account().roles().stream().map(Enum::name).toList(),
                List.copyOf(scanner.roundIds()))).build();
    }
}
