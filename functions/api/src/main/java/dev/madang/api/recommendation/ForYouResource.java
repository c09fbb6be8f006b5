package dev.madang.api.recommendation;

import dev.madang.api.support.Caller;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.recommendation.ViewingRecommendations;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** "For you" on the home page (docs/recommendations.md): my list, one item read. */
@Path("/v1/me/recommendations")
@RolesAllowed({"USER", "ADMIN"})
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class ForYouResource {

    @Inject
    ViewingRecommendations viewing;
    @Inject
    JsonWebToken token;

    @GET
    @TouchesTables("CatalogTable")
    @Operation(summary = "Performances for me, from my bookings and followed genres (or what sells, for a new fan)")
    @APIResponse(responseCode = "200", description = "Up to 10 performances",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RecommendationViews.ForYouView.class)))
    @APIResponse(responseCode = "401", description = "No or bad token")
    public RecommendationViews.ForYouView forMe() {
        ViewingRecommendations.ForYou mine = viewing.forFan(Caller.subject(token));
        return new RecommendationViews.ForYouView(mine.personal(), RecommendationViews.CardView.of(mine.cards()));
    }
}
