package dev.madang.domain.lottery;

import dev.madang.domain.booking.BookingFakes.InMemoryHoldLedgers;
import dev.madang.domain.booking.BookingFakes.InMemoryRounds;
import dev.madang.domain.booking.BookingFakes.InMemorySeatClaims;
import dev.madang.domain.booking.BookingFakes.InMemoryVenues;
import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.catalog.GradePrice;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.SeatInventory;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.domain.catalog.Section;
import dev.madang.domain.catalog.SectionPlan;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.testing.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link RunningLottery}'s steps on the in-memory ports: their rules, and that each may run twice. */
class RunningLotteryTest {

    static final Instant T0 = Instant.parse("2026-11-26T01:00:00Z");
    static final Instant CLOSE = T0.plus(Duration.ofHours(1));
    static final Instant PAY_BY = CLOSE.plus(Duration.ofDays(1));

    MovableClock clock;
    InMemoryRounds rounds;
    InMemoryVenues venues;
    InMemorySeatClaims claims;
    InMemoryHoldLedgers ledgers;
    InMemoryLotteries lotteries;
    Set<String> paid;
    AtomicInteger seedsMade;
    SeatLayout layout;
    RunningLottery running;
    EnteringLotteries entering;

    @BeforeEach
    void setUp() {
        clock = new MovableClock(T0);
        rounds = new InMemoryRounds();
        venues = new InMemoryVenues();
        claims = new InMemorySeatClaims();
        ledgers = new InMemoryHoldLedgers();
        lotteries = new InMemoryLotteries();
        paid = new HashSet<>();
        seedsMade = new AtomicInteger();
        layout = SeatLayout.of(List.of(section("L", 2, 4, 0), section("M", 1, 3, 10), section("A", 1, 4, 20)));
        venues.putLayout("V1", 1, layout);
        rounds.create(new Round("R1", "P1", "V1", 1, T0.plus(Duration.ofDays(30)), T0.plus(Duration.ofDays(2)), 4,
                List.of(new GradePrice("R", 99_000), new GradePrice("S", 50_000)),
                Map.of("L", new SectionPlan(BookingMode.LOTTERY, "R"), "M", new SectionPlan(BookingMode.LOTTERY, "S"),
                        "A", new SectionPlan(BookingMode.SEAT_SELECTION, "R")), 1));
        lotteries.save(new LotterySettings("R1", T0, CLOSE, PAY_BY, 1), T0.minusSeconds(60));
        SeatInventory inventory = (round, sectionLayout, now) -> {
            BitSet taken = new BitSet();
            for (int i = 0; i < sectionLayout.seatCount(); i++) {
                if (claims.holderAt(round.id(), sectionLayout.seats().get(i).id(), now).isPresent()) {
                    taken.set(i);
                }
            }
            return taken;
        };
        AtomicInteger holdIds = new AtomicInteger();
        running = new RunningLottery(new CachedCatalog(rounds, venues, clock, Duration.ofDays(365), Runnable::run),
                lotteries, inventory, claims, ledgers, paid::contains, () -> "H" + holdIds.incrementAndGet(), () -> {
                    seedsMade.incrementAndGet();
                    return RunningLottery.secureSeeds().get();
                }, clock);
        entering = new EnteringLotteries(rounds, lotteries, new EntryIds(), clock);
    }

    static Section section(String id, int rows, int seatsPerRow, int y) {
        List<Seat> list = new ArrayList<>();
        for (int r = 1; r <= rows; r++) {
            for (int n = 1; n <= seatsPerRow; n++) {
                list.add(new Seat(Seat.idOf(id, String.valueOf(r), n), id, String.valueOf(r), n, n * 10,
                        (y + r) * 10));
            }
        }
        return new Section(id, "section " + id, list);
    }

    FanEntry enter(String fan, String section, int party) {
        return entering.enter(new EnteringLotteries.Entering(fan, true, "R1", section, party));
    }

    /** 8 seats in L, 3 in M; 7 fans ask for 13 seats in L, 2 for 3 in M. */
    void enterMany() {
        int[] parties = {2, 1, 4, 2, 1, 3, 0};
        for (int i = 0; i < 6; i++) {
            enter("fan-L" + i, "L", parties[i]);
        }
        enter("fan-M0", "M", 2);
        enter("fan-M1", "M", 1);
    }

