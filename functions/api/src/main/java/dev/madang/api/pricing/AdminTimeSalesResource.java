package dev.madang.api.pricing;

import dev.madang.api.support.Bodies;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.Times;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.common.Violations;
import dev.madang.domain.pricing.PriceChange;
import dev.madang.domain.pricing.SettingTimeSales;
import dev.madang.domain.pricing.TimeSale;
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

/** Organisers set time sales on a round's grades and read them with the round's price history. */
@Path("/v1/admin/rounds/{roundId}/time-sales")
@RolesAllowed("ADMIN")
@SecurityRequirement(name = "jwt")
@TouchesTables("CatalogTable")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
@APIResponse(responseCode = "403", description = "Not an admin")
public class AdminTimeSalesResource {

    @Inject
    SettingTimeSales setting;

    /** "When less than soldBelowPercent % of grade is sold startDaysBefore days before, discountPercent % off until endDaysBefore days before." */
    public record TimeSaleBody(String grade, Integer soldBelowPercent, Integer startDaysBefore, Integer discountPercent,
                               Integer endDaysBefore) {
    }

    public record TimeSaleView(
            @Schema(required = true) String saleId,
            @Schema(required = true) String grade,
            @Schema(required = true) int soldBelowPercent,
            @Schema(required = true) int startDaysBefore,
            @Schema(required = true) int discountPercent,
            @Schema(required = true) int endDaysBefore,
            @Schema(required = true, enumeration = {"SCHEDULED", "ACTIVE", "ENDED", "SKIPPED"}) String status) {

        static TimeSaleView of(TimeSale s) {
            return new TimeSaleView(s.id(), s.grade(), s.soldBelowPercent(), s.startDaysBefore(), s.discountPercent(),
                    s.endDaysBefore(), s.status().name());
        }
    }

    public record PriceChangeView(
            @Schema(required = true) String grade,
            @Schema(required = true) long from,
            @Schema(required = true) long to,
            @Schema(required = true) OffsetDateTime at,
            @Schema(required = true) String saleId,
            @Schema(required = true, enumeration = {"SALE_STARTED", "SALE_ENDED"}) String reason) {

        static PriceChangeView of(PriceChange c) {
            return new PriceChangeView(c.grade(), c.from(), c.to(), Times.seoul(c.at()), c.saleId(), c.reason().name());
        }
    }

    public record RoundSalesView(
            @Schema(required = true) List<TimeSaleView> sales,
            @Schema(required = true, description = "The round's price changes, oldest first") List<PriceChangeView> history) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a time sale on a grade of the round; the time-sale job starts it (or not) and ends it on schedule")
    @APIResponse(responseCode = "201", description = "Set",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TimeSaleView.class)))
    @APIResponse(responseCode = "400", description = "A field breaks a rule (named), or a grade the round does not price")
    @APIResponse(responseCode = "404", description = "No such round")
    @APIResponse(responseCode = "409", description = "The grade has an open sale (time-sale-exists), or the round started (round-started)")
    public Response set(@PathParam("roundId") String roundId, TimeSaleBody body) {
        Bodies.require(body);
        new Violations().check(body.grade() != null && !body.grade().isBlank(), "grade", "required")
                .check(body.soldBelowPercent() != null, "soldBelowPercent", "required")
                .check(body.startDaysBefore() != null, "startDaysBefore", "required")
                .check(body.discountPercent() != null, "discountPercent", "required")
                .check(body.endDaysBefore() != null, "endDaysBefore", "required")
                .throwIfInvalid("the time sale is missing fields");
        TimeSale sale = setting.set(PathIds.require("roundId", roundId), body.grade(), body.soldBelowPercent(),
                body.startDaysBefore(), body.discountPercent(), body.endDaysBefore());
        return Response.created(URI.create("/v1/admin/rounds/" + roundId + "/time-sales"))
                .entity(TimeSaleView.of(sale)).build();
    }

    @GET
    @Operation(summary = "The round's time sales and its price history")
    @APIResponse(responseCode = "200", description = "Sales and history",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoundSalesView.class)))
    @APIResponse(responseCode = "404", description = "No such round")
    public RoundSalesView sales(@PathParam("roundId") String roundId) {
        SettingTimeSales.RoundSales sales = setting.of(PathIds.require("roundId", roundId));
        return new RoundSalesView(sales.sales().stream().map(TimeSaleView::of).toList(),
                sales.history().stream().map(PriceChangeView::of).toList());
    }
}
