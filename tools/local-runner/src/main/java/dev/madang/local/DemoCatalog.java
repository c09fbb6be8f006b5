package dev.madang.local;

import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.Genre;
import dev.madang.domain.catalog.GradePrice;
import dev.madang.domain.catalog.ManagingPerformances;
import dev.madang.domain.catalog.ManagingVenues;
import dev.madang.domain.catalog.Performance;
import dev.madang.domain.catalog.PerformanceDetails;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.SchedulingRounds;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.Section;
import dev.madang.domain.catalog.SectionPlan;
import dev.madang.domain.catalog.Venue;
import dev.madang.domain.common.Ids;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Demo data for the local runner, loaded through the same use cases the admin API calls (so it obeys every rule):
 * three halls, one of them a 10,400-seat arena, and performances across genres, some on sale now, some coming soon.
 */
public final class DemoCatalog {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    private final ManagingVenues venues;
    private final ManagingPerformances performances;
    private final SchedulingRounds rounds;
    private final Clock clock;

    public DemoCatalog(DynamoCatalog catalog, Clock clock) {
        Ids ids = new Ids(clock);
        this.venues = new ManagingVenues(catalog.venues(), ids);
        this.performances = new ManagingPerformances(catalog.performances(), ids);
        this.rounds = new SchedulingRounds(catalog.performances(), catalog.rounds(), catalog.venues(), ids, clock);
        this.clock = clock;
    }

    public record Loaded(int venues, int seats, int performances, int rounds, String arenaRoundId) {
    }

    public Loaded load() {
        Venue arena = venues.register("KSPO DOME (올림픽체조경기장)", "서울 송파구 올림픽로 424", arena()).venue();
        Venue theatre = venues.register("블루스퀘어 신한카드홀", "서울 용산구 이태원로 294", theatre()).venue();
        Venue hall = venues.register("예술의전당 콘서트홀", "서울 서초구 남부순환로 2406", concertHall()).venue();

        LocalDate today = LocalDate.now(clock.withZone(SEOUL));
        List<Round> all = new ArrayList<>();
        Performance iu = performance("아이유 콘서트 〈HEREH〉", Genre.CONCERT, List.of("K-POP", "아이유"), 180, 7);
        all.add(schedule(iu, arena, today.plusDays(21), LocalTime.of(18, 0), -1,
                grades(220_000, 198_000, 165_000), arenaPlans()));
        all.add(schedule(iu, arena, today.plusDays(22), LocalTime.of(17, 0), 5,
                grades(220_000, 198_000, 165_000), arenaPlans()));

        Performance lesMis = performance("레미제라블", Genre.MUSICAL, List.of("뮤지컬", "대극장", "오리지널"), 175, 8);
        for (int day = 10; day <= 16; day += 2) {
            all.add(schedule(lesMis, theatre, today.plusDays(day), LocalTime.of(19, 30), -3,
                    grades(170_000, 140_000, 110_000), theatrePlans()));
        }
        Performance hamlet = performance("햄릿", Genre.THEATRE, List.of("연극", "셰익스피어"), 150, 14);
        all.add(schedule(hamlet, theatre, today.plusDays(30), LocalTime.of(20, 0), 7,
                grades(90_000, 70_000, 50_000), theatrePlans()));
        Performance cho = performance("조성진 피아노 리사이틀", Genre.CLASSICAL, List.of("클래식", "피아노"), 120, 7);
        all.add(schedule(cho, hall, today.plusDays(40), LocalTime.of(19, 30), 14,
                grades(180_000, 150_000, 100_000), hallPlans()));
        Performance swan = performance("백조의 호수", Genre.DANCE, List.of("발레", "차이콥스키"), 140, 5);
        all.add(schedule(swan, hall, today.plusDays(12), LocalTime.of(15, 0), -2,
                grades(120_000, 90_000, 60_000), hallPlans()));
        Performance kids = performance("핑크퐁 싱어롱 쇼", Genre.KIDS, List.of("가족", "어린이"), 70, 0);
        all.add(schedule(kids, theatre, today.plusDays(9), LocalTime.of(11, 0), -5,
                grades(55_000, 45_000, 35_000), theatrePlans()));

        int seats = arena().stream().mapToInt(s -> s.seats().size()).sum()
                + theatre().stream().mapToInt(s -> s.seats().size()).sum()
                + concertHall().stream().mapToInt(s -> s.seats().size()).sum();
        return new Loaded(3, seats, 6, all.size(), all.get(0).id());
    }

    private Performance performance(String title, Genre genre, List<String> tags, int runtime, int age) {
        return performances.register(new PerformanceDetails(title, genre, tags, runtime, age,
                title + " — Madang 데모 공연", "https://img.madang.dev/posters/demo.jpg"));
    }

