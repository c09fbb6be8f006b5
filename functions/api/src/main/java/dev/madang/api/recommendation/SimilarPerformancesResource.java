package dev.madang.api.recommendation;

import dev.madang.api.support.EntityTags;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.recommendation.ViewingRecommendations;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** "Similar performances" on a performance's page (docs/recommendations.md): one item read. */
@Path("/v1/performances/{performanceId}/similar")
@Produces(MediaType.APPLICATION_JSON)
public class SimilarPerformancesResource {

    /** The job recomputes the lists a few times a day: an edge may keep an answer for ten minutes. */
    static final CacheControl CACHING = EntityTags.publicFor(600, false);

    @Inject
    ViewingRecommendations viewing;

    @GET
    @PermitAll
    @TouchesTables("CatalogTable")
    @Operation(summary = "Performances like this one (by genre, tags, cast and venues), best first",
            description = "Computed by the recommendation job; empty before its first run. One item read; cacheable "
                    + "by anyone for ten minutes.")
    @APIResponse(responseCode = "200", description = "Up to 10 performances",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RecommendationViews.SimilarView.class)))
    @APIResponse(responseCode = "400", description = "Malformed id")
    public Response similar(@PathParam("performanceId") String performanceId) {
        return Response.ok(new RecommendationViews.SimilarView(RecommendationViews.CardView.of(
                viewing.similarTo(PathIds.require("performanceId", performanceId))))).cacheControl(CACHING).build();
    }
}
