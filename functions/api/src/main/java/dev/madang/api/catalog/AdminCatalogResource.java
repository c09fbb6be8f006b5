package dev.madang.api.catalog;

import dev.madang.api.support.Bodies;
import dev.madang.api.support.PathIds;
import dev.madang.api.support.Times;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.Genre;
import dev.madang.domain.catalog.GradePrice;
import dev.madang.domain.catalog.ManagingPerformances;
import dev.madang.domain.catalog.ManagingVenues;
import dev.madang.domain.catalog.Performance;
import dev.madang.domain.catalog.PerformanceDetails;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.membership.MemberSale;
import dev.madang.domain.catalog.SchedulingRounds;
import dev.madang.domain.exhibition.SchedulingEntrySlots;
import dev.madang.domain.catalog.SectionPlan;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Organisers' catalog: venues and layouts, performances, rounds with grades, prices and booking modes. */
@Path("/v1/admin")
@TouchesTables("CatalogTable")
@RolesAllowed("ADMIN")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or bad token")
@APIResponse(responseCode = "403", description = "Not an admin")
public class AdminCatalogResource {

    @Inject
    ManagingVenues venues;
    @Inject
    ManagingPerformances performances;
    @Inject
    SchedulingRounds rounds;
    @Inject
    SchedulingEntrySlots entrySlots;
    @Inject
    Clock clock;

    /** The layout as JSON ({@code layout}) or as the CSV an organiser exports from a spreadsheet ({@code layoutCsv}). */
    public record VenueBody(String name, String address, LayoutBody layout,
                            @Schema(nullable = true, description = "section,sectionName,row,number,x,y with that header line")
                            String layoutCsv) {
    }

    public record VenueNaming(String name, String address) {
    }

    public record PerformanceBody(String title, Genre genre, List<String> tags, List<String> cast,
                                  Integer runtimeMinutes, Integer ageLimit, String description, String posterUrl) {

        PerformanceDetails details() {
            return new PerformanceDetails(title, genre, tags, cast, runtimeMinutes == null ? 0 : runtimeMinutes,
                    ageLimit == null ? 0 : ageLimit, description, posterUrl);
        }
    }

    public record SectionPlanBody(BookingMode mode, String grade) {
    }

    /**
     * {@code defaultMode} is the round's booking mode; a section whose {@code mode} is left out takes it, and one that
     * names a mode overrides it.
     */
    public record RoundBody(String venueId, OffsetDateTime startsAt, OffsetDateTime saleOpensAt, Integer perPersonLimit,
                            List<GradePrice> grades, BookingMode defaultMode, Map<String, SectionPlanBody> sections,
                            MemberSaleBody memberSale) {

        Round.Schedule schedule() {
            return new Round.Schedule(Times.instant(startsAt), Times.instant(saleOpensAt), perPersonLimit, grades,
                    memberSale == null ? null : memberSale.sale());
        }
    }

    /** What members of {@code membershipIds} get on the round: a presale from {@code presaleOpensAt}, a discount. */
    public record MemberSaleBody(List<String> membershipIds, OffsetDateTime presaleOpensAt, Integer discountPercent) {

        MemberSale sale() {
            return new MemberSale(membershipIds == null ? java.util.Set.of() : java.util.Set.copyOf(membershipIds),
                    Times.instant(presaleOpensAt), discountPercent == null ? 0 : discountPercent);
        }
    }

    /** As in {@link RoundBody}: {@code defaultMode} for the sections that name no mode of their own. */
    public record SectionsBody(BookingMode defaultMode, Map<String, SectionPlanBody> sections) {
    }

