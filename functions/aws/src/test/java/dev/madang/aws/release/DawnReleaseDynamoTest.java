package dev.madang.aws.release;

import dev.madang.aws.booking.DynamoBooking;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.domain.booking.SeatClaims;
import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.Genre;
import dev.madang.domain.catalog.GradePrice;
import dev.madang.domain.catalog.ManagingPerformances;
import dev.madang.domain.catalog.ManagingVenues;
import dev.madang.domain.catalog.PerformanceDetails;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.SchedulingRounds;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.domain.catalog.Section;
import dev.madang.domain.catalog.SectionPlan;
import dev.madang.domain.common.Ids;
import dev.madang.domain.release.DawnRelease;
import dev.madang.localstack.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dawn release on its real adapters (dynalite): sold seats whose tickets were cancelled wait in the pool, taken,
 * until one minute's call frees them all at once; the same night again, or two calls in the same minute, release once.
 */
class DawnReleaseDynamoTest {

    static LocalAws aws;
    static DynamoCatalog catalog;
    static SeatClaims claims;
    static DynamoReleasePools pools;
    static DynamoNightlyReleases nights;

    @BeforeAll
    static void start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
        String seats = aws.tableName("SeatsTable");
        catalog = new DynamoCatalog(aws.dynamo(), aws.tableName("CatalogTable"), seats);
        claims = new DynamoBooking(aws.dynamo(), seats).seatClaims();
        pools = new DynamoReleasePools(aws.dynamo(), seats);
        nights = new DynamoNightlyReleases(aws.dynamo(), seats);
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    static Round roundOnSale(int seats) {
        Ids ids = new Ids(Clock.systemUTC());
        List<Seat> list = new ArrayList<>();
        for (int n = 1; n <= seats; n++) {
            list.add(new Seat(Seat.idOf("A", "1", n), "A", "1", n, n * 10, 10));
        }
        String venue = new ManagingVenues(catalog.venues(), ids).register("Hall", null,
                List.of(new Section("A", "A", list))).venue().id();
        String perf = new ManagingPerformances(catalog.performances(), ids).register(new PerformanceDetails("Dawn",
                Genre.CONCERT, List.of(), 90, 0, null, null)).id();
        return new SchedulingRounds(catalog.performances(), catalog.rounds(), catalog.venues(), ids, Clock.systemUTC())
                .schedule(perf, venue, new Round.Schedule(Instant.now().plus(Duration.ofDays(30)),
                                Instant.now().minusSeconds(60), 4, List.of(new GradePrice("R", 99_000))),
                        Map.of("A", new SectionPlan(BookingMode.SEAT_SELECTION, "R")));
    }

    /** Sells seat n of the round to a fan (a hold turned into a ticket, as paying does) and cancels it into the pool. */
    static void sellAndCancel(Round round, SeatLayout layout, int n) {
        Seat seat = layout.seats().get(n - 1);
        Instant now = Instant.now();
        assertThat(claims.claim(round.id(), seat, "H" + n + round.id(), "fan", now, now.plusSeconds(600))).isTrue();
        assertThat(claims.issueTicket(round.id(), seat, "H" + n + round.id(), "T" + n + round.id(), "fan", now))
                .isTrue();
        pools.add(round.id(), seat, "T" + n + round.id(), now);
    }

    static int taken(Round round, SeatLayout layout) {
        return catalog.seatInventory().takenSeats(round, layout, Instant.now()).cardinality();
    }

    static Clock koreaAt(LocalDate day, int hour, int minute) {
        return Clock.fixed(ZonedDateTime.of(day, LocalTime.of(hour, minute), DawnRelease.KOREA).toInstant(),
                ZoneOffset.UTC);
    }