    @Test
    void close_is_refused_before_the_schedule_then_closes_once_and_stops_entries() {
        enterMany();
        assertThatThrownBy(() -> running.closeEntries("R1")).isInstanceOf(DomainException.class)
                .hasMessageContaining("taken until");
        clock.advance(Duration.ofHours(1));
        RunningLottery.Closing first = running.closeEntries("R1");
        assertThat(first.sections()).containsExactly("L", "M");
        assertThat(first.entries()).isEqualTo(8);
        List<LotteryEntry> all = new ArrayList<>(lotteries.entriesIn("R1", "L"));
        all.addAll(lotteries.entriesIn("R1", "M"));
        assertThat(first.entriesDigest()).isEqualTo(DrawingLottery.entriesDigest(all));
        assertThat(running.closeEntries("R1")).isEqualTo(first);
        // even a fan whose clock lags behind is refused once the lottery is closed
        assertThat(lotteries.enter("late", new FanEntry("R1", "LATE", "L", 1, EntryState.ENTERED, T0), T0))
                .isEqualTo(Lotteries.Outcome.CLOSED);
    }

    @Test
    void one_seed_per_draw_and_it_stays_secret_until_revealed() {
        RunningLottery.Commitment c = running.commitSeed("R1", 1);
        assertThat(running.commitSeed("R1", 1)).isEqualTo(c);
        assertThat(seedsMade.get()).isEqualTo(1);
        byte[] seed = lotteries.seeds.get("R1").get(1).seed();
        assertThat(seed).hasSizeGreaterThanOrEqualTo(32);
        assertThat(c.commitment()).isEqualTo(DrawingLottery.commitment(seed));
        assertThat(running.result("R1").draws().get(0).seedHex()).isNull();
        assertThatThrownBy(() -> running.commitSeed("R1", 3)).isInstanceOf(DomainException.class); // 1 redraw only
    }

    @Test
    void a_draw_holds_each_winners_seats_for_the_fan_and_a_repeat_changes_nothing() {
        enterMany();
        running.commitSeed("R1", 1);
        assertThatThrownBy(() -> running.drawSection("R1", "L", 1)).hasMessageContaining("close");
        clock.advance(Duration.ofHours(1));
        running.closeEntries("R1");
        SectionDraw draw = running.drawSection("R1", "L", 1);

        assertThat(draw.complete()).isTrue();
        assertThat(draw.offers()).isEqualTo(draw.winners());
        assertThat(draw.seatsOffered()).isLessThanOrEqualTo(8);
        Set<String> seen = new HashSet<>();
        draw.offers().values().forEach(seats -> seats.forEach(s -> assertThat(seen.add(s)).isTrue()));
        Map<String, String> accounts = lotteries.entrants("R1");
        for (DrawEntry e : lotteries.drawEntries("R1", "L")) {
            String fan = accounts.get(e.entryId());
            if (draw.winners().containsKey(e.entryId())) {
                assertThat(e.state()).isEqualTo(EntryState.WON);
                assertThat(e.offer().seatIds()).hasSize(e.entry().partySize());
                assertThat(e.offer().deadline()).isEqualTo(PAY_BY);
                assertThat(e.offer().amount()).isEqualTo(99_000L * e.entry().partySize());
                assertThat(ledgers.find(fan, e.offer().holdId())).isPresent();
                e.offer().seatIds().forEach(s -> assertThat(claims.holderAt("R1", s, PAY_BY.minusSeconds(1)))
                        .contains(e.offer().holdId()));
                assertThat(running.offerOf(fan, "R1")).contains(e.offer());
            } else {
                assertThat(e.state()).isEqualTo(EntryState.LOST);
                assertThat(e.offer()).isNull();
            }
        }
        int writes = claims.writes.size();
        int moves = lotteries.moves;
        assertThat(running.drawSection("R1", "L", 1)).isEqualTo(draw);
        assertThat(claims.writes).hasSize(writes);
        assertThat(lotteries.moves).isEqualTo(moves);
    }

    @Test
    void a_run_stopped_after_storing_the_draw_finishes_with_the_same_draw() {
        enterMany();
        running.commitSeed("R1", 1);
        clock.advance(Duration.ofHours(1));
        running.closeEntries("R1");
        SectionDraw first = running.drawSection("R1", "M", 1);
        // as if the first run had stored its draw and stopped before any offer: undo the offers, keep the draw
        SectionDraw stored = new SectionDraw(first.roundId(), 1, "M", first.commitment(), first.entriesDigest(),
                first.entries(), first.freeSeats(), first.winners(), first.holdIds(), first.deadline(), Map.of(),
                false);
        lotteries.sectionDraws.get("R1").put("1#M", stored);
        SectionDraw again = running.drawSection("R1", "M", 1);
        assertThat(again.winners()).isEqualTo(first.winners());
        assertThat(again.offers()).isEqualTo(first.offers());
    }

