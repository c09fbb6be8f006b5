package dev.madang.aws.booking;

import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.domain.booking.HeldSeat;
import dev.madang.domain.booking.HoldingBestAvailable;
import dev.madang.domain.booking.HoldingBestAvailable.BestAvailableHold;
import dev.madang.domain.booking.HoldingBestAvailable.BestAvailableRequest;
import dev.madang.domain.booking.HoldingSeats;
import dev.madang.domain.booking.RecentlyTakenSeats;
import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.catalog.Genre;
import dev.madang.domain.catalog.GradePrice;
import dev.madang.domain.catalog.ManagingPerformances;
import dev.madang.domain.catalog.ManagingVenues;
import dev.madang.domain.catalog.PerformanceDetails;
import dev.madang.domain.catalog.RefreshingSeatMaps;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.SchedulingRounds;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.domain.catalog.Section;
import dev.madang.domain.catalog.SectionPlan;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Ids;
import dev.madang.localstack.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Best available on its real adapters against the local DynamoDB: many parties ask at once for one small section
 * while others take seats there through the same seat writes and the snapshot is refreshed underneath. Each race
 * (a fresh round, {@code -Dmadang.bestAvailableRaces=N} of them, seeded) checks that no seat is held twice, that the
 * stored seats are exactly the holds answered, and that parties marked together sit side by side.
 * <p>
 * Then how many seats the race left unsold. 40 parties asking for about 100 seats of 24 must mostly be turned away;
 * what must not happen is turning them away while seats they could have had stay free. That cannot be promised
 * outright: a request makes a bounded number of attempts, and in a burst a request may see a seat taken that another
 * request holds only for a moment (its block refused further on, it gives the seat back) and answer that there is no
 * room. So the bound is stated: on average at most {@value #MEAN_FREE_BOUND} of the 24 seats free at the end of a
 * race, and never more than {@value #FREE_BOUND}. Before {@code HoldingBestAvailable} read the rows after a refused
 * write, the same 20 races left 7.2 seats free on average (2 to 11), and 661 of the 677 parties refused would have
 * fitted in them; with it, 40 races left 0.55 on average (at most 2), and 49 of 1,090 refused would have fitted.
 */
class BestAvailableRaceTest {

    static final int ROWS = 3;
    static final int SEATS_PER_ROW = 8;

    static LocalAws aws;
    static DynamoCatalog catalog;
    static DynamoBooking booking;
    static String seatsTable;

    @BeforeAll
    static void start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
        seatsTable = aws.tableName("SeatsTable");
        catalog = new DynamoCatalog(aws.dynamo(), aws.tableName("CatalogTable"), seatsTable);
        booking = new DynamoBooking(aws.dynamo(), seatsTable);
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    /** A round on sale now: section BA (best available, {@link #ROWS} rows of {@link #SEATS_PER_ROW}), A (seat selection). */
    static Round roundOnSale() {
        Ids ids = new Ids(Clock.systemUTC());
        List<Seat> ba = new ArrayList<>();
        for (int r = 1; r <= ROWS; r++) {
            for (int n = 1; n <= SEATS_PER_ROW; n++) {
                ba.add(new Seat(Seat.idOf("BA", String.valueOf(r), n), "BA", String.valueOf(r), n, n * 10, r * 10));
            }
        }
        List<Section> layout = List.of(new Section("BA", "BA", ba),
                new Section("A", "A", List.of(new Seat("A-1-1", "A", "1", 1, 0, 100))));
        String venue = new ManagingVenues(catalog.venues(), ids).register("Hall", null, layout).venue().id();
        String perf = new ManagingPerformances(catalog.performances(), ids).register(new PerformanceDetails("Best",
                Genre.CONCERT, List.of(), 90, 0, null, null)).id();
        return new SchedulingRounds(catalog.performances(), catalog.rounds(), catalog.venues(), ids, Clock.systemUTC())
                .schedule(perf, venue, new Round.Schedule(Instant.now().plus(Duration.ofDays(10)),
                                Instant.now().minusSeconds(60), 4, List.of(new GradePrice("R", 99_000))),
                        Map.of("BA", new SectionPlan(BookingMode.BEST_AVAILABLE, "R"),
                                "A", new SectionPlan(BookingMode.SEAT_SELECTION, "R")));
    }

    /** seat id → holdId of every seat record of the round that carries a hold. */
    static Map<String, String> holdersOf(Round round) {
        Map<String, String> holders = new HashMap<>();
        String roundPrefix = "SEAT#" + round.id() + "#";
        for (Map<String, AttributeValue> item : aws.dynamo().scanPaginator(ScanRequest.builder().tableName(seatsTable)
                .consistentRead(true).build()).items()) {
            if (item.get("pk").s().startsWith(roundPrefix) && item.containsKey("holdId")) {
                holders.put(item.get("sk").s(), item.get("holdId").s());
            }
        }
        return holders;
    }


    /** What one racer got: a best-available hold, seats taken directly by another hold, or a refusal. */
    record Outcome(int party, BestAvailableHold best, String directHold, List<String> directSeats, String refusal) {
    }

    /** What one race ended with. */
    record Race(int seed, int seatsAsked, int together, int split, int refused, int directWon, int directLost,
                int held, int free, List<Integer> refusedSizes) {

        /** Refused parties that the seats left at the end would have seated (split if need be). */
        long fitted() {
            return refusedSizes.stream().filter(k -> k <= free).count();
        }

        String line() {
            return String.format("best available race %d (%d seats): %d parties asked for %d seats: %d held together, "
                            + "%d held split, %d refused no-seats-available; %d direct takers: %d won, %d lost; %d "
                            + "seats held, %d free at the end; refused party sizes %s, %d of them would fit in the "
                            + "seats left", seed, ROWS * SEATS_PER_ROW, BEST_PARTIES, seatsAsked, together, split,
                    refused, DIRECT_TAKERS, directWon, directLost, held, free, refusedSizes, fitted());
        }
    }

    static final int BEST_PARTIES = 40;
    static final int DIRECT_TAKERS = 10;
    static final int RACES = Integer.getInteger("madang.bestAvailableRaces", 5);
    /** Seats a race may leave free at the end, on average over the races and in any one race (of 24). */
    static final double MEAN_FREE_BOUND = 2.0;
    static final int FREE_BOUND = 4;

    @Test
    void forty_parties_ask_for_best_available_while_others_take_seats_and_no_seat_is_held_twice() throws Exception {
        List<Race> races = new ArrayList<>();
        for (int seed = 1; seed <= RACES; seed++) {
            Race race = raceOnce(seed);
            System.out.println(race.line());
            races.add(race);
        }
        System.out.printf("best available races: %d races of %d parties and %d direct takers on %d seats: %d held "
                        + "together, %d split, %d refused; seats free at the end per race %s; refused parties that "
                        + "would fit in the seats left: %d%n", RACES, BEST_PARTIES, DIRECT_TAKERS,
                ROWS * SEATS_PER_ROW, races.stream().mapToInt(Race::together).sum(),
                races.stream().mapToInt(Race::split).sum(), races.stream().mapToInt(Race::refused).sum(),
                races.stream().map(Race::free).toList(), races.stream().mapToLong(Race::fitted).sum());
        assertThat(races).allSatisfy(race -> assertThat(race.free()).as(race.line()).isLessThanOrEqualTo(FREE_BOUND));
        assertThat(races.stream().mapToInt(Race::free).average().orElseThrow())
                .as("seats free at the end of a race, on average").isLessThanOrEqualTo(MEAN_FREE_BOUND);
        assertThat(races.stream().mapToInt(Race::refused).sum()).as("the races are oversubscribed").isPositive();
    }

    /** One race on a fresh round: 40 best-available parties of 1-4 and 10 direct takers, all at once. */
    Race raceOnce(int seed) throws Exception {
        Round round = roundOnSale();
        Clock clock = Clock.systemUTC();
        CachedCatalog cached = new CachedCatalog(catalog.rounds(), catalog.venues(), clock, Duration.ofSeconds(10),
                Runnable::run);
        HoldingSeats holding = new HoldingSeats(cached, RecentlyTakenSeats.none(clock), booking.seatClaims(),
                booking.holdLedgers(), booking.idempotencyKeys(), new Ids(clock), clock, Duration.ofMinutes(8));
        HoldingBestAvailable best = new HoldingBestAvailable(holding, catalog.seatMapSnapshots(),
                catalog.seatInventory(), Duration.ofMillis(100), HoldingBestAvailable.DEFAULT_SHUFFLE_TOP,
                new Random(seed));
        SeatLayout layout = cached.layout(cached.round(round.id()));
        RefreshingSeatMaps refresher = new RefreshingSeatMaps(catalog.performances(), catalog.rounds(),
                catalog.venues(), catalog.seatInventory(), catalog.seatMapSnapshots(), clock);

        // the refresher rebuilds the snapshot underneath, as in production (there every second)
        AtomicBoolean racing = new AtomicBoolean(true);
        Thread refreshing = new Thread(() -> {
            while (racing.get()) {
                refresher.refresh(round, clock.instant());
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        refreshing.start();

        Random random = new Random(41 + seed); // seed 1: the parties of the single race this test ran before
        List<Integer> parties = new ArrayList<>();
        List<List<String>> directWishes = new ArrayList<>();
        for (int i = 0; i < BEST_PARTIES; i++) {
            parties.add(1 + random.nextInt(4));
        }
        for (int i = 0; i < DIRECT_TAKERS; i++) { // one or two seats anywhere in the section
            int row = 1 + random.nextInt(ROWS);
            int first = 1 + random.nextInt(SEATS_PER_ROW - 1);
            directWishes.add(random.nextBoolean() ? List.of(Seat.idOf("BA", "" + row, first))
                    : List.of(Seat.idOf("BA", "" + row, first), Seat.idOf("BA", "" + row, first + 1)));
        }
        List<Outcome> outcomes;
        try {
            outcomes = HoldingSeatsTest.race(BEST_PARTIES + DIRECT_TAKERS, i -> {
                if (i < BEST_PARTIES) {
                    int party = parties.get(i);
                    try {
                        return new Outcome(party, best.hold(new BestAvailableRequest("party-" + i, true, round.id(),
                                "BA", null, party, null)), null, null, null);
                    } catch (DomainException e) {
                        return new Outcome(party, null, null, null, e.type());
                    }
                }
                return takeDirectly(round, layout, "direct-" + i, directWishes.get(i - BEST_PARTIES), clock);
            });
        } finally {
            racing.set(false);
            refreshing.join();
        }

        Map<String, String> acknowledged = new HashMap<>();
        int together = 0;
        int split = 0;
        int refused = 0;
        int directWon = 0;
        int directLost = 0;
        List<Integer> refusedSizes = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.best() != null) {
                List<HeldSeat> seats = o.best().hold().seats();
                assertThat(seats).hasSize(o.party());
                for (HeldSeat s : seats) {
                    assertThat(s.sectionId()).isEqualTo("BA");
                    assertThat(acknowledged.put(s.seatId(), o.best().hold().holdId()))
                            .as("seat %s acknowledged to two holds", s.seatId()).isNull();
                }
                if (o.best().together()) {
                    together++;
                    assertAdjacent(seats.stream().map(s -> layout.seat(s.seatId()).orElseThrow()).toList());
                } else {
                    split++;
                }
            } else if (o.directHold() != null) {
                directWon++;
                for (String s : o.directSeats()) {
                    assertThat(acknowledged.put(s, o.directHold())).as("seat %s acknowledged to two holds", s)
                            .isNull();
                }
            } else if (o.directSeats() != null) {
                directLost++;
            } else {
                refused++;
                refusedSizes.add(o.party());
                assertThat(o.refusal()).isEqualTo("no-seats-available");
            }
        }
        // what is stored is exactly what was acknowledged: nothing a refused attempt took stays taken
        assertThat(holdersOf(round)).isEqualTo(acknowledged);
        assertThat(together + split).isPositive();
        refusedSizes.sort(null);
        return new Race(seed, parties.stream().mapToInt(Integer::intValue).sum(), together, split, refused, directWon,
                directLost, acknowledged.size(), ROWS * SEATS_PER_ROW - acknowledged.size(), refusedSizes);
    }

    /** The same conditional seat writes the hold path makes, all or nothing, under a hold of its own. */
    static Outcome takeDirectly(Round round, SeatLayout layout, String holdId, List<String> seatIds, Clock clock) {
        Instant now = clock.instant();
        List<String> taken = new ArrayList<>();
        for (String id : seatIds) {
            Seat seat = layout.seat(id).orElseThrow();
            if (!booking.seatClaims().claim(round.id(), seat, holdId, holdId, now, now.plus(Duration.ofMinutes(8)))) {
                for (String t : taken) {
                    booking.seatClaims().release(round.id(), layout.seat(t).orElseThrow(), holdId);
                }
                return new Outcome(0, null, null, seatIds, null);
            }
            taken.add(id);
        }
        return new Outcome(0, null, holdId, seatIds, null);
    }

    static void assertAdjacent(List<Seat> seats) {
        List<Seat> sorted = new ArrayList<>(seats);
        sorted.sort(Comparator.comparingInt(Seat::number));
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i).row()).isEqualTo(sorted.get(0).row());
            assertThat(sorted.get(i).number()).isEqualTo(sorted.get(i - 1).number() + 1);
        }
    }
}