    @POST
    @Path("/venues")
    @Operation(summary = "Register a venue with its seat layout")
    @APIResponse(responseCode = "201", description = "Created; the venue (its layout is not repeated: layout is null)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CatalogViews.VenueView.class)))
    @APIResponse(responseCode = "400", description = "Malformed body")
    @APIResponse(responseCode = "422", description = "Layout breaks a rule (duplicate seats…)")
    public Response createVenue(VenueBody body) {
        requireBody(body);
        if ((body.layout() == null) == (body.layoutCsv() == null)) {
            throw DomainException.invalid("exactly one of layout and layoutCsv is required",
                    List.of(new FieldError("layout", "give the layout as JSON or as layoutCsv, not both")));
        }
        ManagingVenues.VenueWithLayout v = venues.register(body.name(), body.address(), body.layout() != null
                ? body.layout().toSections("layout") : LayoutBody.parseCsv(body.layoutCsv()));
        return Response.created(URI.create("/v1/admin/venues/" + v.venue().id()))
                .entity(CatalogViews.VenueView.of(v.venue(), null)).build();
    }

    @GET
    @Path("/venues/{venueId}")
    @Operation(summary = "A venue with its current seat layout")
    @APIResponse(responseCode = "200", description = "The venue with its layout")
    @APIResponse(responseCode = "404", description = "No such venue")
    public CatalogViews.VenueView venue(@PathParam("venueId") String venueId) {
        ManagingVenues.VenueWithLayout v = venues.get(PathIds.require("venueId", venueId));
        return CatalogViews.VenueView.of(v.venue(), LayoutBody.fromSections(v.layout().sections()));
    }

    @PUT
    @Path("/venues/{venueId}")
    @Operation(summary = "Rename a venue or change its address")
    @APIResponse(responseCode = "200", description = "The venue (layout is null)")
    @APIResponse(responseCode = "404", description = "No such venue")
    public CatalogViews.VenueView renameVenue(@PathParam("venueId") String venueId, VenueNaming body) {
        requireBody(body);
        return CatalogViews.VenueView.of(venues.rename(PathIds.require("venueId", venueId), body.name(), body.address()), null);
    }

    @PUT
    @Path("/venues/{venueId}/layout")
    @Operation(summary = "Replace the seat layout (JSON); scheduled rounds keep the version they were sold on")
    @APIResponse(responseCode = "200", description = "The venue with its new layout version (layout is null)")
    @APIResponse(responseCode = "422", description = "Layout breaks a rule")
    public CatalogViews.VenueView replaceLayout(@PathParam("venueId") String venueId, LayoutBody body) {
        requireBody(body);
        ManagingVenues.VenueWithLayout v = venues.replaceLayout(PathIds.require("venueId", venueId), body.toSections("layout"));
        return CatalogViews.VenueView.of(v.venue(), null);
    }

    @PUT
    @Path("/venues/{venueId}/layout")
    @Consumes("text/csv")
    @Operation(summary = "Replace the seat layout from CSV: section,sectionName,row,number,x,y")
    @APIResponse(responseCode = "200", description = "The venue with its new layout version (layout is null)")
    @APIResponse(responseCode = "422", description = "Layout breaks a rule")
    public CatalogViews.VenueView importLayout(@PathParam("venueId") String venueId, String csv) {
        ManagingVenues.VenueWithLayout v = venues.replaceLayout(PathIds.require("venueId", venueId), LayoutBody.parseCsv(csv));
        return CatalogViews.VenueView.of(v.venue(), null);
    }

    @POST
    @Path("/performances")
    @Operation(summary = "Register a performance")
    @APIResponse(responseCode = "201", description = "Created; the performance (no rounds yet)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CatalogViews.PerformanceDetail.class)))
    @APIResponse(responseCode = "400", description = "Malformed or invalid body")
    public Response createPerformance(PerformanceBody body) {
        requireBody(body);
        Performance p = performances.register(body.details());
        return Response.created(URI.create("/v1/performances/" + p.id()))
                .entity(CatalogViews.PerformanceDetail.of(p, List.of(), clock.instant())).build();
    }

    @PUT
    @Path("/performances/{performanceId}")
    @Operation(summary = "Edit a performance")
    @APIResponse(responseCode = "200", description = "The performance")
    @APIResponse(responseCode = "404", description = "No such performance")
    @APIResponse(responseCode = "409", description = "Edited concurrently")
    public CatalogViews.PerformanceSummary editPerformance(@PathParam("performanceId") String performanceId,
                                                           PerformanceBody body) {
        requireBody(body);
        Performance p = performances.edit(PathIds.require("performanceId", performanceId), body.details());
        return CatalogViews.PerformanceSummary.of(p, clock.instant());
    }

    @POST
    @Path("/performances/{performanceId}/rounds")
    @Operation(summary = "Schedule a round: venue, times, grades and prices, each section's booking mode")
    @APIResponse(responseCode = "201", description = "Created; the round",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CatalogViews.RoundDetail.class)))
    @APIResponse(responseCode = "404", description = "No such performance")
    @APIResponse(responseCode = "422", description = "A round in the past, a section without a grade…")
    public Response scheduleRound(@PathParam("performanceId") String performanceId, RoundBody body) {
        requireBody(body);
        if (body.venueId() != null) {
            PathIds.require("venueId", body.venueId());
        }
        Round r = rounds.schedule(PathIds.require("performanceId", performanceId), body.venueId(), body.schedule(),
                plans(body.sections(), body.defaultMode()));
        return Response.created(URI.create("/v1/rounds/" + r.id()))
                .entity(CatalogViews.RoundDetail.of(r, clock.instant())).build();
    }