    @Test
    void a_seat_taken_meanwhile_gives_the_party_other_seats_never_a_second_hold() {
        enter("fan-1", "M", 2);
        running.commitSeed("R1", 1);
        clock.advance(Duration.ofHours(1));
        running.closeEntries("R1");
        // store the draw first, then someone takes one drawn seat before the offers are made
        LotteryDraws draws = lotteries.draws("R1");
        byte[] seed = draws.seeds().get(1).seed();
        DrawResult result = DrawingLottery.draw(List.of(lotteries.drawEntries("R1", "M").get(0).entry()),
                layout.section("M").orElseThrow().seats(), seed);
        String winner = result.winners().keySet().iterator().next();
        lotteries.saveSectionDraw(new SectionDraw("R1", 1, "M", draws.seeds().get(1).commitment(),
                result.entriesDigest(), 1, List.of("M-1-1", "M-1-2", "M-1-3"), result.winners(),
                Map.of(winner, "H-offer"), PAY_BY, Map.of(), false));
        String stolen = result.winners().get(winner).get(0);
        assertThat(claims.claim("R1", layout.seat(stolen).orElseThrow(), "H-other", "x", clock.instant(),
                PAY_BY)).isTrue();

        SectionDraw done = running.drawSection("R1", "M", 1);
        // 3 seats, 2 drawn, 1 of them taken: the one spare seat cannot seat the pair, so it loses whole
        assertThat(done.offers()).doesNotContainKey(winner);
        assertThat(lotteries.drawEntries("R1", "M").get(0).state()).isEqualTo(EntryState.LOST);
        assertThat(claims.holderAt("R1", stolen, clock.instant())).contains("H-other");
        result.winners().get(winner).stream().filter(s -> !s.equals(stolen))
                .forEach(s -> assertThat(claims.holderAt("R1", s, clock.instant())).isEmpty());
        assertThat(ledgers.find("fan-1", "H-offer")).isEmpty();
    }

    @Test
    void a_party_whose_drawn_seat_was_taken_gets_a_spare_block() {
        enter("fan-1", "L", 2);
        running.commitSeed("R1", 1);
        clock.advance(Duration.ofHours(1));
        running.closeEntries("R1");
        // take every seat of row 1 before the draw but one: the draw sees row 2 and one seat of row 1 free
        LotteryDraws draws = lotteries.draws("R1");
        DrawEntry entry = lotteries.drawEntries("R1", "L").get(0);
        List<Seat> free = layout.section("L").orElseThrow().seats();
        DrawResult result = DrawingLottery.draw(List.of(entry.entry()), free, draws.seeds().get(1).seed());
        List<String> drawn = result.winners().get(entry.entryId());
        lotteries.saveSectionDraw(new SectionDraw("R1", 1, "L", draws.seeds().get(1).commitment(),
                result.entriesDigest(), 1, free.stream().map(Seat::id).toList(), result.winners(),
                Map.of(entry.entryId(), "H-offer"), PAY_BY, Map.of(), false));
        assertThat(claims.claim("R1", layout.seat(drawn.get(1)).orElseThrow(), "H-other", "x", clock.instant(),
                PAY_BY)).isTrue();

        SectionDraw done = running.drawSection("R1", "L", 1);
        List<String> offered = done.offers().get(entry.entryId());
        assertThat(offered).hasSize(2).doesNotContainAnyElementsOf(drawn);
        offered.forEach(s -> assertThat(claims.holderAt("R1", s, clock.instant())).contains("H-offer"));
        assertThat(claims.holderAt("R1", drawn.get(0), clock.instant())).isEmpty();
        assertThat(lotteries.drawEntries("R1", "L").get(0).offer().seatIds()).isEqualTo(offered);
    }

