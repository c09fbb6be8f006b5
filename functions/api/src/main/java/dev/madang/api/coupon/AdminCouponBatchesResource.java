package dev.madang.api.coupon;

import dev.madang.api.coupon.CouponViews.BatchView;
import dev.madang.api.support.Bodies;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.Times;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Violations;
import dev.madang.domain.coupon.CouponBatch;
import dev.madang.domain.coupon.IssuingCoupons;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/** Admins issue coupon batches and watch their claims. */
@Path("/v1/admin/coupon-batches")
@RolesAllowed("ADMIN")
@SecurityRequirement(name = "jwt")
@TouchesTables("OrdersTable")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
@APIResponse(responseCode = "403", description = "Not an admin")
public class AdminCouponBatchesResource {

    @Inject
    IssuingCoupons issuing;

    /** A new batch; see {@link CouponBatch} for each field's meaning. */
    public record BatchBody(String name, String kind, Long value, Long maxDiscount, Long minimumOrder,
                            List<String> grades, List<String> performanceIds, OffsetDateTime validFrom,
                            OffsetDateTime validUntil, Integer perPerson, Integer total, String code,
                            Boolean downloadable, Boolean returnOnCancel) {

        CouponBatch draft() {
            new Violations().check(value != null, "value", "required")
                    .check(perPerson != null, "perPerson", "required")
                    .check(total != null, "total", "required")
                    .check(validFrom != null, "validFrom", "required")
                    .check(validUntil != null, "validUntil", "required")
                    .throwIfInvalid("the coupon batch is missing fields");
            return new CouponBatch("new", name, kind(kind), value, maxDiscount == null ? 0 : maxDiscount,
                    minimumOrder == null ? 0 : minimumOrder, Set.copyOf(ids("grades", grades)),
                    Set.copyOf(ids("performanceIds", performanceIds)), Times.instant(validFrom),
                    Times.instant(validUntil), perPerson, total, CouponBatch.normalCode(code),
                    downloadable == null ? code == null : downloadable, Boolean.TRUE.equals(returnOnCancel));
        }

        private static CouponBatch.Kind kind(String kind) {
            try {
                return CouponBatch.Kind.valueOf(kind);
            } catch (NullPointerException | IllegalArgumentException e) {
                throw DomainException.invalid("unknown coupon kind", List.of(new FieldError("kind", "FIXED or PERCENT")));
            }
        }

        private static List<String> ids(String field, List<String> values) {
            List<String> given = values == null ? List.of() : values;
            if (given.size() > 50 || given.stream().anyMatch(v -> v == null || v.isBlank() || v.length() > 40)) {
                throw DomainException.invalid("a bad list", List.of(new FieldError(field, "at most 50 names of 1-40 characters")));
            }
            return given;
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue a coupon batch: its discount, rules, validity, limits and how fans claim it (a code, a download)")
    @APIResponse(responseCode = "201", description = "Issued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "400", description = "A field breaks a rule (named)")
    @APIResponse(responseCode = "409", description = "Another batch has this code (coupon-code-taken)")
    public Response issue(BatchBody body) {
        CouponBatch batch = issuing.issue(Bodies.require(body).draft());
        return Response.created(URI.create("/v1/admin/coupon-batches/" + batch.id()))
                .entity(BatchView.of(batch, 0)).build();
    }

    @GET
    @Path("/{batchId}")
    @Operation(summary = "A batch with how many of it fans have claimed")
    @APIResponse(responseCode = "200", description = "The batch",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "404", description = "No such batch")
    public BatchView batch(@PathParam("batchId") String batchId) {
        IssuingCoupons.Issued issued = issuing.batch(PathIds.require("batchId", batchId));
        return BatchView.of(issued.batch(), issued.claimed());
    }
}
