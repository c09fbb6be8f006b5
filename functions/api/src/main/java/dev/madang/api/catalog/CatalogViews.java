package dev.madang.api.catalog;

import dev.madang.api.support.Times;
import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.GradePrice;
import dev.madang.domain.catalog.Performance;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.SectionPlan;
import dev.madang.domain.catalog.Venue;
import dev.madang.domain.catalog.ViewingSeatMap;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** The JSON shapes the catalog returns; built from domain objects, never from items. */
final class CatalogViews {

    private CatalogViews() {
    }

    record PerformanceSummary(String id, String title, String genre, List<String> tags, String posterUrl,
                              int ageLimit, OffsetDateTime firstRoundAt, OffsetDateTime lastRoundAt,
                              OffsetDateTime saleOpensAt, String saleStatus) {

        static PerformanceSummary of(Performance p, Instant now) {
            return new PerformanceSummary(p.id(), p.title(), p.genre().name(), p.tags(), p.posterUrl(), p.ageLimit(),
                    Times.seoul(p.run().firstRoundAt()), Times.seoul(p.run().lastRoundAt()),
                    Times.seoul(p.run().firstSaleOpensAt()), p.saleStatus(now).name());
        }
    }

    record PerformanceDetail(String id, String title, String genre, List<String> tags, int runtimeMinutes,
                             int ageLimit, String description, String posterUrl, String saleStatus,
                             List<RoundSummary> rounds) {

        static PerformanceDetail of(Performance p, List<Round> rounds, Instant now) {
            return new PerformanceDetail(p.id(), p.title(), p.genre().name(), p.tags(), p.runtimeMinutes(),
                    p.ageLimit(), p.description(), p.posterUrl(), p.saleStatus(now).name(),
                    rounds.stream().map(r -> RoundSummary.of(r, now)).toList());
        }
    }

    record RoundSummary(String id, String venueId, OffsetDateTime startsAt, OffsetDateTime saleOpensAt,
                        boolean onSale) {

        static RoundSummary of(Round r, Instant now) {
            return new RoundSummary(r.id(), r.venueId(), Times.seoul(r.startsAt()), Times.seoul(r.saleOpensAt()),
                    r.saleOpen(now));
        }
    }

    record SectionPlanView(BookingMode mode, String grade) {

        static Map<String, SectionPlanView> of(Map<String, SectionPlan> plans) {
            return plans.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                    e -> new SectionPlanView(e.getValue().mode(), e.getValue().grade()),
                    (a, b) -> a, java.util.TreeMap::new));
        }
    }

    record RoundDetail(String id, String performanceId, String venueId, OffsetDateTime startsAt,
                       OffsetDateTime saleOpensAt, boolean onSale, OffsetDateTime serverTime, int perPersonLimit,
                       List<GradePrice> grades, Map<String, SectionPlanView> sections) {

        static RoundDetail of(Round r, Instant now) {
            return new RoundDetail(r.id(), r.performanceId(), r.venueId(), Times.seoul(r.startsAt()),
                    Times.seoul(r.saleOpensAt()), r.saleOpen(now), Times.seoul(now), r.perPersonLimit(), r.grades(),
                    SectionPlanView.of(r.sections()));
        }
    }

    record SeatStatusView(String id, String row, int number, int x, int y, String status) {
    }

    record SectionMapView(String id, String name, BookingMode mode, String grade, long price,
                          List<SeatStatusView> seats) {
    }

    /** Grade and price are stated per section, not per seat: a 10,000-seat map stays small. */
    record SeatMapView(String roundId, OffsetDateTime asOf, int seatCount, List<SectionMapView> sections) {

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

    record GradeAvailability(String grade, long price, int total, int remaining) {
    }

    record AvailabilityView(String roundId, OffsetDateTime asOf, List<GradeAvailability> grades,
                            List<ViewingSeatMap.SectionCount> sections) {

        static AvailabilityView of(ViewingSeatMap.Availability a) {
            List<GradeAvailability> grades = a.byGrade().entrySet().stream().map(e -> new GradeAvailability(
                    e.getKey(), a.round().priceOf(e.getKey()).orElse(0L), e.getValue().total(),
                    e.getValue().remaining())).toList();
            return new AvailabilityView(a.round().id(), Times.seoul(a.asOf()), grades, a.bySection());
        }
    }

    record VenueView(String id, String name, String address, int layoutVersion, int seatCount, LayoutBody layout) {

        static VenueView of(Venue v, LayoutBody layout) {
            return new VenueView(v.id(), v.name(), v.address(), v.layoutVersion(), v.seatCount(), layout);
        }
    }
}
