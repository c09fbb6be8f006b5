package dev.madang.api.membership;

import dev.madang.api.membership.MembershipViews.MembershipList;
import dev.madang.api.membership.MembershipViews.MembershipView;
import dev.madang.api.support.EntityTags;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.membership.BuyingMemberships;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The memberships on offer: the same for everyone, so a CDN may keep the list a minute. */
@Path("/v1/memberships")
@TouchesTables("OrdersTable")
@Produces(MediaType.APPLICATION_JSON)
public class MembershipsResource {

    @Inject
    BuyingMemberships buying;

    @GET
    @Operation(summary = "The memberships on offer, newest first")
    @APIResponse(responseCode = "200", description = "The memberships",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MembershipList.class)))
    public Response offered() {
        return Response.ok(new MembershipList(buying.offered().stream().map(MembershipView::of).toList()))
                .cacheControl(EntityTags.publicFor(60, false)).build();
    }
}
