package dev.madang.api.order;

import dev.madang.api.order.CancellationPolicyResource.PolicyBody;
import dev.madang.api.order.CancellationPolicyResource.PolicyView;
import dev.madang.api.order.CancellationPolicyResource.TierBody;
import dev.madang.api.support.Bodies;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.cancellation.CancellationPolicy;
import dev.madang.domain.cancellation.SettingCancellationPolicies;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The organiser sets a performance's cancellation policy (docs/cancellation.md, docs/api.md §2.4). */
@Path("/v1/admin/performances/{performanceId}/cancellation-policy")
@TouchesTables("CatalogTable")
@RolesAllowed("ADMIN")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
@APIResponse(responseCode = "403", description = "Not an admin")
public class AdminCancellationPolicyResource {

    @Inject
    SettingCancellationPolicies policies;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the performance's cancellation policy: never harsher than the standard, nor than the one in force once on sale")
    @APIResponse(responseCode = "200", description = "The policy now in force")
    @APIResponse(responseCode = "400", description = "A malformed policy (every field named)")
    @APIResponse(responseCode = "404", description = "No such performance")
    @APIResponse(responseCode = "422", description = "Harsher than the standard (cancellation-policy-too-harsh) or, once on sale, than the policy in force (cancellation-policy-tightened)")
    public PolicyView set(@PathParam("performanceId") String performanceId, PolicyBody body) {
        Bodies.require(body);
        String id = PathIds.require("performanceId", performanceId);
        return PolicyView.of(id, policies.set(id, toPolicy(body)));
    }

    private static CancellationPolicy toPolicy(PolicyBody b) {
        List<FieldError> errors = new ArrayList<>();
        List<CancellationPolicy.FeeTier> tiers = null;
        if (b.tiers() != null) {
            tiers = new ArrayList<>();
            for (int i = 0; i < b.tiers().size(); i++) {
                TierBody t = b.tiers().get(i);
                if (t == null || t.fromDaysBefore() == null || t.toDaysBefore() == null || t.feePercent() == null) {
                    errors.add(new FieldError("tiers[" + i + "]", "fromDaysBefore, toDaysBefore and feePercent"));
                } else {
                    tiers.add(new CancellationPolicy.FeeTier(t.fromDaysBefore(), t.toDaysBefore(), t.feePercent()));
                }
            }
        }
        if (b.bookingDayGrace() == null) {
            errors.add(new FieldError("bookingDayGrace", "true or false"));
        }
        LocalTime weekday = time("weekdayCutoff", b.weekdayCutoff(), errors);
        LocalTime saturday = time("saturdayCutoff", b.saturdayCutoff(), errors);
        LocalTime sunday = time("sundayAndHolidayCutoff", b.sundayAndHolidayCutoff(), errors);
        if (!errors.isEmpty()) {
            throw DomainException.invalid("the cancellation policy is not valid", errors);
        }
        return new CancellationPolicy(tiers, b.sameDayFeePercent(), b.bookingDayGrace(), weekday, saturday, sunday);
    }

    private static LocalTime time(String field, String text, List<FieldError> errors) {
        if (text == null) {
            return null; // required ones are reported by the policy's own validation
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "a time as HH:mm"));
            return null;
        }
    }
}
