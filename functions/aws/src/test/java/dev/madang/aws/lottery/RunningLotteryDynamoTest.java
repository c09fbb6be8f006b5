package dev.madang.aws.lottery;

import dev.madang.aws.booking.DynamoBooking;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.order.DynamoOrders;
import dev.madang.aws.order.SqsBookingNotifications;
import dev.madang.aws.support.MovableClock;
import dev.madang.aws.toss.TossPayments;
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
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.SchedulingRounds;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.domain.catalog.Section;
import dev.madang.domain.catalog.SectionPlan;
import dev.madang.domain.common.Ids;
import dev.madang.domain.lottery.DrawEntry;
import dev.madang.domain.lottery.DrawingLottery;
import dev.madang.domain.lottery.EnteringLotteries;
import dev.madang.domain.lottery.EntryIds;
import dev.madang.domain.lottery.EntryState;
import dev.madang.domain.lottery.LotteryEntry;
import dev.madang.domain.lottery.LotteryResult;
import dev.madang.domain.lottery.Offer;
import dev.madang.domain.lottery.LotteryWorkflows;
import dev.madang.domain.lottery.OpeningLotteries;
import dev.madang.domain.lottery.RunningLottery;
import dev.madang.domain.lottery.SectionDraw;
import dev.madang.domain.order.ClosingOrders;
import dev.madang.domain.order.ConfirmingBookings;
import dev.madang.domain.order.Order;
import dev.madang.domain.order.OrderLifecycle;
import dev.madang.domain.order.OrderStatus;
import dev.madang.domain.order.PayingOrders;
import dev.madang.domain.order.PaymentMethod;
import dev.madang.domain.order.PaymentWorkflows;
import dev.madang.domain.order.PlacingOrders;
import dev.madang.domain.order.Refunds;
import dev.madang.domain.payment.PaymentGateway;
import dev.madang.localstack.LocalAws;
import dev.madang.localstack.PaymentInvariants;
import dev.madang.localstack.TossSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lottery run end to end on the real adapters: DynamoDB (dynalite) for the catalog, the lottery table, the seats
 * and hold ledgers, the orders, the Toss sandbox for the one winner who pays, and a movable clock. The steps are
 * called in the order the workflow will call them (close, commit 1, draw each section, expire 1, commit 2, redraw
 * each section, reveal), each twice, and every assertion is on the stored items (a test may scan).
 */
class RunningLotteryDynamoTest {

    /** This test plays the workflow's part itself, step by step: opening the lottery starts no engine here. */
    static final LotteryWorkflows NO_WORKFLOW = new LotteryWorkflows() {
        @Override
        public void start(String roundId, java.time.Instant entriesCloseAt, long closeWaitSeconds) {
        }

        @Override
        public void cancel(String roundId, java.time.Instant entriesCloseAt) {
        }
    };

    static final String TOSS_SECRET = "test_sk_" + UUID.randomUUID().toString().replace("-", "");
    static final long PRICE_R = 99_000;
    static final long PRICE_S = 50_000;
    static final List<String> LOTTERY_SECTIONS = List.of("B", "C");

    static LocalAws aws;
    static TossSandbox toss;
    static DynamoCatalog catalog;
    static DynamoBooking booking;
    static DynamoOrders orders;
    static DynamoLotteries lotteries;
    static String seatsTable;
    static String lotteryTable;

    final MovableClock clock = new MovableClock();