    @Test
    void expiry_marks_paid_and_unpaid_offers_then_a_redraw_offers_the_returned_seats_to_losers() {
        enterMany();
        running.commitSeed("R1", 1);
        clock.advance(Duration.ofHours(1));
        running.closeEntries("R1");
        SectionDraw l1 = running.drawSection("R1", "L", 1);
        running.drawSection("R1", "M", 1);
        assertThatThrownBy(() -> running.expireOffers("R1", 1)).hasMessageContaining("payable until");

        String payer = l1.winners().keySet().iterator().next();
        paid.add(l1.holdIds().get(payer));
        l1.offers().get(payer).forEach(seat -> assertThat(claims.issueTicket("R1", layout.seat(seat).orElseThrow(),
                l1.holdIds().get(payer), "T-" + seat, "fan", clock.instant())).isTrue()); // what paying does
        clock.advance(Duration.ofDays(1));
        RunningLottery.Expiry expiry = running.expireOffers("R1", 1);
        assertThat(expiry.paid()).isEqualTo(1);
        assertThat(running.expireOffers("R1", 1)).isEqualTo(expiry);
        int returned = l1.seatsOffered() - l1.offers().get(payer).size();
        // M's offers expired too
        assertThat(expiry.seatsReturned()).isGreaterThanOrEqualTo(returned);

        running.commitSeed("R1", 2);
        SectionDraw l2 = running.drawSection("R1", "L", 2);
        assertThat(l2.deadline()).isEqualTo(clock.instant().plus(Duration.between(CLOSE, PAY_BY)));
        Set<String> drawnBefore = l1.winners().keySet();
        assertThat(l2.winners().keySet()).doesNotContainAnyElementsOf(drawnBefore);
        assertThat(l2.freeSeats()).doesNotContainAnyElementsOf(l1.offers().get(payer));
        assertThat(running.drawSection("R1", "L", 2)).isEqualTo(l2);
    }

    @Test
    void the_reveal_publishes_what_reproduces_the_draw() {
        enterMany();
        running.commitSeed("R1", 1);
        clock.advance(Duration.ofHours(1));
        running.closeEntries("R1");
        SectionDraw l1 = running.drawSection("R1", "L", 1);
        LotteryResult before = running.result("R1");
        assertThat(before.revealed()).isFalse();
        assertThat(before.draws().get(0).seedHex()).isNull();
        assertThat(before.draws().get(0).sections().get(0).winners()).isEmpty();

        LotteryResult after = running.revealSeed("R1");
        assertThat(running.revealSeed("R1")).isEqualTo(after);
        LotteryResult.Draw d = after.draws().get(0);
        byte[] seed = HexFormat.of().parseHex(d.seedHex());
        assertThat(DrawingLottery.commitment(seed)).isEqualTo(d.commitment());
        LotteryResult.Section s = d.sections().get(0);
        List<Seat> free = s.freeSeats().stream().map(id -> layout.seat(id).orElseThrow()).toList();
        DrawResult rerun = DrawingLottery.draw(lotteries.entriesIn("R1", "L"), free, seed);
        assertThat(rerun.winners()).isEqualTo(l1.winners()).isEqualTo(s.winners());
        assertThat(rerun.entriesDigest()).isEqualTo(s.entriesDigest());
    }

    // ---- draw now, telling entrants, release to general sale ---------------------------------------------------

    /** The waits the workflow handed over and the ones ended, as Step Functions would see them. */
    static final class RecordedWaits implements DrawWaits {
        final List<String> ended = new ArrayList<>();

        @Override
        public synchronized void end(String waitToken) {
            ended.add(waitToken);
        }
    }

    @Test
    void draw_now_closes_the_entries_at_once_and_ends_the_workflows_wait_whichever_comes_first() {
        RecordedWaits waits = new RecordedWaits();
        DrawingNow drawing = new DrawingNow(lotteries, waits, clock);
        clock.advance(Duration.ofMinutes(-1));
        assertThatThrownBy(() -> drawing.drawNow("R1")).isInstanceOf(DomainException.class)
                .hasMessageContaining("change the schedule instead");
        assertThat(lotteries.closedAt).isEmpty();
        clock.advance(Duration.ofMinutes(1));

        drawing.awaiting("R1", "token-1"); // the execution started when the lottery opened
        assertThat(waits.ended).isEmpty();
        enterMany();
        drawing.drawNow("R1");
        assertThat(waits.ended).containsExactly("token-1");
        assertThat(lotteries.closedAt).containsEntry("R1", T0);
        assertThatThrownBy(() -> enter("late", "L", 1)).isInstanceOf(DomainException.class);
        drawing.drawNow("R1"); // pressed twice: ends the same wait again, which Step Functions ignores
        assertThat(waits.ended).containsExactly("token-1", "token-1");
        // the workflow's close step, well before the scheduled close, finds the entries closed
        assertThat(running.closeEntries("R1").entries()).isEqualTo(8);

        // draw now before the workflow handed its token over: the workflow ends its own wait when it does
        RecordedWaits later = new RecordedWaits();
        lotteries.drawWaits.clear();
        new DrawingNow(lotteries, later, clock).awaiting("R1", "token-2");
        assertThat(later.ended).containsExactly("token-2");
        assertThatThrownBy(() -> drawing.drawNow("no-such-round")).isInstanceOf(DomainException.class)
                .hasMessageContaining("no-such-round");
    }

