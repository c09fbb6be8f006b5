package dev.madang.aws.lottery;

import dev.madang.aws.booking.DynamoBooking;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.order.DynamoOrders;
import dev.madang.aws.support.Interception;
import dev.madang.aws.support.MovableClock;
import dev.madang.domain.booking.HeldSeat;
import dev.madang.domain.booking.HoldingBestAvailable;
import dev.madang.domain.booking.HoldingBestAvailable.BestAvailableRequest;
import dev.madang.domain.booking.HoldingSeats;
import dev.madang.domain.booking.RecentlyTakenSeats;
import dev.madang.domain.booking.SeatHold;
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
import dev.madang.domain.catalog.SeatInventory;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.domain.catalog.Section;
import dev.madang.domain.catalog.SectionPlan;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Ids;
import dev.madang.domain.lottery.DrawEntry;
import dev.madang.domain.lottery.EnteringLotteries;
import dev.madang.domain.lottery.EntryIds;
import dev.madang.domain.lottery.EntryState;
import dev.madang.domain.lottery.OpeningLotteries;
import dev.madang.domain.lottery.RunningLottery;
import dev.madang.domain.lottery.SectionDraw;
import dev.madang.localstack.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, acceptance "Concurrency": best-available requests racing seat selection and lottery assignment on one
 * section end with no seat sold twice. In normal operation the three never meet: every hold path checks the section's
 * booking mode first, and a section's mode is locked once its sale opens. What is left is a stale catalog cache. A
 * round is cached per instance ({@link CachedCatalog}, {@code madang.holds.catalog-freshness}), so an organiser who
 * changes a section's mode shortly before the sale opens leaves instances that still hold the old plan.
 * <p>
 * This test makes exactly that happen, on the real adapters (dynalite): section X of a round is planned BEST_AVAILABLE
 * and one cache reads the round; the organiser re-plans X as SEAT_SELECTION (the real {@link SchedulingRounds}, before
 * the sale opens) and a second cache reads it; then as LOTTERY, and the lottery is opened, entered, closed and its seed
 * committed against the stored round. Each cache keeps its copy for the whole test (a freshness longer than the test:
 * the instance whose refresh had not landed yet). Then, at once, best-available requests served from the first cache,
 * seat-selection holds from the second, and the lottery's draw of X ({@link RunningLottery#drawSection}) claim X's
 * seats, each path past its own mode check. The seat write (one conditional write per seat: no live hold, no ticket)
 * is the only arbiter left, and the counts show it is enough:
 * <ul>
 *   <li>no seat is in two answers (holds answered to fans, offers made by the draw);</li>
 *   <li>the seats stored in the seats table as held are exactly the union of those answers, each under its hold
 *       id;</li>
 *   <li>each answered hold is in its fan's ledger, and each offer's entry is WON with that offer.</li>
 * </ul>
 * Odd races start everyone at once (the draw, which reads the entries and the free seats first, mostly comes late);
 * even races start the holds the moment the draw has read the free seats (an {@link Interception} on its inventory
 * port), so that the seats it drew for are contested while it makes its offers. {@code -Dmadang.modeRaces=N} sets
 * the number of races (4 by default), each a fresh round and lottery, seeded for the party sizes, the seats wished
 * for and the draw's seed; the interleaving is the machine's. The draw, one sequential task against a dozen requests,
 * mostly loses its drawn seats ({@code winners_lost}): such a winner is offered only seats nobody won, then marked
 * LOST.
 */
class BookingModesRaceTest {

    static final int ROWS = 4;
    static final int SEATS_PER_ROW = 8;
    static final int BEST_PARTIES = 6;
    static final int SELECTORS = 6;
    static final int ENTRIES = 16;
    static final int RACES = Integer.getInteger("madang.modeRaces", 4);
    static final long PRICE = 99_000;

    static LocalAws aws;
    static DynamoCatalog catalog;
    static DynamoBooking booking;
    static DynamoLotteries lotteries;
    static String seatsTable;

