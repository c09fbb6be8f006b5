package dev.madang.api.catalog;

import dev.madang.api.support.EntityTags;
import dev.madang.api.support.PathIds;
import dev.madang.domain.exhibition.ViewingEntrySlots;
import dev.madang.api.support.Times;
import dev.madang.api.support.TouchesTables;
import dev.madang.domain.catalog.BrowsingCatalog;
import dev.madang.domain.catalog.CatalogQuery;
import dev.madang.domain.catalog.Genre;
import dev.madang.domain.catalog.Performance;
import dev.madang.domain.catalog.ViewingSeatMap;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Page;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

/** What anyone may read: the catalog, a round, its seat map and remaining seats, and the server clock. */
@Path("/v1")
@TouchesTables("CatalogTable")
@Produces(MediaType.APPLICATION_JSON)
public class PublicCatalogResource {

    /** One second, the refresher's period: a CDN edge asks the origin about once a second however many poll it. */
    static final CacheControl STATUS_CACHING = EntityTags.publicFor(1, false);
    /** A year, the longest any cache keeps an answer: a stored layout version never changes. */
    static final CacheControl LAYOUT_CACHING = EntityTags.publicFor(31_536_000, true);

    @Inject
    BrowsingCatalog browsing;
    @Inject
    ViewingSeatMap viewing;
    @Inject
    Clock clock;

    public record ServerTime(
            @Schema(required = true) OffsetDateTime now,
            @Schema(required = true) long epochMillis) {
    }

    public record PageView<T>(
            @Schema(required = true) List<T> items,
            @Schema(nullable = true) String nextCursor) {
    }

    @Inject
    ViewingEntrySlots entrySlots;

    @GET
    @Path("/time")
    @TouchesTables({})
    @Operation(summary = "The server clock, for a client countdown to a sale's opening")
    public ServerTime time() {
        Instant now = clock.instant();
        return new ServerTime(Times.seoul(now), now.toEpochMilli());
    }

    @GET
    @Path("/performances")
    @Operation(summary = "List performances by first round date, with title search and filters")
    @APIResponse(responseCode = "200", description = "A page of performances; nextCursor is null on the last page")
    @APIResponse(responseCode = "400", description = "Malformed query or cursor")
    public PageView<CatalogViews.PerformanceSummary> list(@QueryParam("q") String q, @QueryParam("genre") String genre,
                                                           @QueryParam("from") String from, @QueryParam("to") String to,
                                                           @QueryParam("status") String status,
                                                           @QueryParam("limit") String limit,
                                                           @QueryParam("cursor") String cursor) {
        CatalogQuery query = new CatalogQuery(q == null || q.isBlank() ? null : q,
                parse("genre", genre, Genre::valueOf), parse("from", from, LocalDate::parse),
                parse("to", to, LocalDate::parse), parse("status", status, Performance.SaleStatus::valueOf),
                limit == null ? CatalogQuery.DEFAULT_LIMIT : parse("limit", limit, Integer::parseInt), cursor);
        Page<Performance> page = browsing.list(query);
        Instant now = clock.instant();
        return new PageView<>(page.items().stream().map(p -> CatalogViews.PerformanceSummary.of(p, now)).toList(),
                page.nextCursor());
    }

    @GET
    @Path("/performances/{performanceId}")
    @Operation(summary = "A performance with its rounds")
    @APIResponse(responseCode = "200", description = "The performance with its rounds")
    @APIResponse(responseCode = "404", description = "No such performance")
    public CatalogViews.PerformanceDetail performance(@PathParam("performanceId") String performanceId) {
        BrowsingCatalog.PerformanceWithRounds p = browsing.performance(PathIds.require("performanceId", performanceId));
        return CatalogViews.PerformanceDetail.of(p.performance(), p.rounds(), clock.instant());
    }

    @GET
    @Path("/rounds/{roundId}")
    @Operation(summary = "A round: times, whether it is on sale, grades and prices, each section's booking mode")
    @APIResponse(responseCode = "200", description = "The round")
    @APIResponse(responseCode = "404", description = "No such round")
    public CatalogViews.RoundDetail round(@PathParam("roundId") String roundId) {
        return CatalogViews.RoundDetail.of(browsing.round(PathIds.require("roundId", roundId)), clock.instant());
    }

    @GET
    @Path("/rounds/{roundId}/seats")
    @TouchesTables({"CatalogTable", "SeatsTable"})
    @Operation(summary = "The round's seat map with every seat's status (served from a snapshot, see asOf)",
            deprecated = true, description = "Layout and statuses in one answer (about 800 KB for a 10,000-seat "
            + "hall), kept for simple clients. A client that watches the map reads the layout once, "
            + "GET /v1/venues/{venueId}/layouts/{version} (cached for good), and polls "
            + "GET /v1/rounds/{roundId}/seat-status (about 2 KB, ETag, 304 when unchanged).")
    @APIResponse(responseCode = "200", description = "The seat map")
    @APIResponse(responseCode = "404", description = "No such round")
    public CatalogViews.SeatMapView seats(@PathParam("roundId") String roundId) {
        return CatalogViews.SeatMapView.of(viewing.seatMap(PathIds.require("roundId", roundId)));
    }