    /** saleOffsetDays < 0: the sale opened that many days ago; > 0: it opens in that many days. */
    private Round schedule(Performance p, Venue venue, LocalDate date, LocalTime time, int saleOffsetDays,
                           List<GradePrice> grades, Map<String, SectionPlan> plans) {
        ZonedDateTime startsAt = ZonedDateTime.of(date, time, SEOUL);
        ZonedDateTime opens = ZonedDateTime.now(clock.withZone(SEOUL)).withHour(20).withMinute(0).withSecond(0)
                .withNano(0).plusDays(saleOffsetDays);
        return rounds.schedule(p.id(), venue.id(), new Round.Schedule(startsAt.toInstant(), opens.toInstant(), 4, grades),
                plans);
    }

    private static List<GradePrice> grades(long vip, long r, long s) {
        return List.of(new GradePrice("VIP", vip), new GradePrice("R", r), new GradePrice("S", s));
    }

    /** Floor blocks F1-F4 (1,500 each, lottery for two of them) and stands E-H (1,100 each): 10,400 seats. */
    static List<Section> arena() {
        List<Section> sections = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            sections.add(block("F" + i, "플로어 F" + i + "구역", 30, 50, (i - 1) * 600, 0));
        }
        String[] stands = {"E", "G", "H", "J"};
        for (int i = 0; i < stands.length; i++) {
            sections.add(block(stands[i], "스탠드 " + stands[i] + "구역", 22, 50, i * 600, 800));
        }
        return sections;
    }

    private static Map<String, SectionPlan> arenaPlans() {
        Map<String, SectionPlan> plans = new LinkedHashMap<>();
        plans.put("F1", new SectionPlan(BookingMode.SEAT_SELECTION, "VIP"));
        plans.put("F2", new SectionPlan(BookingMode.SEAT_SELECTION, "VIP"));
        plans.put("F3", new SectionPlan(BookingMode.LOTTERY, "VIP"));
        plans.put("F4", new SectionPlan(BookingMode.LOTTERY, "VIP"));
        plans.put("E", new SectionPlan(BookingMode.SEAT_SELECTION, "R"));
        plans.put("G", new SectionPlan(BookingMode.SEAT_SELECTION, "R"));
        plans.put("H", new SectionPlan(BookingMode.SEAT_SELECTION, "S"));
        plans.put("J", new SectionPlan(BookingMode.CLOSED, "S"));
        return plans;
    }

    /** 1층 A/B/C and 2층 D/E: 1,740 seats. */
    static List<Section> theatre() {
        return List.of(block("A", "1층 A구역", 20, 14, 0, 0), block("B", "1층 B구역", 20, 30, 200, 0),
                block("C", "1층 C구역", 20, 14, 560, 0), block("D", "2층 D구역", 15, 30, 100, 300),
                block("E", "2층 E구역", 15, 26, 460, 300));
    }

    private static Map<String, SectionPlan> theatrePlans() {
        return Map.of("A", new SectionPlan(BookingMode.SEAT_SELECTION, "R"), "B", new SectionPlan(BookingMode.SEAT_SELECTION, "VIP"),
                "C", new SectionPlan(BookingMode.SEAT_SELECTION, "R"), "D", new SectionPlan(BookingMode.SEAT_SELECTION, "S"),
                "E", new SectionPlan(BookingMode.SEAT_SELECTION, "S"));
    }

    /** Stage-side and balcony blocks: 2,400 seats. */
    static List<Section> concertHall() {
        return List.of(block("A", "1층 A블록", 25, 40, 0, 0), block("B", "1층 B블록", 25, 40, 500, 0),
                block("C", "2층 C블록", 10, 40, 0, 400), block("D", "2층 D블록", 10, 40, 500, 400));
    }

    private static Map<String, SectionPlan> hallPlans() {
        return Map.of("A", new SectionPlan(BookingMode.SEAT_SELECTION, "VIP"), "B", new SectionPlan(BookingMode.SEAT_SELECTION, "VIP"),
                "C", new SectionPlan(BookingMode.SEAT_SELECTION, "R"), "D", new SectionPlan(BookingMode.LOTTERY, "S"));
    }

    private static Section block(String id, String name, int rows, int perRow, int x0, int y0) {
        List<Seat> seats = new ArrayList<>(rows * perRow);
        for (int r = 1; r <= rows; r++) {
            for (int n = 1; n <= perRow; n++) {
                seats.add(new Seat(Seat.idOf(id, String.valueOf(r), n), id, String.valueOf(r), n, x0 + n * 10, y0 + r * 12));
            }
        }
        return new Section(id, name, seats);
    }
}
