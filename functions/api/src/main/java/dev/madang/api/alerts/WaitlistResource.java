package dev.madang.api.alerts;

import dev.madang.api.support.Bodies;
import dev.madang.api.support.Caller;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.waitlist.SubscribingToWaitlists;
import dev.madang.domain.waitlist.WaitlistSubscription;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * My waitlist subscriptions (빈자리 알림, docs/waitlist.md): told when seats of a round's grade come back, the front of
 * the line first. Only the caller's own subscriptions: another fan's id is a 404.
 */
@Path("/v1/me/waitlist")
@RolesAllowed({"USER", "ADMIN"})
@TouchesTables("AlertsTable")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
public class WaitlistResource {

    @Inject
    SubscribingToWaitlists subscribing;
    @Inject
    JsonWebToken token;

    public record SubscriptionBody(String roundId, String grade, Integer partySize) {
    }

    @Schema(name = "WaitlistSubscription")
    public record SubscriptionView(String subscriptionId, String roundId, String grade, int partySize,
                                   Instant subscribedAt) {

        static SubscriptionView of(WaitlistSubscription s) {
            return new SubscriptionView(s.id(), s.roundId(), s.grade(), s.partySize(), s.subscribedAt());
        }
    }

    @Schema(name = "WaitlistSubscriptionList")
    public record SubscriptionList(List<SubscriptionView> items) {
    }

    @GET
    @Operation(summary = "My waitlist subscriptions, oldest first (at most 20)")
    @APIResponse(responseCode = "200", description = "My subscriptions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionList.class)))
    public SubscriptionList mine() {
        return new SubscriptionList(subscribing.mine(Caller.subject(token)).stream().map(SubscriptionView::of).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @TouchesTables({"CatalogTable", "AlertsTable"})
    @Operation(summary = "Wait for seats of a round's grade, for a party size")
    @APIResponse(responseCode = "201", description = "Subscribed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "400", description = "A field missing or malformed (the problem names it)")
    @APIResponse(responseCode = "404", description = "No such round")
    @APIResponse(responseCode = "409", description = "You wait for this round's grade already (already-subscribed)")
    @APIResponse(responseCode = "422", description = "No such grade on sale in the round (a lottery's grade counts: its leftovers come to sale), party size outside 1..the per-person limit (invalid-waitlist), the round cancelled or started (round-over), or 20 subscriptions already (too-many-subscriptions)")
    public Response subscribe(SubscriptionBody body) {
        Bodies.require(body);
        if (body.roundId() != null) {
            PathIds.require("roundId", body.roundId());
        }
        WaitlistSubscription s = subscribing.subscribe(Caller.subject(token), body.roundId(), body.grade(),
                body.partySize());
        return Response.created(URI.create("/v1/me/waitlist/" + s.id())).entity(SubscriptionView.of(s)).build();
    }

    @DELETE
    @Path("/{subscriptionId}")
    @Operation(summary = "Cancel one of my waitlist subscriptions")
    @APIResponse(responseCode = "204", description = "Cancelled")
    @APIResponse(responseCode = "404", description = "No subscription of yours by that id")
    public Response cancel(@PathParam("subscriptionId") String subscriptionId) {
        subscribing.cancel(Caller.subject(token), PathIds.require("subscriptionId", subscriptionId));
        return Response.noContent().build();
    }
}
