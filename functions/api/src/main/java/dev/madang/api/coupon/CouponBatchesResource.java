package dev.madang.api.coupon;

import dev.madang.api.coupon.CouponViews.BatchList;
import dev.madang.api.coupon.CouponViews.TermsView;
import dev.madang.api.support.EntityTags;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.coupon.IssuingCoupons;
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

/** The coupon batches open to download: the same list for everyone, so a CDN may keep it a minute. */
@Path("/v1/coupon-batches")
@TouchesTables("OrdersTable")
@Produces(MediaType.APPLICATION_JSON)
public class CouponBatchesResource {

    @Inject
    IssuingCoupons issuing;

    @GET
    @Operation(summary = "Coupon batches fans can download now or later, newest first (their terms; not how many are left)")
    @APIResponse(responseCode = "200", description = "The batches",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchList.class)))
    public Response downloadable() {
        return Response.ok(new BatchList(issuing.downloadable().stream().map(TermsView::of).toList()))
                .cacheControl(EntityTags.publicFor(60, false)).build();
    }
}
