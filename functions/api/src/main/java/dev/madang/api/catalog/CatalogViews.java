package dev.madang.api.catalog;

import dev.madang.api.support.Times;
import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.GradePrice;
import dev.madang.domain.catalog.Performance;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.domain.catalog.Section;
import dev.madang.domain.catalog.SectionPlan;
import dev.madang.domain.catalog.Venue;
import dev.madang.domain.catalog.ViewingSeatMap;
import dev.madang.domain.exhibition.ViewingEntrySlots;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
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
            @Schema(required = true) List<String> cast,
            @Schema(required = true) int runtimeMinutes,
            @Schema(required = true) int ageLimit,
            @Schema(nullable = true) String description,
            @Schema(nullable = true) String posterUrl,
            @Schema(required = true) String saleStatus,
            @Schema(required = true) List<RoundSummary> rounds) {

        static PerformanceDetail of(Performance p, List<Round> rounds, Instant now) {
            return new PerformanceDetail(p.id(), p.title(), p.genre().name(), p.tags(), p.cast(), p.runtimeMinutes(),
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
            @Schema(required = true, description = "The venue's layout version the round sells: "
                    + "GET /v1/venues/{venueId}/layouts/{layoutVersion}") int layoutVersion,
            @Schema(required = true, description = "Changes whenever the round does (sections, prices); "
                    + "seat-status names it so a watching client knows to read the round again") long version,
            @Schema(required = true) OffsetDateTime startsAt,
            @Schema(required = true) OffsetDateTime saleOpensAt,
            @Schema(required = true) boolean onSale,
            @Schema(required = true) OffsetDateTime serverTime,
            @Schema(required = true) int perPersonLimit,
            @Schema(required = true) List<GradePrice> grades,
            @Schema(required = true) Map<String, SectionPlanView> sections,
            @Schema(nullable = true, description = "What members get: a presale before saleOpensAt, a discount")
            MemberSaleView memberSale,
            @Schema(required = true, description = "In the members' presale now (only members may hold)")
            boolean presale) {

        static RoundDetail of(Round r, Instant now) {
            return new RoundDetail(r.id(), r.performanceId(), r.venueId(), r.layoutVersion(), r.version(),
                    Times.seoul(r.startsAt()),
                    Times.seoul(r.saleOpensAt()), r.saleOpen(now), Times.seoul(now), r.perPersonLimit(), r.grades(),
                    SectionPlanView.of(r.sections()), MemberSaleView.of(r.memberSale()), r.presaleOpen(now));
        }
    }

    record MemberSaleView(
            @Schema(required = true) List<String> membershipIds,
            @Schema(nullable = true) OffsetDateTime presaleOpensAt,
            @Schema(required = true) int discountPercent) {

        static MemberSaleView of(dev.madang.domain.membership.MemberSale sale) {
            return sale == null ? null : new MemberSaleView(sale.membershipIds().stream().sorted().toList(),
                    Times.seoul(sale.presaleOpensAt()), sale.discountPercent());
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

    /**
     * The seat map's changing half: one bit per seat of the round's layout, in layout order (bit i of byte i/8,
     * least significant first), set when the seat is taken. About 1.3 KB of bits for the 10,400-seat arena.
     */
    record SeatStatusesView(
            @Schema(required = true) String roundId,
            @Schema(required = true, description = "Bumps when the round changes: read GET /v1/rounds/{roundId} again")
            long roundVersion,
            @Schema(required = true) int seatCount,
            @Schema(required = true, description = "Base64 of ceil(seatCount/8) bytes; seat i is taken when "
                    + "byte[i >> 3] & (1 << (i & 7)) is set") String taken,
            @Schema(required = true, description = "Sections this round does not sell (their seats are not for sale)")
            List<String> closedSections,
            @Schema(required = true, description = "When the snapshot was built; not part of the ETag, which "
                    + "names the statuses") OffsetDateTime asOf) {

        /** {@code bits}: {@link #bytes} of {@code s}, which the caller has made already for the ETag. */
        static SeatStatusesView of(ViewingSeatMap.Statuses s, byte[] bits) {
            return new SeatStatusesView(s.round().id(), s.round().version(), s.seatCount(),
                    Base64.getEncoder().encodeToString(bits), s.closedSections(), Times.seoul(s.asOf()));
        }

        /** The bits padded to whole bytes, so the length says the seat count and a client never reads past it. */
        static byte[] bytes(ViewingSeatMap.Statuses s) {
            return Arrays.copyOf(s.taken().toByteArray(), (s.seatCount() + 7) / 8);
        }
    }

    /**
     * A row's seats in layout order as parallel arrays (number, x, y), which keeps the 50,000-seat layout near
     * 12 bytes a seat instead of the ~35 of one object per seat.
     */
    record LayoutRowView(
            @Schema(required = true) String label,
            @Schema(required = true) int[] numbers,
            @Schema(required = true) int[] x,
            @Schema(required = true) int[] y) {
    }

    record LayoutSectionView(
            @Schema(required = true) String id,
            @Schema(required = true) String name,
            @Schema(required = true) List<LayoutRowView> rows) {
    }

    /**
     * A venue's layout version, never changed once stored. Sections, rows and seats come in layout order: the i-th
     * seat read in that order is bit i of a round's seat status. A row label met again after another row is a new
     * entry, so the order is kept exactly.
     */
    record LayoutView(
            @Schema(required = true) String venueId,
            @Schema(required = true) int version,
            @Schema(required = true) int seatCount,
            @Schema(required = true) List<LayoutSectionView> sections) {

        static LayoutView of(String venueId, int version, SeatLayout layout) {
            List<LayoutSectionView> sections = new java.util.ArrayList<>();
            for (Section section : layout.sections()) {
                List<LayoutRowView> rows = new java.util.ArrayList<>();
                List<Seat> seats = section.seats();
                int start = 0;
                for (int i = 1; i <= seats.size(); i++) {
                    if (i == seats.size() || !seats.get(i).row().equals(seats.get(start).row())) {
                        List<Seat> run = seats.subList(start, i);
                        rows.add(new LayoutRowView(run.get(0).row(), run.stream().mapToInt(Seat::number).toArray(),
                                run.stream().mapToInt(Seat::x).toArray(), run.stream().mapToInt(Seat::y).toArray()));
                        start = i;
                    }
                }
                sections.add(new LayoutSectionView(section.id(), section.name(), rows));
            }
            return new LayoutView(venueId, version, layout.seatCount(), sections);
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

    record SlotView(
            @Schema(required = true, description = "The slot's round: hold entries with POST /v1/holds/best-available "
                    + "{roundId, sectionId: \"ENTRY\", partySize}") String roundId,
            @Schema(required = true) OffsetDateTime startsAt,
            @Schema(nullable = true, description = "When the next slot of the day starts; null for the last one")
            OffsetDateTime endsAt,
            @Schema(required = true, description = "Won per entry") long price,
            @Schema(required = true) int quota,
            @Schema(required = true) int remaining,
            @Schema(required = true) int perPersonLimit,
            @Schema(required = true) boolean onSale) {

        static SlotView of(ViewingEntrySlots.Slot s) {
            return new SlotView(s.round().id(), Times.seoul(s.round().startsAt()),
                    s.endsAt() == null ? null : Times.seoul(s.endsAt()), s.price(), s.quota(), s.remaining(),
                    s.round().perPersonLimit(), s.onSale());
        }
    }

    record SlotDayView(
            @Schema(required = true) LocalDate date,
            @Schema(required = true, description = "Every date that has slots, for the day picker") List<LocalDate> days,
            @Schema(required = true) List<SlotView> slots) {

        static SlotDayView of(ViewingEntrySlots.Day d) {
            return new SlotDayView(d.date(), d.days(), d.slots().stream().map(SlotView::of).toList());
        }
    }

    record ScheduledSlotsView(
            @Schema(required = true, description = "The entry hall every slot sells") String venueId,
            @Schema(required = true) List<RoundDetail> slots) {
    }
}
