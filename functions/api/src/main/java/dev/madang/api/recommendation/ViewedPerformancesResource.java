package dev.madang.api.recommendation;

import dev.madang.api.support.Caller;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.recommendation.PerformanceViews;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.time.Clock;

/**
 * I opened a performance's page: a signal of taste for my recommendations (docs/recommendations.md). The page itself
 * is public and cached, so the view is told apart, by the signed-in client, in one write.
 */
@Path("/v1/me/viewed-performances")
@RolesAllowed({"USER", "ADMIN"})
@SecurityRequirement(name = "jwt")
public class ViewedPerformancesResource {

    @Inject
    PerformanceViews views;
    @Inject
    JsonWebToken token;
    @Inject
    Clock clock;

    @PUT
    @Path("/{performanceId}")
    @TouchesTables("AlertsTable")
    @Operation(summary = "Record that I viewed a performance's page (for my recommendations); harmless to repeat")
    @APIResponse(responseCode = "204", description = "Recorded")
    @APIResponse(responseCode = "400", description = "Malformed id")
    @APIResponse(responseCode = "401", description = "No or bad token")
    public Response viewed(@PathParam("performanceId") String performanceId) {
        views.record(Caller.subject(token), PathIds.require("performanceId", performanceId), clock.instant());
        return Response.noContent().build();
    }
}