    @PUT
    @Path("/rounds/{roundId}")
    @Operation(summary = "Move a round or change its prices (before its sale opens)")
    @APIResponse(responseCode = "200", description = "The round")
    @APIResponse(responseCode = "404", description = "No such round")
    @APIResponse(responseCode = "422", description = "Already on sale, or in the past")
    public CatalogViews.RoundDetail reschedule(@PathParam("roundId") String roundId, RoundBody body) {
        requireBody(body);
        return CatalogViews.RoundDetail.of(rounds.reschedule(PathIds.require("roundId", roundId), body.schedule()),
                clock.instant());
    }

    @PUT
    @Path("/rounds/{roundId}/sections")
    @Operation(summary = "Set each section's booking mode (seat selection, best available, lottery, closed; a default for the round, overridden per section) and grade; modes are fixed once the sale opens")
    @APIResponse(responseCode = "200", description = "The round with its sections' plans")
    @APIResponse(responseCode = "404", description = "No such round")
    @APIResponse(responseCode = "422", description = "Unknown section or grade, or a mode changed after the sale opened (mode-locked)")
    public CatalogViews.RoundDetail planSections(@PathParam("roundId") String roundId, SectionsBody body) {
        requireBody(body);
        return CatalogViews.RoundDetail.of(rounds.planSections(PathIds.require("roundId", roundId), plans(body.sections(), body.defaultMode())),
                clock.instant());
    }

    /** An exhibition's days cut into time slots: every {@code slotMinutes} between the hours, or at {@code slotTimes}. */
    public record SlotsBody(List<LocalDate> days, LocalTime opensAt, LocalTime closesAt, Integer slotMinutes,
                            List<LocalTime> slotTimes, Integer quota, Long price, Integer perPersonLimit,
                            OffsetDateTime saleOpensAt) {

        SchedulingEntrySlots.SlotPlan plan() {
            return new SchedulingEntrySlots.SlotPlan(days, opensAt, closesAt, slotMinutes, slotTimes, quota, price,
                    perPersonLimit, Times.instant(saleOpensAt));
        }
    }

    @POST
    @Path("/performances/{performanceId}/slots")
    @Operation(summary = "Cut an exhibition's or pop-up store's days into time slots with an entry quota, a price per "
            + "entry and a per-person limit each (each slot is a round sold as entries)")
    @APIResponse(responseCode = "201", description = "Created; the entry hall and the slots' rounds",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CatalogViews.ScheduledSlotsView.class)))
    @APIResponse(responseCode = "400", description = "A field missing or malformed (named)")
    @APIResponse(responseCode = "404", description = "No such performance")
    @APIResponse(responseCode = "422", description = "A slot in the past, too many slots, the sale opening after a slot")
    public Response scheduleSlots(@PathParam("performanceId") String performanceId, SlotsBody body) {
        requireBody(body);
        SchedulingEntrySlots.Scheduled s = entrySlots.schedule(PathIds.require("performanceId", performanceId),
                body.plan());
        Instant now = clock.instant();
        return Response.created(URI.create("/v1/performances/" + performanceId + "/slots"))
                .entity(new CatalogViews.ScheduledSlotsView(s.venueId(),
                        s.slots().stream().map(r -> CatalogViews.RoundDetail.of(r, now)).toList())).build();
    }

    /** Each section's plan, its mode defaulting to the round's. */
    private static Map<String, SectionPlan> plans(Map<String, SectionPlanBody> body, BookingMode defaultMode) {
        if (body == null) {
            return null;
        }
        Map<String, SectionPlan> plans = new LinkedHashMap<>();
        body.forEach((id, p) -> plans.put(id, p == null ? null
                : new SectionPlan(p.mode() == null ? defaultMode : p.mode(), p.grade())));
        return plans;
    }

    private static void requireBody(Object body) {
        Bodies.require(body);
    }
}
