package dev.madang.api.order;

import dev.madang.api.support.PathIds;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.cancellation.CancellationPolicy;
import dev.madang.domain.cancellation.SettingCancellationPolicies;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;

/**
 * A performance's cancellation policy (docs/cancellation.md): anyone reads the one in force before buying; the
 * organiser sets it with {@link AdminCancellationPolicyResource} (docs/api.md §2.4).
 */
@Path("/v1/performances/{performanceId}/cancellation-policy")
@TouchesTables("CatalogTable")
@Produces(MediaType.APPLICATION_JSON)
public class CancellationPolicyResource {

    @Inject
    SettingCancellationPolicies policies;

    public record TierBody(Integer fromDaysBefore, Integer toDaysBefore, Integer feePercent) {
    }

    /** Times as "HH:mm"; {@code sameDayFeePercent} null refuses cancelling on the day. */
    public record PolicyBody(List<TierBody> tiers, Integer sameDayFeePercent, Boolean bookingDayGrace,
                             String weekdayCutoff, String saturdayCutoff, String sundayAndHolidayCutoff) {
    }

    public record PolicyView(
            @Schema(required = true) String performanceId,
            @Schema(required = true) boolean standard,
            @Schema(required = true) List<TierBody> tiers,
            @Schema(nullable = true) Integer sameDayFeePercent,
            @Schema(required = true) boolean bookingDayGrace,
            @Schema(required = true) String weekdayCutoff,
            @Schema(required = true) String saturdayCutoff,
            @Schema(nullable = true) String sundayAndHolidayCutoff) {
        static PolicyView of(String performanceId, SettingCancellationPolicies.InForce f) {
            CancellationPolicy p = f.policy();
            return new PolicyView(performanceId, f.standard(), p.tiers().stream().map(t -> new TierBody(
                    t.fromDaysBefore(), t.toDaysBefore(), t.feePercent())).toList(), p.sameDayFeePercent(),
                    p.bookingDayGrace(), p.weekdayCutoff().toString(), p.saturdayCutoff().toString(),
                    p.sundayAndHolidayCutoff() == null ? null : p.sundayAndHolidayCutoff().toString());
        }
    }

    @GET
    @PermitAll
    @Operation(summary = "The cancellation fees and cut-offs in force for a performance (the Korean standard unless set)")
    @APIResponse(responseCode = "200", description = "The policy in force; standard tells whether it is the Korean standard")
    @APIResponse(responseCode = "404", description = "No such performance")
    public PolicyView get(@PathParam("performanceId") String performanceId) {
        String id = PathIds.require("performanceId", performanceId);
        return PolicyView.of(id, policies.get(id));
    }
}