    @Test
    void entrants_hear_once_per_draw_winners_with_their_offer_first_draw_losers_with_the_redraws_left() {
        List<LotteryNotifications.DrawNews> told = new ArrayList<>();
        TellingEntrants telling = new TellingEntrants(lotteries, told::addAll);
        enterMany();
        running.commitSeed("R1", 1);
        clock.advance(Duration.ofHours(1));
        running.closeEntries("R1");
        assertThatThrownBy(() -> telling.tell("R1", "L", 1)).hasMessageContaining("has not been made");
        SectionDraw l1 = running.drawSection("R1", "L", 1);

        TellingEntrants.Told first = telling.tell("R1", "L", 1);
        assertThat(first.winners()).isEqualTo(l1.offers().size()).isPositive();
        assertThat(first.winners() + first.losers()).isEqualTo(6);
        assertThat(told).hasSize(6).allSatisfy(n -> assertThat(n.redrawsLeft()).isEqualTo(1));
        Map<String, String> accounts = lotteries.entrants("R1");
        told.forEach(n -> {
            assertThat(n.accountId()).isEqualTo(accounts.get(n.entryId()));
            if (n.outcome() == EntryState.WON) {
                assertThat(n.offer().seatIds()).isEqualTo(l1.offers().get(n.entryId()));
                assertThat(n.offer().deadline()).isEqualTo(PAY_BY);
            } else {
                assertThat(n.outcome()).isEqualTo(EntryState.LOST);
                assertThat(n.offer()).isNull();
            }
        });

        running.drawSection("R1", "M", 1);
        clock.advance(Duration.ofDays(1));
        running.expireOffers("R1", 1);
        running.commitSeed("R1", 2);
        SectionDraw l2 = running.drawSection("R1", "L", 2);
        told.clear();
        TellingEntrants.Told second = telling.tell("R1", "L", 2);
        // the redraw's losers were told after draw 1; only its winners hear now
        assertThat(second.losers()).isZero();
        assertThat(second.winners()).isEqualTo(l2.offers().size());
        assertThat(told).allSatisfy(n -> {
            assertThat(n.outcome()).isEqualTo(EntryState.WON);
            assertThat(n.redrawsLeft()).isZero();
            assertThat(l2.offers()).containsKey(n.entryId());
        });
    }

    @Test
    void unsold_lottery_seats_go_to_general_sale_only_after_the_last_draws_deadline() {
        ReleasingLotterySeats releasing = new ReleasingLotterySeats(rounds, lotteries, clock);
        enterMany();
        running.commitSeed("R1", 1);
        clock.advance(Duration.ofHours(1));
        running.closeEntries("R1");
        assertThatThrownBy(() -> releasing.release("R1")).hasMessageContaining("has not been drawn");
        running.drawSection("R1", "L", 1);
        running.drawSection("R1", "M", 1);
        assertThatThrownBy(() -> releasing.release("R1")).hasMessageContaining("payable until");
        assertThat(rounds.find("R1").orElseThrow().sections().get("L").mode()).isEqualTo(BookingMode.LOTTERY);

        clock.advance(Duration.ofDays(1));
        running.expireOffers("R1", 1);
        assertThat(releasing.release("R1")).containsExactly("L", "M");
        Round released = rounds.find("R1").orElseThrow();
        assertThat(released.sections().get("L")).isEqualTo(new SectionPlan(BookingMode.SEAT_SELECTION, "R"));
        assertThat(released.sections().get("M")).isEqualTo(new SectionPlan(BookingMode.SEAT_SELECTION, "S"));
        assertThat(released.sections().get("A").mode()).isEqualTo(BookingMode.SEAT_SELECTION);
        assertThat(releasing.release("R1")).isEmpty();
        // the draw's record is untouched: the result still shows both sections
        assertThat(running.revealSeed("R1").draws().get(0).sections()).extracting(LotteryResult.Section::sectionId)
                .containsExactly("L", "M");
    }
}