    @Test
    void pooled_seats_stay_off_sale_until_one_minute_frees_them_all_and_a_second_run_frees_nothing() {
        Round first = roundOnSale(6);
        Round second = roundOnSale(3);
        SeatLayout l1 = catalog.venues().layout(first.venueId(), first.layoutVersion()).orElseThrow();
        SeatLayout l2 = catalog.venues().layout(second.venueId(), second.layoutVersion()).orElseThrow();
        for (int n : new int[] {1, 2, 5}) {
            sellAndCancel(first, l1, n);
        }
        sellAndCancel(second, l2, 3);
        assertThat(taken(first, l1)).isEqualTo(3);
        assertThat(pools.pooled(first.id())).hasSize(3);
        // a pooled seat cannot be held: it is still taken by its cancelled ticket
        Seat pooled = l1.seats().get(0);
        assertThat(claims.claim(first.id(), pooled, "early-bird", "fan2", Instant.now(), Instant.now().plusSeconds(60)))
                .isFalse();

        LocalDate night = LocalDate.of(2030, 1, 10);
        // 02:00-02:02 do not release (the random source says not now), 02:03 does
        assertThat(new DawnRelease(pools, nights, n -> 1, koreaAt(night, 2, 0)).tick().outcome())
                .isEqualTo(DawnRelease.Outcome.NOT_NOW);
        assertThat(taken(first, l1)).isEqualTo(3);
        assertThat(nights.of(night)).isEmpty();
        DawnRelease.Tick tick = new DawnRelease(pools, nights, n -> 0, koreaAt(night, 2, 3)).tick();
        assertThat(tick.outcome()).isEqualTo(DawnRelease.Outcome.RELEASED);
        assertThat(tick.seats()).isEqualTo(4);
        assertThat(tick.rounds()).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(taken(first, l1)).isZero();
        assertThat(taken(second, l2)).isZero();
        assertThat(pools.pooled(first.id())).isEmpty();
        assertThat(claims.claim(first.id(), pooled, "early-bird", "fan2", Instant.now(), Instant.now().plusSeconds(60)))
                .isTrue();

        // audited afterwards, and once a night: a later cancellation waits for the next night
        var record = nights.of(night).orElseThrow();
        assertThat(record.seats()).isEqualTo(4);
        assertThat(record.startedAt()).isEqualTo(koreaAt(night, 2, 3).instant());
        assertThat(record.rounds()).containsExactlyInAnyOrder(first.id(), second.id());
        sellAndCancel(first, l1, 6);
        assertThat(new DawnRelease(pools, nights, n -> 0, koreaAt(night, 2, 4)).tick().outcome())
                .isEqualTo(DawnRelease.Outcome.ALREADY_RELEASED);
        assertThat(taken(first, l1)).isEqualTo(2); // seat 1 held by early-bird, seat 6 pooled
        assertThat(nights.recent(5)).extracting(r -> r.night()).contains(night);
        // the next night takes it
        DawnRelease.Tick next = new DawnRelease(pools, nights, n -> 0, koreaAt(night.plusDays(1), 2, 0)).tick();
        assertThat(next.seats()).isEqualTo(1);
        assertThat(taken(first, l1)).isEqualTo(1);
    }

    @Test
    void two_calls_in_the_same_minute_release_once() throws Exception {
        Round round = roundOnSale(8);
        SeatLayout layout = catalog.venues().layout(round.venueId(), round.layoutVersion()).orElseThrow();
        for (int n = 1; n <= 8; n++) {
            sellAndCancel(round, layout, n);
        }
        LocalDate night = LocalDate.of(2030, 2, 11);
        int callers = 6;
        ExecutorService executor = Executors.newFixedThreadPool(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<DawnRelease.Tick> ticks = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < callers; i++) {
            executor.execute(() -> {
                try {
                    go.await();
                    ticks.add(new DawnRelease(pools, nights, n -> 0, koreaAt(night, 3, 30)).tick());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        go.countDown();
        executor.shutdown();
        assertThat(executor.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        long released = ticks.stream().filter(t -> t.outcome() == DawnRelease.Outcome.RELEASED).count();
        int seats = ticks.stream().mapToInt(DawnRelease.Tick::seats).sum();
        System.out.println("dawn release race: callers=" + callers + " released=" + released + " seats_freed=" + seats);
        assertThat(released).isEqualTo(1);
        assertThat(seats).isEqualTo(8);
        assertThat(taken(round, layout)).isZero();
        assertThat(nights.of(night).orElseThrow().seats()).isEqualTo(8);
    }
}