    @GET
    @Path("/rounds/{roundId}/seat-status")
    @TouchesTables({"CatalogTable", "SeatsTable"})
    @Operation(summary = "Which seats of the round are taken, a bit per seat in layout order (poll it, with If-None-Match)",
            description = "From the snapshot the refresher rebuilds every second and each instance reads at most "
                    + "four times a second, however many clients poll. Cacheable for one second by anyone; the ETag "
                    + "names the statuses (not asOf), so an unchanged map answers 304 with no body.")
    @APIResponse(responseCode = "200", description = "The seat statuses",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CatalogViews.SeatStatusesView.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag in If-None-Match")
    @APIResponse(responseCode = "404", description = "No such round")
    public Response seatStatus(@PathParam("roundId") String roundId,
                               @Context HttpHeaders headers) {
        List<String> ifNoneMatch = headers.getRequestHeader(HttpHeaders.IF_NONE_MATCH);
        ViewingSeatMap.Statuses statuses = viewing.statuses(PathIds.require("roundId", roundId));
        byte[] bits = CatalogViews.SeatStatusesView.bytes(statuses);
        EntityTag tag = EntityTags.of(bits,
                String.join(",", statuses.closedSections()).getBytes(StandardCharsets.UTF_8),
                Long.toString(statuses.round().version()).getBytes(StandardCharsets.UTF_8));
        return EntityTags.answer(() -> CatalogViews.SeatStatusesView.of(statuses, bits), tag, STATUS_CACHING,
                ifNoneMatch);
    }

    @GET
    @Path("/venues/{venueId}/layouts/{version}")
    @Operation(summary = "A venue's seat layout version: sections, rows, seats and their map coordinates, in layout order",
            description = "A stored layout version never changes (a new layout is a new version), so the answer may be "
                    + "kept for good by browsers and the CDN. Seat i in layout order is bit i of a round's seat status.")
    @APIResponse(responseCode = "200", description = "The layout",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CatalogViews.LayoutView.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag in If-None-Match (it never changes)")
    @APIResponse(responseCode = "400", description = "Malformed venue id or version")
    @APIResponse(responseCode = "404", description = "No such venue or version")
    public Response layout(@PathParam("venueId") String venueId, @PathParam("version") String version,
                           @Context HttpHeaders headers) {
        List<String> ifNoneMatch = headers.getRequestHeader(HttpHeaders.IF_NONE_MATCH);
        String venue = PathIds.require("venueId", venueId);
        int v = parse("version", version, Integer::parseInt);
        if (v < 1) {
            throw DomainException.invalid("malformed path", List.of(new FieldError("version", "a version is 1 or more")));
        }
        // immutable: the identity is the tag, and a client that has it never needs the body again
        EntityTag tag = EntityTags.of(venue.getBytes(StandardCharsets.UTF_8),
                Integer.toString(v).getBytes(StandardCharsets.UTF_8));
        return EntityTags.answer(() -> CatalogViews.LayoutView.of(venue, v, viewing.layout(venue, v)), tag,
                LAYOUT_CACHING, ifNoneMatch);
    }

    @GET
    @Path("/rounds/{roundId}/availability")
    @TouchesTables({"CatalogTable", "SeatsTable"})
    @Operation(summary = "Remaining seats per grade and per section")
    @APIResponse(responseCode = "200", description = "Remaining seats per grade and per section")
    @APIResponse(responseCode = "404", description = "No such round")
    public CatalogViews.AvailabilityView availability(@PathParam("roundId") String roundId) {
        return CatalogViews.AvailabilityView.of(viewing.availability(PathIds.require("roundId", roundId)));
    }

    @GET
    @Path("/performances/{performanceId}/slots")
    @TouchesTables({"CatalogTable", "SeatsTable"})
    @Operation(summary = "An exhibition's time slots of one day with the entries each has left (counted from the "
            + "seat-map snapshot, never from the entries themselves); cacheable for one second")
    @APIResponse(responseCode = "200", description = "The day's slots in start order, and every day that has slots",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CatalogViews.SlotDayView.class)))
    @APIResponse(responseCode = "400", description = "A missing or malformed date")
    public Response slots(@PathParam("performanceId") String performanceId, @QueryParam("date") String date) {
        ViewingEntrySlots.Day day = entrySlots.day(PathIds.require("performanceId", performanceId),
                parse("date", date, LocalDate::parse));
        return Response.ok(CatalogViews.SlotDayView.of(day)).cacheControl(STATUS_CACHING).build();
    }

    private static <T> T parse(String field, String value, Function<String, T> parser) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parser.apply(value.strip());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw DomainException.invalid("malformed query parameter",
                    List.of(new FieldError(field, "cannot read '" + abbreviate(value) + "'")));
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
