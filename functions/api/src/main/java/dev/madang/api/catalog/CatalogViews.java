package dev.madang.api.catalog;

import dev.madang.api.support.Times;
import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.GradePrice;
import dev.madang.domain.catalog.Performance;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.SectionPlan;
import dev.madang.domain.catalog.Venue;
import dev.madang.domain.catalog.ViewingSeatMap;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** The JSON shapes the catalog returns; built from domain objects, never from items. */
final class CatalogViews {

    private CatalogViews() {
    }

    record PerformanceSummary(
            @Schema(required = true) String id,
            @Schema(required = true) String title,
            @Schema(required = true) String genre,
            @Schema(required = true) List<String> tags,
            @Schema(nullable = true) String posterUrl,
            @Schema(required = true) int ageLimit,
            @Schema(nullable = true) OffsetDateTime firstRoundAt,
            @Schema(nullable = true) OffsetDateTime lastRoundAt,
            @Schema(nullable = true) OffsetDateTime saleOpensAt,
            @Schema(required = true) String saleStatus) {

        static PerformanceSummary of(Performance p, Instant now) {
            return new PerformanceSummary(p.id(), p.title(), p.genre().name(), p.tags(), p.posterUrl(), p.ageLimit(),
                    Times.seoul(p.run().firstRoundAt()), Times.seoul(p.run().lastRoundAt()),
                    Times.seoul(p.run().firstSaleOpensAt()), p.saleStatus(now).name());
        }
    }

    record PerformanceDetail(
            @Schema(required = true) String id,
            @Schema(required = true) String title,
            @Schema(required = true) String genre,
            @Schema(required = true) List<String> tags,
            @Schema(required = true) int runtimeMinutes,
            @Schema(required = true) int ageLimit,
            @Schema(nullable = true) String description,
            @Schema(nullable = true) String posterUrl,
            @Schema(required = true) String saleStatus,
            @Schema(required = true) List<RoundSummary> rounds) {

        static PerformanceDetail of(Performance p, List<Round> rounds, Instant now) {
            return new PerformanceDetail(p.id(), p.title(), p.genre().name(), p.tags(), p.runtimeMinutes(),
                    p.ageLimit(), p.description(), p.posterUrl(), p.saleStatus(now).name(),
                    rounds.stream().map(r -> RoundSummary.of(r, now)).toList());
        }
    }

    record RoundSummary(
            @Schema(required = true) String id,
            @Schema(required = true) String venueId,
            @Schema(required = true) OffsetDateTime startsAt,
            @Schema(required = true) OffsetDateTime saleOpensAt,
            @Schema(required = true) boolean onSale) {

        static RoundSummary of(Round r, Instant now) {
            return new RoundSummary(r.id(), r.venueId(), Times.seoul(r.startsAt()), Times.seoul(r.saleOpensAt()),
                    r.saleOpen(now));
        }
    }

    record SectionPlanView(
            @Schema(required = true) BookingMode mode,
            @Schema(required = true) String grade) {

        static Map<String, SectionPlanView> of(Map<String, SectionPlan> plans) {
            return plans.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                    e -> new SectionPlanView(e.getValue().mode(), e.getValue().grade()),
                    (a, b) -> a, java.util.TreeMap::new));
        }
    }

    record RoundDetail(
            @Schema(required = true) String id,
            @Schema(required = true) String performanceId,
            @Schema(required = true) String venueId,
            @Schema(required = true) OffsetDateTime startsAt,
            @Schema(required = true) OffsetDateTime saleOpensAt,
            @Schema(required = true) boolean onSale,
            @Schema(required = true) OffsetDateTime serverTime,
            @Schema(required = true) int perPersonLimit,
            @Schema(required = true) List<GradePrice> grades,
            @Schema(required = true) Map<String, SectionPlanView> sections) {

        static RoundDetail of(Round r, Instant now) {
            return new RoundDetail(r.id(), r.performanceId(), r.venueId(), Times.seoul(r.startsAt()),
                    Times.seoul(r.saleOpensAt()), r.saleOpen(now), Times.seoul(now), r.perPersonLimit(), r.grades(),
                    SectionPlanView.of(r.sections()));
        }
    }

    record SeatStatusView(
            @Schema(required = true) String id,
            @Schema(required = true) String row,
            @Schema(required = true) int number,
            @Schema(required = true) int x,
            @Schema(required = true) int y,
            @Schema(required = true) String status) {
    }

    record SectionMapView(
            @Schema(required = true) String id,
            @Schema(required = true) String name,
            @Schema(required = true) BookingMode mode,
            @Schema(required = true) String grade,
            @Schema(required = true) long price,
            @Schema(required = true) List<SeatStatusView> seats) {
    }

    /** Grade and price are stated per section, not per seat: a 10,000-seat map stays small. */
    record SeatMapView(
            @Schema(required = true) String roundId,
            @Schema(required = true) OffsetDateTime asOf,
            @Schema(required = true) int seatCount,
            @Schema(required = true) List<SectionMapView> sections) {

        static SeatMapView of(ViewingSeatMap.SeatMap map) {
            int count = 0;
            List<SectionMapView> sections = new java.util.ArrayList<>();
            for (ViewingSeatMap.SectionView s : map.sections()) {
                List<SeatStatusView> seats = s.seats().stream().map(v -> new SeatStatusView(v.seat().id(),
                        v.seat().row(), v.seat().number(), v.seat().x(), v.seat().y(), v.status().name())).toList();
                count += seats.size();
                long price = s.seats().isEmpty() ? 0 : s.seats().get(0).price();
                sections.add(new SectionMapView(s.section().id(), s.section().name(), s.plan().mode(), s.plan().grade(),
                        price, seats));
            }
            return new SeatMapView(map.round().id(), Times.seoul(map.asOf()), count, sections);
        }
    }

    record GradeAvailability(
            @Schema(required = true) String grade,
            @Schema(required = true) long price,
            @Schema(required = true) int total,
            @Schema(required = true) int remaining) {
    }

    record AvailabilityView(
            @Schema(required = true) String roundId,
            @Schema(required = true) OffsetDateTime asOf,
            @Schema(required = true) List<GradeAvailability> grades,
            @Schema(required = true) List<ViewingSeatMap.SectionCount> sections) {

        static AvailabilityView of(ViewingSeatMap.Availability a) {
            List<GradeAvailability> grades = a.byGrade().entrySet().stream().map(e -> new GradeAvailability(
                    e.getKey(), a.round().priceOf(e.getKey()).orElse(0L), e.getValue().total(),
                    e.getValue().remaining())).toList();
            return new AvailabilityView(a.round().id(), Times.seoul(a.asOf()), grades, a.bySection());
        }
    }

    record VenueView(
            @Schema(required = true) String id,
            @Schema(required = true) String name,
            @Schema(nullable = true) String address,
            @Schema(required = true) int layoutVersion,
            @Schema(required = true) int seatCount,
            @Schema(nullable = true) LayoutBody layout) {

        static VenueView of(Venue v, LayoutBody layout) {
            return new VenueView(v.id(), v.name(), v.address(), v.layoutVersion(), v.seatCount(), layout);
        }
    }
}