    @BeforeAll
    static void start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
        seatsTable = aws.tableName("SeatsTable");
        catalog = new DynamoCatalog(aws.dynamo(), aws.tableName("CatalogTable"), seatsTable);
        booking = new DynamoBooking(aws.dynamo(), seatsTable);
        lotteries = new DynamoLotteries(aws.dynamo(), aws.tableName("LotteryTable"));
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    /** What one race ended with. */
    record Race(int seed, int bestHeld, int bestSplit, int bestRefused, int selectionHeld, int selectionRefused,
                int entries, int drawWinners, int offers, int offersMoved, int seatsAnswered, int seatsStored,
                int seatsFree, int soldTwice) {

        String line() {
            return "modes_race seed=" + seed + " seats=" + (ROWS * SEATS_PER_ROW) + " best_requests=" + BEST_PARTIES
                    + " best_held=" + bestHeld + " best_split=" + bestSplit + " best_refused=" + bestRefused
                    + " selection_requests=" + SELECTORS + " selection_held=" + selectionHeld
                    + " selection_refused=" + selectionRefused + " lottery_entries=" + entries + " draw_winners="
                    + drawWinners + " offers=" + offers + " offers_on_other_seats=" + offersMoved + " winners_lost="
                    + (drawWinners - offers)
                    + " seats_answered=" + seatsAnswered + " seats_stored=" + seatsStored + " seats_free=" + seatsFree
                    + " sold_twice=" + soldTwice;
        }
    }

    @Test
    void best_available_seat_selection_and_the_lottery_draw_racing_on_one_section_sell_no_seat_twice()
            throws Exception {
        List<Race> races = new ArrayList<>();
        for (int seed = 1; seed <= RACES; seed++) {
            Race race = raceOnce(seed);
            System.out.println(race.line());
            races.add(race);
        }
        System.out.println("modes_races races=" + RACES
                + " best_held=" + races.stream().mapToInt(Race::bestHeld).sum()
                + " selection_held=" + races.stream().mapToInt(Race::selectionHeld).sum()
                + " offers=" + races.stream().mapToInt(Race::offers).sum()
                + " seats_answered=" + races.stream().mapToInt(Race::seatsAnswered).sum()
                + " seats_stored=" + races.stream().mapToInt(Race::seatsStored).sum()
                + " sold_twice=" + races.stream().mapToInt(Race::soldTwice).sum());
        assertThat(races).allSatisfy(r -> assertThat(r.soldTwice()).as(r.line()).isZero());
        // the three paths really met: each got seats in some race, and together they asked for more than there was
        assertThat(races.stream().mapToInt(Race::bestHeld).sum()).isPositive();
        assertThat(races.stream().mapToInt(Race::selectionHeld).sum()).isPositive();
        assertThat(races.stream().mapToInt(Race::offers).sum()).isPositive();
        assertThat(races.stream().mapToInt(r -> r.bestRefused() + r.selectionRefused()
                + (r.drawWinners() - r.offers())).sum()).as("someone lost a race").isPositive();
    }