    @BeforeAll
    static void start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
        toss = TossSandbox.start(TOSS_SECRET);
        seatsTable = aws.tableName("SeatsTable");
        lotteryTable = aws.tableName("LotteryTable");
        catalog = new DynamoCatalog(aws.dynamo(), aws.tableName("CatalogTable"), seatsTable);
        booking = new DynamoBooking(aws.dynamo(), seatsTable);
        orders = new DynamoOrders(aws.dynamo(), aws.tableName("OrdersTable"));
        lotteries = new DynamoLotteries(aws.dynamo(), lotteryTable);
    }

    @AfterAll
    static void stop() {
        if (toss != null) {
            toss.close();
        }
        if (aws != null) {
            aws.close();
        }
    }

    /** Workflows are not started here: the test plays the payment steps itself. */
    static final PaymentWorkflows NO_WORKFLOWS = new PaymentWorkflows() {
        @Override
        public void start(String orderId, long paymentWaitSeconds) {
        }

        @Override
        public boolean succeed(String taskToken, String outputJson) {
            return true;
        }

        @Override
        public boolean fail(String taskToken, String error, String cause) {
            return true;
        }
    };

    @Test
    void a_lottery_runs_on_dynamodb_draws_offers_expires_redraws_and_reveals_reproducibly() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Instant start = clock.instant();
        Round round = lotteryRound(start);
        SeatLayout layout = catalog.venues().layout(round.venueId(), round.layoutVersion()).orElseThrow();
        CachedCatalog cached = new CachedCatalog(catalog.rounds(), catalog.venues(), catalog.performances(), clock,
                Duration.ofSeconds(10),
                Runnable::run);
        Ids ids = new Ids(Clock.systemUTC());
        Supplier<String> holdIds = ids::next;
        RunningLottery running = new RunningLottery(cached, lotteries, catalog.seatInventory(), booking.seatClaims(),
                booking.holdLedgers(), new DynamoOfferPayments(orders), holdIds, RunningLottery.secureSeeds(), clock);
        HoldingSeats holding = new HoldingSeats(cached, RecentlyTakenSeats.none(clock), booking.seatClaims(),
                booking.holdLedgers(), booking.idempotencyKeys(), ids, clock, Duration.ofMinutes(8));
        PlacingOrders placing = new PlacingOrders(holding, orders, catalog.rounds(), NO_WORKFLOWS, clock);
        PaymentGateway gateway = new TossPayments(toss.baseUrl(), TOSS_SECRET,
                new TossPayments.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(50)));
        PayingOrders paying = new PayingOrders(orders, gateway, NO_WORKFLOWS);
        ClosingOrders closing = new ClosingOrders(orders, new Refunds(gateway, new OrderLifecycle(orders)),
                booking.seatClaims(), booking.holdLedgers(), cached);
        ConfirmingBookings tasks = new ConfirmingBookings(orders, gateway, booking.seatClaims(), booking.holdLedgers(),
                cached, catalog.performances(), NO_WORKFLOWS,
                new SqsBookingNotifications(aws.sqs(), aws.queueUrl("NotificationQueue")), closing, clock);

        // ---- the lottery opens; 40 fans enter with parties of 1-4, far more seats asked for than the 24 there are
        Instant close = start.plus(Duration.ofHours(1));
        Instant payBy = close.plus(Duration.ofDays(1));
        new OpeningLotteries(catalog.rounds(), lotteries, NO_WORKFLOW, clock).open(round.id(),
                new OpeningLotteries.Schedule(start.minus(Duration.ofMinutes(1)), close, payBy, 1));
        EnteringLotteries entering = new EnteringLotteries(catalog.rounds(), lotteries, new EntryIds(), clock);
        Random parties = new Random(11);
        Map<String, String> fanOfEntry = new HashMap<>();
        Map<String, LotteryEntry> entries = new TreeMap<>();
        for (int i = 0; i < 40; i++) {
            String fan = "lottery-fan-" + i + "-" + round.id();
            var e = entering.enter(new EnteringLotteries.Entering(fan, true, round.id(),
                    LOTTERY_SECTIONS.get(i % 2), 1 + parties.nextInt(4)));
            fanOfEntry.put(e.entryId(), fan);
            entries.put(e.entryId(), new LotteryEntry(e.entryId(), e.sectionId(), e.partySize()));
        }
        int seatsAsked = entries.values().stream().mapToInt(LotteryEntry::partySize).sum();
        assertThat(seatsAsked).isGreaterThan(24);

        // ---- close, commit draw 1, draw each section (each step twice: the repeat changes no stored item)
        clock.set(close);
        RunningLottery.Closing closing1 = twice(() -> running.closeEntries(round.id()), round);
        assertThat(closing1.sections()).containsExactlyElementsOf(LOTTERY_SECTIONS);
        assertThat(closing1.entries()).isEqualTo(entries.size());
        assertThat(closing1.entriesDigest()).isEqualTo(DrawingLottery.entriesDigest(entries.values()));
        RunningLottery.Commitment commit1 = twice(() -> running.commitSeed(round.id(), 1), round);
        Map<String, SectionDraw> draw1 = new TreeMap<>();
        for (String section : LOTTERY_SECTIONS) {
            draw1.put(section, twice(() -> running.drawSection(round.id(), section, 1), round));
        }

        Map<String, DrawEntry> stored = storedEntries(round.id());
        int winners = 0;
        int seatsOffered = 0;
        Map<String, String> offeredSeats = new HashMap<>(); // seat -> hold id
        for (SectionDraw d : draw1.values()) {
            assertThat(d.complete()).isTrue();
            assertThat(d.commitment()).isEqualTo(commit1.commitment());
            assertThat(d.freeSeats()).hasSize(12);
            assertThat(d.offers()).as("nothing competed: every drawn party got its drawn seats").isEqualTo(d.winners());
            assertThat(d.seatsOffered()).isLessThanOrEqualTo(d.freeSeats().size());
            assertThat(d.deadline()).isEqualTo(payBy);
            winners += d.offers().size();
            seatsOffered += d.seatsOffered();
        }
        for (DrawEntry e : stored.values()) {
            SectionDraw d = draw1.get(e.entry().sectionId());
            if (d.winners().containsKey(e.entryId())) {
                assertThat(e.state()).isEqualTo(EntryState.WON);
                Offer offer = e.offer();
                // the whole party or nobody
                assertThat(offer.seatIds()).hasSize(e.entry().partySize())
                        .containsExactlyInAnyOrderElementsOf(d.winners().get(e.entryId()));
                assertThat(offer.holdId()).isEqualTo(d.holdIds().get(e.entryId()));
                assertThat(offer.deadline()).isEqualTo(payBy);
                offer.seatIds().forEach(s -> assertThat(offeredSeats.put(s, offer.holdId())).as("seat " + s
                        + " offered twice").isNull());
                String fan = fanOfEntry.get(e.entryId());
                assertThat(running.offerOf(fan, round.id())).contains(offer);
                SeatHold hold = holding.find(fan, offer.holdId());
                assertThat(hold.expiresAt()).isEqualTo(payBy);
                assertThat(hold.liveAt(payBy.minusSeconds(1))).isTrue();
                assertThat(hold.liveAt(payBy)).isFalse();
            } else {
                assertThat(e.state()).isEqualTo(EntryState.LOST);
                assertThat(e.offer()).isNull();
            }
        }
        assertThat(liveHolds(round, clock.instant())).as("the seats' stored holds are exactly the offers")
                .isEqualTo(offeredSeats);

        // ---- one winner orders and pays (card, Toss sandbox) just before the deadline; the others do not pay
        DrawEntry payer = stored.values().stream().filter(e -> e.state() == EntryState.WON)
                .min(Comparator.comparing(DrawEntry::entryId)).orElseThrow();
        String payerFan = fanOfEntry.get(payer.entryId());
        clock.set(payBy.minus(Duration.ofMinutes(5)));
        assertThat(holding.find(payerFan, payer.offer().holdId()).liveAt(clock.instant())).isTrue();
        Order order = placing.place(new PlacingOrders.PlaceOrder(payerFan, true, payer.offer().holdId(),
                PaymentMethod.CARD));
        assertThat(order.id()).isEqualTo(payer.offer().holdId());
        assertThat(order.amount()).isEqualTo(payer.offer().amount());
        String paymentKey = toss.authorize(order.id(), order.amount(), TossSandbox.PayMethod.CARD);
        paying.submitPayment(new PayingOrders.Submission(payerFan, order.id(), paymentKey, order.amount()));
        assertThat(tasks.confirm(order.id()).outcome()).isEqualTo(ConfirmingBookings.Confirmation.PAID);
        assertThat(tasks.issueTickets(order.id())).isEqualTo(ConfirmingBookings.ISSUED);
        assertThat(orders.byId(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.PAID);

        // ---- the deadline passes: unpaid offers expire, the paid one is PAID
        clock.set(payBy.plusSeconds(1));
        RunningLottery.Expiry expiry = twice(() -> running.expireOffers(round.id(), 1), round);
        assertThat(expiry.paid()).isEqualTo(1);
        assertThat(expiry.expired()).isEqualTo(winners - 1);
        int seatsReturned = seatsOffered - payer.entry().partySize();
        assertThat(expiry.seatsReturned()).isEqualTo(seatsReturned);
        assertThat(expiry.redrawsRemain()).isTrue();
        stored = storedEntries(round.id());
        for (DrawEntry e : stored.values()) {
            if (e.entryId().equals(payer.entryId())) {
                assertThat(e.state()).isEqualTo(EntryState.PAID);
            } else if (e.offer() != null) {
                assertThat(e.state()).isEqualTo(EntryState.WON_EXPIRED);
            } else {
                assertThat(e.state()).isEqualTo(EntryState.LOST);
            }
        }
        Set<String> ticketed = seatAttribute(round, "ticketId").keySet();
        assertThat(ticketed).containsExactlyInAnyOrderElementsOf(payer.offer().seatIds());
        assertThat(liveHolds(round, clock.instant())).isEmpty();

        // ---- draw 2 among the losers for the seats that came back
        RunningLottery.Commitment commit2 = twice(() -> running.commitSeed(round.id(), 2), round);
        assertThat(commit2.commitment()).isNotEqualTo(commit1.commitment());
        Map<String, SectionDraw> draw2 = new TreeMap<>();
        for (String section : LOTTERY_SECTIONS) {
            draw2.put(section, twice(() -> running.drawSection(round.id(), section, 2), round));
        }
        Map<String, DrawEntry> after = storedEntries(round.id());
        int redrawWinners = 0;
        Map<String, String> reoffered = new HashMap<>();
        for (SectionDraw d : draw2.values()) {
            List<String> sectionSeats = layout.section(d.sectionId()).orElseThrow().seats().stream().map(Seat::id)
                    .filter(s -> !ticketed.contains(s)).sorted().toList();
            assertThat(d.freeSeats()).as("the redraw's seats: all but the paid ones")
                    .containsExactlyInAnyOrderElementsOf(sectionSeats);
            assertThat(d.offers()).isEqualTo(d.winners());
            assertThat(d.seatsOffered()).isLessThanOrEqualTo(d.freeSeats().size());
            assertThat(d.deadline()).isAfter(clock.instant().minusSeconds(1)).isBefore(round.startsAt().plusSeconds(1));
            for (Map.Entry<String, List<String>> w : d.winners().entrySet()) {
                assertThat(stored.get(w.getKey()).state()).as("redraw winners lost draw 1").isEqualTo(EntryState.LOST);
                DrawEntry now = after.get(w.getKey());
                assertThat(now.state()).isEqualTo(EntryState.WON);
                assertThat(now.offer().drawNumber()).isEqualTo(2);
                assertThat(now.offer().seatIds()).hasSize(now.entry().partySize());
                now.offer().seatIds().forEach(s -> assertThat(reoffered.put(s, now.offer().holdId())).isNull());
                assertThat(holding.find(fanOfEntry.get(w.getKey()), now.offer().holdId()).liveAt(clock.instant()))
                        .isTrue();
            }
            redrawWinners += d.winners().size();
        }
        for (DrawEntry e : after.values()) {
            DrawEntry before = stored.get(e.entryId());
            if (before.state() != EntryState.LOST) {
                assertThat(e).as("draw 2 leaves draw 1's winners alone").isEqualTo(before);
            } else if (e.state() == EntryState.LOST) {
                assertThat(e.offer()).isNull();
            }
        }
        assertThat(liveHolds(round, clock.instant())).isEqualTo(reoffered);
        assertThat(reoffered.keySet()).doesNotContainAnyElementsOf(ticketed);
        int oversold = oversold(round, clock.instant());
        assertThat(oversold).isZero();

        // ---- reveal, and re-run the draws from the published seeds
        LotteryResult result = twice(() -> running.revealSeed(round.id()), round);
        assertThat(result.revealed()).isTrue();
        assertThat(result.entriesDigest()).isEqualTo(closing1.entriesDigest());
        assertThat(result.draws()).hasSize(2);
        Set<String> drawOneWinners = new HashSet<>();
        draw1.values().forEach(d -> drawOneWinners.addAll(d.winners().keySet()));
        for (LotteryResult.Draw draw : result.draws()) {
            byte[] seed = HexFormat.of().parseHex(draw.seedHex());
            assertThat(DrawingLottery.commitment(seed)).isEqualTo(draw.commitment());
            for (LotteryResult.Section s : draw.sections()) {
                List<LotteryEntry> inDraw = entries.values().stream()
                        .filter(e -> e.sectionId().equals(s.sectionId()))
                        .filter(e -> draw.drawNumber() == 1 || !drawOneWinners.contains(e.entryId())).toList();
                List<Seat> free = s.freeSeats().stream().map(id -> layout.seat(id).orElseThrow()).toList();
                var rerun = DrawingLottery.draw(inDraw, free, seed);
                assertThat(rerun.entriesDigest()).isEqualTo(s.entriesDigest());
                assertThat(rerun.winners()).as("draw " + draw.drawNumber() + " section " + s.sectionId())
                        .isEqualTo(s.winners());
            }
        }
        PaymentInvariants.of(aws, toss).check(round.id(), clock.instant()).assertHolds();

        System.out.println("lottery_run entries=" + entries.size() + " seats_asked=" + seatsAsked + " winners="
                + winners + " seats_offered=" + seatsOffered + " paid=" + expiry.paid() + " expired="
                + expiry.expired() + " seats_returned=" + seatsReturned + " redraw_winners=" + redrawWinners
                + " redraw_seats_offered=" + reoffered.size() + " oversold=" + oversold);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /**
     * Runs a step twice, one second apart, and checks that the repeat answered the same and changed no stored item
     * of the round (lottery table, seats table, orders table).
     */
    <T> T twice(Supplier<T> step, Round round) {
        T first = step.get();
        List<Map<String, AttributeValue>> items = itemsOf(round.id());
        clock.advance(Duration.ofSeconds(1));
        T second = step.get();
        assertThat(second).isEqualTo(first);
        assertThat(itemsOf(round.id())).as("a repeated step writes nothing").isEqualTo(items);
        return first;
    }

    static List<Map<String, AttributeValue>> itemsOf(String roundId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (String table : List.of(lotteryTable, seatsTable, aws.tableName("OrdersTable"))) {
            aws.dynamo().scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build()).items()
                    .forEach(item -> {
                        if (item.values().stream().anyMatch(v -> v.s() != null && v.s().contains(roundId))) {
                            items.add(item);
                        }
                    });
        }
        items.sort(Comparator.comparing((Map<String, AttributeValue> i) -> i.get("pk").s())
                .thenComparing(i -> i.get("sk").s()));
        return items;
    }

    static Map<String, DrawEntry> storedEntries(String roundId) {
        Map<String, DrawEntry> out = new TreeMap<>();
        for (String section : LOTTERY_SECTIONS) {
            lotteries.drawEntries(roundId, section).forEach(e -> out.put(e.entryId(), e));
        }
        return out;
    }

    /** seat id → hold id of every seat whose stored hold is live at {@code now} (no ticket). */
    static Map<String, String> liveHolds(Round round, Instant now) {
        Map<String, String> live = new HashMap<>();
        for (Map<String, AttributeValue> item : seatItems(round)) {
            if (item.containsKey("holdId") && !item.containsKey("ticketId")
                    && Long.parseLong(item.get("holdExpiresAt").n()) > now.toEpochMilli()) {
                assertThat(live.put(item.get("sk").s(), item.get("holdId").s())).isNull();
            }
        }
        return live;
    }

    /** Seats both ticketed and held live by another hold, or held under two keys: 0 when nothing is oversold. */
    static int oversold(Round round, Instant now) {
        Map<String, Integer> takers = new HashMap<>();
        for (Map<String, AttributeValue> item : seatItems(round)) {
            boolean ticket = item.containsKey("ticketId");
            boolean live = item.containsKey("holdId") && !ticket
                    && Long.parseLong(item.get("holdExpiresAt").n()) > now.toEpochMilli();
            takers.merge(item.get("sk").s(), (ticket ? 1 : 0) + (live ? 1 : 0), Integer::sum);
        }
        return (int) takers.values().stream().filter(n -> n > 1).count();
    }

    static Map<String, String> seatAttribute(Round round, String attribute) {
        return seatItems(round).stream().filter(i -> i.containsKey(attribute))
                .collect(Collectors.toMap(i -> i.get("sk").s(), i -> i.get(attribute).s()));
    }

    static List<Map<String, AttributeValue>> seatItems(Round round) {
        String prefix = "SEAT#" + round.id() + "#";
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        aws.dynamo().scanPaginator(ScanRequest.builder().tableName(seatsTable).consistentRead(true).build()).items()
                .forEach(item -> {
                    if (item.get("pk").s().startsWith(prefix)) {
                        found.add(item);
                    }
                });
        return found;
    }

    /** Two lottery sections of 2 rows × 6 seats (B at R, C at S) and a small seat-selection section A. */
    static Round lotteryRound(Instant now) {
        Ids ids = new Ids(Clock.systemUTC());
        List<Section> sections = List.of(section("A", 1, 4, 0), section("B", 2, 6, 10), section("C", 2, 6, 20));
        String venue = new ManagingVenues(catalog.venues(), ids).register("Lottery Hall", null, sections).venue().id();
        String perf = new ManagingPerformances(catalog.performances(), ids).register(new PerformanceDetails("추첨",
                Genre.CONCERT, List.of(), 90, 0, null, null)).id();
        return new SchedulingRounds(catalog.performances(), catalog.rounds(), catalog.venues(), ids,
                Clock.systemUTC()).schedule(perf, venue, new Round.Schedule(now.plus(Duration.ofDays(10)),
                        now.minus(Duration.ofDays(1)), 4,
                        List.of(new GradePrice("R", PRICE_R), new GradePrice("S", PRICE_S))),
                Map.of("A", new SectionPlan(BookingMode.SEAT_SELECTION, "R"),
                        "B", new SectionPlan(BookingMode.LOTTERY, "R"),
                        "C", new SectionPlan(BookingMode.LOTTERY, "S")));
    }

    static Section section(String id, int rows, int perRow, int y) {
        List<Seat> seats = new ArrayList<>();
        for (int r = 1; r <= rows; r++) {
            for (int n = 1; n <= perRow; n++) {
                seats.add(new Seat(Seat.idOf(id, String.valueOf(r), n), id, String.valueOf(r), n, n * 10, (y + r) * 10));
            }
        }
        return new Section(id, id, seats);
    }
}