    Race raceOnce(int seed) throws Exception {
        MovableClock clock = new MovableClock();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(t0);
        Ids ids = new Ids(Clock.systemUTC());
        Instant saleOpens = t0.plus(Duration.ofHours(1));
        Instant entriesClose = t0.plus(Duration.ofMinutes(30));
        Instant payBy = t0.plus(Duration.ofDays(1));

        // ---- the organiser plans X three times before the sale opens; three instances cached the round in between
        Round round = roundWithSectionX(clock, t0, saleOpens, BookingMode.BEST_AVAILABLE);
        SchedulingRounds scheduling = new SchedulingRounds(catalog.performances(), catalog.rounds(), catalog.venues(),
                ids, clock);
        CachedCatalog bestView = staleCache(clock, round.id(), BookingMode.BEST_AVAILABLE);
        scheduling.planSections(round.id(), Map.of("X", new SectionPlan(BookingMode.SEAT_SELECTION, "R")));
        CachedCatalog selectionView = staleCache(clock, round.id(), BookingMode.SEAT_SELECTION);
        scheduling.planSections(round.id(), Map.of("X", new SectionPlan(BookingMode.LOTTERY, "R")));
        CachedCatalog lotteryView = staleCache(clock, round.id(), BookingMode.LOTTERY);
        SeatLayout layout = lotteryView.layout(lotteryView.round(round.id()));

        // ---- the lottery on the stored round: opened, entered, closed, seed committed
        new OpeningLotteries(catalog.rounds(), lotteries, RunningLotteryDynamoTest.NO_WORKFLOW, clock).open(
                round.id(), new OpeningLotteries.Schedule(t0, entriesClose, payBy, 0));
        EnteringLotteries entering = new EnteringLotteries(catalog.rounds(), lotteries, new EntryIds(), clock);
        Random random = new Random(seed);
        clock.set(t0.plus(Duration.ofMinutes(1)));
        for (int i = 0; i < ENTRIES; i++) {
            entering.enter(new EnteringLotteries.Entering("entrant-" + i + "-" + round.id(), true, round.id(), "X",
                    1 + random.nextInt(4)));
        }
        // odd races start everyone at once; even ones start the holds the moment the draw has read the free seats,
        // so that every seat it drew for is still contested while it makes its offers
        CountDownLatch drawRead = new CountDownLatch(seed % 2 == 0 ? 1 : 0);
        SeatInventory drawInventory = Interception.of(SeatInventory.class, catalog.seatInventory())
                .after(Interception.method("takenSeats"), drawRead::countDown).proxy();
        RunningLottery running = new RunningLottery(lotteryView, lotteries, drawInventory,
                booking.seatClaims(), booking.holdLedgers(),
                new DynamoOfferPayments(new DynamoOrders(aws.dynamo(), aws.tableName("OrdersTable"))), ids::next,
                () -> seedBytes(seed), clock);
        clock.set(saleOpens.plusSeconds(1)); // the sale is open and the entries are closed
        running.closeEntries(round.id());
        running.commitSeed(round.id(), 1);

        // ---- the hold paths, each over its own stale view
        HoldingSeats bestHolding = new HoldingSeats(bestView, RecentlyTakenSeats.none(clock), booking.seatClaims(),
                booking.holdLedgers(), booking.idempotencyKeys(), ids, clock, Duration.ofMinutes(8));
        HoldingBestAvailable best = new HoldingBestAvailable(bestHolding, catalog.seatMapSnapshots(),
                catalog.seatInventory(), Duration.ofMillis(100), HoldingBestAvailable.DEFAULT_SHUFFLE_TOP,
                new Random(seed));
        HoldingSeats selecting = new HoldingSeats(selectionView, RecentlyTakenSeats.none(clock), booking.seatClaims(),
                booking.holdLedgers(), booking.idempotencyKeys(), ids, clock, Duration.ofMinutes(8));
        List<Integer> parties = new ArrayList<>();
        for (int i = 0; i < BEST_PARTIES; i++) {
            parties.add(1 + random.nextInt(4));
        }
        List<List<String>> wishes = new ArrayList<>();
        for (int i = 0; i < SELECTORS; i++) { // one or two side by side, anywhere in X
            int row = 1 + random.nextInt(ROWS);
            int first = 1 + random.nextInt(SEATS_PER_ROW - 1);
            wishes.add(random.nextBoolean() ? List.of(Seat.idOf("X", "" + row, first))
                    : List.of(Seat.idOf("X", "" + row, first), Seat.idOf("X", "" + row, first + 1)));
        }
        RefreshingSeatMaps refresher = new RefreshingSeatMaps(catalog.performances(), catalog.rounds(),
                catalog.venues(), catalog.seatInventory(), catalog.seatMapSnapshots(), clock);
        AtomicBoolean racing = new AtomicBoolean(true);
        Thread refreshing = new Thread(() -> { // the snapshot best available starts from, refreshed underneath
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

        List<Callable<Object>> racers = new ArrayList<>();
        for (int i = 0; i < BEST_PARTIES; i++) {
            int n = i;
            racers.add(() -> {
                drawRead.await();
                return best.hold(new BestAvailableRequest("best-" + n, true, round.id(), "X", null, parties.get(n),
                        null));
            });
        }
        for (int i = 0; i < SELECTORS; i++) {
            int n = i;
            racers.add(() -> {
                drawRead.await();
                return selecting.hold(new HoldingSeats.HoldRequest("selector-" + n, true, round.id(), wishes.get(n),
                        null));
            });
        }
        racers.add(() -> running.drawSection(round.id(), "X", 1));
        Collections.shuffle(racers, new Random(seed));
        List<Object> answers;
        try {
            answers = concurrently(racers);
        } finally {
            racing.set(false);
            refreshing.join();
        }

        // ---- count: every answer's seats, the stored seats, the ledgers and the entries
        Map<String, String> answered = new HashMap<>(); // seat -> hold id, over every answer
        int soldTwice = 0;
        int bestHeld = 0;
        int bestSplit = 0;
        int bestRefused = 0;
        int selectionHeld = 0;
        int selectionRefused = 0;
        SectionDraw draw = null;
        List<SeatHold> holds = new ArrayList<>();
        for (Object a : answers) {
            if (a instanceof HoldingBestAvailable.BestAvailableHold h) {
                bestHeld++;
                bestSplit += h.together() ? 0 : 1;
                holds.add(h.hold());
            } else if (a instanceof SeatHold h) {
                selectionHeld++;
                holds.add(h);
            } else if (a instanceof SectionDraw d) {
                draw = d;
            } else if (a instanceof DomainException e && e.type().equals("no-seats-available")) {
                bestRefused++;
            } else if (a instanceof DomainException e && e.type().equals("seat-taken")) {
                selectionRefused++;
            } else {
                throw new AssertionError("unexpected answer " + a, a instanceof Throwable t ? t : null);
            }
        }
        for (SeatHold h : holds) {
            for (HeldSeat s : h.seats()) {
                assertThat(s.sectionId()).isEqualTo("X");
                if (answered.put(s.seatId(), h.holdId()) != null) {
                    soldTwice++;
                }
            }
            assertThat(bestHolding.find(h.userId(), h.holdId()).seats()).as("in the fan's ledger")
                    .isEqualTo(h.seats());
        }
        assertThat(draw).as("the draw answered").isNotNull();
        assertThat(draw.complete()).isTrue();
        Map<String, DrawEntry> entries = new HashMap<>();
        lotteries.drawEntries(round.id(), "X").forEach(e -> entries.put(e.entryId(), e));
        int moved = 0;
        for (Map.Entry<String, List<String>> offer : draw.offers().entrySet()) {
            String holdId = draw.holdIds().get(offer.getKey());
            for (String seat : offer.getValue()) {
                if (answered.put(seat, holdId) != null) {
                    soldTwice++;
                }
            }
            if (!offer.getValue().equals(draw.winners().get(offer.getKey()))) {
                moved++; // a drawn seat was taken meanwhile: the party was seated elsewhere
            }
            DrawEntry entry = entries.get(offer.getKey());
            assertThat(entry.state()).isEqualTo(EntryState.WON);
            assertThat(entry.offer().holdId()).isEqualTo(holdId);
            assertThat(entry.offer().seatIds()).isEqualTo(offer.getValue());
        }
        for (DrawEntry entry : entries.values()) {
            if (!draw.offers().containsKey(entry.entryId())) { // lost the draw, or won it and lost every seat tried
                assertThat(entry.state()).as(entry.entryId()).isEqualTo(EntryState.LOST);
                assertThat(entry.offer()).isNull();
            }
        }
        Map<String, String> stored = liveHolds(round, clock.instant());
        // a seat item has one holdId, so a seat held twice in the table would show as an answer not stored
        assertThat(stored).as("the seats stored are the answers, each under its hold").isEqualTo(answered);
        return new Race(seed, bestHeld, bestSplit, bestRefused, selectionHeld, selectionRefused, ENTRIES,
                draw.winners().size(), draw.offers().size(), moved, answered.size(), stored.size(),
                layout.seatCount() - stored.size(), soldTwice);
    }

    /**
     * A cache of the round as an instance that read it now would keep it: its copy is used for the whole test (the
     * freshness is longer than the test; in production it is {@code madang.holds.catalog-freshness}, 10 s).
     */
    static CachedCatalog staleCache(Clock clock, String roundId, BookingMode expected) {
        CachedCatalog cache = new CachedCatalog(catalog.rounds(), catalog.venues(), clock, Duration.ofDays(365),
                Runnable::run);
        Round seen = cache.round(roundId);
        assertThat(seen.sections().get("X").mode()).isEqualTo(expected);
        cache.layout(seen);
        return cache;
    }

    /** A round whose only section X has {@link #ROWS} rows of {@link #SEATS_PER_ROW}, planned {@code mode}. */
    static Round roundWithSectionX(Clock clock, Instant t0, Instant saleOpens, BookingMode mode) {
        Ids ids = new Ids(Clock.systemUTC());
        List<Seat> seats = new ArrayList<>();
        for (int r = 1; r <= ROWS; r++) {
            for (int n = 1; n <= SEATS_PER_ROW; n++) {
                seats.add(new Seat(Seat.idOf("X", String.valueOf(r), n), "X", String.valueOf(r), n, n * 10, r * 10));
            }
        }
        String venue = new ManagingVenues(catalog.venues(), ids).register("Modes Hall", null,
                List.of(new Section("X", "X", seats))).venue().id();
        String perf = new ManagingPerformances(catalog.performances(), ids).register(new PerformanceDetails("세 방식",
                Genre.CONCERT, List.of(), 90, 0, null, null)).id();
        return new SchedulingRounds(catalog.performances(), catalog.rounds(), catalog.venues(), ids, clock)
                .schedule(perf, venue, new Round.Schedule(t0.plus(Duration.ofDays(10)), saleOpens, 4,
                        List.of(new GradePrice("R", PRICE))), Map.of("X", new SectionPlan(mode, "R")));
    }

    /** A fixed draw seed per race, so a race can be repeated. */
    static byte[] seedBytes(int seed) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(ByteBuffer.allocate(4).putInt(seed).array());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs every task at once; each answer is what it returned or the exception it threw. */
    static List<Object> concurrently(List<Callable<Object>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<Object> task : tasks) {
                futures.add(pool.submit(() -> {
                    go.await();
                    try {
                        return task.call();
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            List<Object> answers = new ArrayList<>();
            for (Future<Object> f : futures) {
                answers.add(f.get(120, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /** seat id → hold id of every seat of the round whose stored hold is live at {@code now} and has no ticket. */
    static Map<String, String> liveHolds(Round round, Instant now) {
        Map<String, String> live = new HashMap<>();
        String prefix = "SEAT#" + round.id() + "#";
        for (Map<String, AttributeValue> item : aws.dynamo().scanPaginator(ScanRequest.builder().tableName(seatsTable)
                .consistentRead(true).build()).items()) {
            if (item.get("pk").s().startsWith(prefix) && item.containsKey("holdId") && !item.containsKey("ticketId")
                    && Long.parseLong(item.get("holdExpiresAt").n()) > now.toEpochMilli()) {
                live.put(item.get("sk").s(), item.get("holdId").s());
            }
        }
        return live;
    }
}
