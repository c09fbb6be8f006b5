package dev.madang.domain.booking;

import dev.madang.domain.booking.BookingFakes.InMemoryHoldLedgers;
import dev.madang.domain.booking.BookingFakes.InMemoryIdempotencyKeys;
import dev.madang.domain.booking.BookingFakes.InMemoryRounds;
import dev.madang.domain.booking.BookingFakes.InMemorySeatClaims;
import dev.madang.domain.booking.BookingFakes.InMemorySeatInventory;
import dev.madang.domain.booking.BookingFakes.InMemorySeatMapSnapshots;
import dev.madang.domain.booking.BookingFakes.InMemoryVenues;
import dev.madang.domain.booking.HoldingBestAvailable.BestAvailableHold;
import dev.madang.domain.booking.HoldingBestAvailable.BestAvailableRequest;
import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.catalog.GradePrice;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.domain.catalog.Section;
import dev.madang.domain.catalog.SectionPlan;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Ids;
import dev.madang.domain.testing.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static dev.madang.domain.booking.HoldingSeatsRulesTest.refused;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link HoldingBestAvailable} on the in-memory ports: which seats it picks, how it retries, what it refuses. */
class HoldingBestAvailableTest {

    static final Instant T0 = Instant.parse("2026-11-26T01:00:00Z");
    static final Duration HOLD = Duration.ofMinutes(8);
    static final String FAN = "fan-1";

    MovableClock clock;
    InMemoryRounds rounds;
    InMemoryVenues venues;
    InMemorySeatClaims claims;
    InMemoryHoldLedgers ledgers;
    InMemoryIdempotencyKeys keys;
    InMemorySeatMapSnapshots snapshots;
    InMemorySeatInventory inventory;
    SeatLayout layout;
    HoldingSeats holding;
    HoldingBestAvailable best;

    /**
     * Venue V1: BA (best available, grade R, rows 1-3 of seats 1-6, row 1 nearest the stage), BB (best available,
     * grade S, one row of 4), A (seat selection, grade R, 4 seats), L (lottery, grade R). Round R1 sells now with a
     * limit of 4; R-SOON opens in an hour.
     */
    @BeforeEach
    void setUp() {
        clock = new MovableClock(T0);
        rounds = new InMemoryRounds();
        venues = new InMemoryVenues();
        claims = new InMemorySeatClaims();
        ledgers = new InMemoryHoldLedgers();
        keys = new InMemoryIdempotencyKeys();
        snapshots = new InMemorySeatMapSnapshots();
        inventory = new InMemorySeatInventory(claims);
        layout = SeatLayout.of(List.of(section("BA", 3, 6, 0), section("BB", 1, 4, 10), section("A", 1, 4, 20),
                section("L", 1, 2, 30)));
        venues.putLayout("V1", 1, layout);
        rounds.create(round("R1", T0.minus(Duration.ofHours(1))));
        rounds.create(round("R-SOON", T0.plus(Duration.ofHours(1))));
        holding = new HoldingSeats(new CachedCatalog(rounds, venues, clock, Duration.ofDays(365), Runnable::run),
                RecentlyTakenSeats.none(clock), claims, ledgers, keys, new Ids(clock), clock, HOLD);
        best = bestAvailable(1, 0); // no shuffling: the order is the ranking itself
    }

    HoldingBestAvailable bestAvailable(int shuffleTop, long seed) {
        return new HoldingBestAvailable(holding, snapshots, inventory, Duration.ZERO, shuffleTop, new Random(seed));
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

    static Round round(String id, Instant saleOpensAt) {
        return new Round(id, "P1", "V1", 1, T0.plus(Duration.ofDays(30)), saleOpensAt, 4,
                List.of(new GradePrice("R", 99_000), new GradePrice("S", 77_000)),
                Map.of("BA", new SectionPlan(BookingMode.BEST_AVAILABLE, "R"),
                        "BB", new SectionPlan(BookingMode.BEST_AVAILABLE, "S"),
                        "A", new SectionPlan(BookingMode.SEAT_SELECTION, "R"),
                        "L", new SectionPlan(BookingMode.LOTTERY, "R")), 1);
    }

    static BestAvailableRequest inSection(String user, String section, Integer party) {
        return new BestAvailableRequest(user, true, "R1", section, null, party, null);
    }

    static List<String> seatIds(BestAvailableHold h) {
        return h.hold().seats().stream().map(HeldSeat::seatId).toList();
    }

    /** Someone else holds these seats on the inventory (the snapshot does not know yet). */
    void takenByOthers(String... seatIds) {
        for (String id : seatIds) {
            assertThat(claims.claim("R1", layout.seat(id).orElseThrow(), "other-hold", "other", T0,
                    T0.plus(HOLD))).isTrue();
        }
    }

    void assertNothingWritten() {
        assertThat(claims.writes).isEmpty();
        assertThat(ledgers.ledgers.values()).allMatch(Map::isEmpty);
        assertThat(keys.bound).isEmpty();
    }

    // --- choosing

    @Test
    void the_best_block_is_in_the_front_row_nearest_its_middle() {
        BestAvailableHold pair = best.hold(inSection(FAN, "BA", 2));
        BestAvailableHold three = best.hold(inSection("fan-2", "BA", 3));

        assertThat(seatIds(pair)).containsExactly("BA-1-3", "BA-1-4");
        assertThat(pair.together()).isTrue();
        assertThat(pair.hold().amount()).isEqualTo(2 * 99_000);
        // the snapshot (not refreshed) still shows row 1 free: 2-3-4 is refused at seat 3; the rows, read then, show
        // 3-4 taken and no three side by side left in row 1, so the party moves back to row 2's middle
        assertThat(seatIds(three)).containsExactly("BA-2-2", "BA-2-3", "BA-2-4");
        assertThat(three.together()).isTrue();
        assertThat(claims.holderAt("R1", "BA-1-3", clock.instant())).contains(pair.hold().holdId());
        assertThat(claims.writes).containsExactly("claim BA-1-3", "claim BA-1-4", // the pair
                "claim BA-1-2", "claim BA-1-3", "release BA-1-2", // 2-3-4 refused at 3
                "claim BA-2-2", "claim BA-2-3", "claim BA-2-4");
        assertThat(inventory.reads).as("the rows of the asked section, once")
                .containsExactly(List.of("BA-1", "BA-2", "BA-3"));
    }

    @Test
    void a_party_is_kept_together_in_a_further_row_rather_than_split_in_a_nearer_one() {
        takenByOthers("BA-1-2", "BA-1-5");
        snapshots.refresh("R1", layout, claims, clock.instant());

        BestAvailableHold h = best.hold(inSection(FAN, "BA", 3));

        assertThat(seatIds(h)).containsExactly("BA-2-2", "BA-2-3", "BA-2-4");
        assertThat(h.together()).isTrue();
        assertThat(claims.writes).containsExactly("claim BA-1-2", "claim BA-1-5", // the others' holds
                "claim BA-2-2", "claim BA-2-3", "claim BA-2-4");
    }

    @Test
    void with_no_adjacent_block_the_best_single_seats_are_taken_and_the_answer_says_so() {
        takenByOthers("BB-1-2", "BB-1-4");
        snapshots.refresh("R1", layout, claims, clock.instant());

        BestAvailableHold h = best.hold(inSection(FAN, "BB", 2));

        assertThat(seatIds(h)).containsExactly("BB-1-1", "BB-1-3");
        assertThat(h.together()).isFalse();
        assertThat(h.hold().amount()).isEqualTo(2 * 77_000);
    }

    @Test
    void a_grade_means_any_best_available_section_of_that_grade() {
        BestAvailableHold s = best.hold(new BestAvailableRequest(FAN, true, "R1", null, "S", 2, null));
        BestAvailableHold r = best.hold(new BestAvailableRequest("fan-2", true, "R1", null, "R", 4, null));

        assertThat(seatIds(s)).allMatch(id -> id.startsWith("BB-")); // the only best-available section of S
        assertThat(seatIds(r)).containsExactly("BA-1-2", "BA-1-3", "BA-1-4", "BA-1-5"); // A is seat selection
    }

    @Test
    void the_snapshot_is_read_once_per_request_and_cached_for_its_freshness() {
        HoldingBestAvailable cached = new HoldingBestAvailable(holding, snapshots, inventory, Duration.ofSeconds(1),
                1, new Random(0));
        cached.hold(inSection(FAN, "BA", 1));
        cached.hold(inSection("fan-2", "BA", 1));
        assertThat(snapshots.reads).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        cached.hold(inSection("fan-3", "BA", 1));
        assertThat(snapshots.reads).isEqualTo(2);
    }

    @Test
    void near_equal_blocks_are_shuffled_so_concurrent_fans_spread_out() {
        Set<List<String>> firstChoices = new HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            setUp();
            firstChoices.add(seatIds(bestAvailable(3, seed).hold(inSection(FAN, "BA", 2))));
        }
        // the three best pairs of row 1 (3-4, then 2-3 and 4-5), never anything worse
        assertThat(firstChoices).containsExactlyInAnyOrder(List.of("BA-1-3", "BA-1-4"), List.of("BA-1-2", "BA-1-3"),
                List.of("BA-1-4", "BA-1-5"));
    }

    // --- a stale snapshot

    @Test
    void a_seat_taken_since_the_snapshot_makes_it_read_the_rows_and_choose_from_them() {
        takenByOthers("BA-1-3"); // the snapshot still shows every seat free

        BestAvailableHold h = best.hold(inSection(FAN, "BA", 2));

        assertThat(seatIds(h)).containsExactly("BA-1-4", "BA-1-5"); // 3-4 refused at 3; the rows show 3 taken
        assertThat(h.together()).isTrue();
        assertThat(claims.writes).containsExactly("claim BA-1-3", "claim BA-1-3", "claim BA-1-4", "claim BA-1-5");
        assertThat(inventory.reads).containsExactly(List.of("BA-1", "BA-2", "BA-3"));
        assertThat(ledgers.of(FAN, "R1")).hasSize(1);
    }

    @Test
    void seats_sold_since_the_snapshot_are_skipped_all_at_once_not_one_refusal_each() {
        // row 1 and the middle of row 2 went while the snapshot still shows them free: taking them one refusal at a
        // time would spend every attempt; the rows, read after the first refusal, show them all
        takenByOthers("BA-1-1", "BA-1-2", "BA-1-3", "BA-1-4", "BA-1-5", "BA-1-6", "BA-2-2", "BA-2-3", "BA-2-4",
                "BA-2-5");
        claims.writes.clear();

        BestAvailableHold h = best.hold(inSection(FAN, "BA", 3));

        assertThat(seatIds(h)).containsExactly("BA-3-2", "BA-3-3", "BA-3-4");
        assertThat(h.together()).isTrue();
        assertThat(claims.writes).containsExactly("claim BA-1-2", // 2-3-4 of row 1 refused at once
                "claim BA-3-2", "claim BA-3-3", "claim BA-3-4");
        assertThat(inventory.reads).hasSize(1);
    }

    @Test
    void a_block_refused_midway_gives_back_what_it_took() {
        takenByOthers("BA-1-4"); // 3-4 takes 3, is refused at 4, gives 3 back

        BestAvailableHold h = best.hold(inSection(FAN, "BA", 2));

        assertThat(seatIds(h)).containsExactly("BA-1-2", "BA-1-3");
        assertThat(claims.writes).containsSubsequence("claim BA-1-3", "claim BA-1-4", "release BA-1-3",
                "claim BA-1-2", "claim BA-1-3");
        assertThat(claims.holderAt("R1", "BA-1-3", clock.instant())).contains(h.hold().holdId());
    }

    @Test
    void when_the_rows_show_the_section_full_it_answers_after_one_write() {
        List<String> all = layout.seats().stream().filter(s -> s.sectionId().equals("BA")).map(Seat::id).toList();
        takenByOthers(all.toArray(String[]::new)); // all taken; the snapshot says all free
        claims.writes.clear();

        DomainException e = refused(() -> best.hold(inSection(FAN, "BA", 1)));

        assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
        assertThat(e.type()).isEqualTo("no-seats-available");
        assertThat(e.getMessage()).contains("fewer than 1 seats are free");
        assertThat(claims.writes).hasSize(1);
        assertThat(inventory.reads).hasSize(1);
        assertThat(ledgers.of(FAN, "R1")).isEmpty();
    }

    @Test
    void after_a_later_refusal_only_the_row_of_the_refused_seat_is_read_again() {
        takenByOthers("BA-1-3"); // the snapshot says all free
        // a rival takes 4-5 of row 1 just after the first read of the rows
        inventory.afterRead.put(1, () -> List.of("BA-1-4", "BA-1-5").forEach(id -> assertThat(claims.claim("R1",
                layout.seat(id).orElseThrow(), "rival", "rival", T0, T0.plus(HOLD))).isTrue()));
        claims.writes.clear();

        BestAvailableHold h = best.hold(inSection(FAN, "BA", 2));

        assertThat(seatIds(h)).containsExactly("BA-1-1", "BA-1-2");
        assertThat(claims.writes).containsExactly(
                "claim BA-1-3", // 3-4 from the snapshot, refused at 3: the rows are read (row 1: 3 taken)
                "claim BA-1-4", "claim BA-1-5", // the rival
                "claim BA-1-4", // 4-5, the best left in that read, refused at 4: row 1 is read again
                "claim BA-1-1", "claim BA-1-2"); // 1-2, row 1's last pair (row 1 is nearer than row 2)
        assertThat(inventory.reads).containsExactly(List.of("BA-1", "BA-2", "BA-3"), List.of("BA-1"));
    }

    @Test
    void before_answering_that_there_is_no_room_every_row_is_read_again() {
        List<String> allButOne = layout.seats().stream().filter(s -> s.sectionId().equals("BA"))
                .map(Seat::id).filter(id -> !id.equals("BA-1-1")).toList();
        takenByOthers(allButOne.toArray(String[]::new)); // the snapshot says all free
        // just after the first read a rival takes 1-1, the last free seat, and a hold in row 3 is given back
        inventory.afterRead.put(1, () -> {
            assertThat(claims.claim("R1", layout.seat("BA-1-1").orElseThrow(), "rival", "rival", T0, T0.plus(HOLD)))
                    .isTrue();
            claims.release("R1", layout.seat("BA-3-3").orElseThrow(), "other-hold");
        });
        claims.writes.clear();

        BestAvailableHold h = best.hold(inSection(FAN, "BA", 1));

        assertThat(seatIds(h)).containsExactly("BA-3-3");
        assertThat(claims.writes).containsExactly(
                "claim BA-1-3", // the snapshot's best, refused: the rows show only 1-1 free
                "claim BA-1-1", "release BA-3-3", // the rival; the hold in row 3 given back
                "claim BA-1-1", // refused: as far as this request knows, no seat is left; it reads every row again
                "claim BA-3-3");
        assertThat(inventory.reads).containsExactly(List.of("BA-1", "BA-2", "BA-3"), List.of("BA-1", "BA-2", "BA-3"));
    }

    @Test
    void a_seat_given_back_since_it_was_refused_is_proposed_again() {
        takenByOthers("BB-1-2", "BB-1-3"); // 2-3 refused at 2; by the read the other hold is gone
        inventory.beforeRead.put(1, () -> List.of("BB-1-2", "BB-1-3").forEach(id -> claims.release("R1",
                layout.seat(id).orElseThrow(), "other-hold")));
        claims.writes.clear();

        BestAvailableHold h = best.hold(inSection(FAN, "BB", 2));

        assertThat(seatIds(h)).containsExactly("BB-1-2", "BB-1-3");
        assertThat(claims.writes).containsExactly("claim BB-1-2", "release BB-1-2", "release BB-1-3",
                "claim BB-1-2", "claim BB-1-3");
    }

    @Test
    void a_seat_this_instance_failed_to_take_moments_ago_counts_as_taken() {
        HoldingSeats remembering = new HoldingSeats(new CachedCatalog(rounds, venues, clock, Duration.ofDays(365),
                Runnable::run), new RecentlyTakenSeats(clock, Duration.ofSeconds(1)), claims, ledgers, keys,
                new Ids(clock), clock, HOLD);
        HoldingBestAvailable withMemory = new HoldingBestAvailable(remembering, snapshots, inventory, Duration.ZERO,
                1, new Random(0));
        takenByOthers("BA-1-3");
        assertThat(seatIds(withMemory.hold(inSection(FAN, "BA", 1)))).containsExactly("BA-1-4"); // 3 refused: kept
        claims.release("R1", layout.seat("BA-1-3").orElseThrow(), "other-hold"); // free again; this instance
        claims.writes.clear();                                                      // does not know for a second

        // 3 would be refused from memory without a write, read free, and proposed again until the attempts ran out
        BestAvailableHold h = withMemory.hold(inSection("fan-2", "BA", 1));

        assertThat(seatIds(h)).containsExactly("BA-1-2");
        assertThat(claims.writes).containsExactly("claim BA-1-4", "claim BA-1-2"); // 4 is fan-1's since the snapshot
    }

    @Test
    void it_gives_up_after_the_bounded_number_of_attempts_even_when_the_rows_lag() {
        List<String> all = layout.seats().stream().filter(s -> s.sectionId().equals("BA")).map(Seat::id).toList();
        takenByOthers(all.toArray(String[]::new)); // all taken; the snapshot and the rows both say all free
        claims.writes.clear();
        List<String> reads = new ArrayList<>();
        HoldingBestAvailable lagging = new HoldingBestAvailable(holding, snapshots, (round, asked, now) -> {
            reads.add(asked.seatCount() + " seats");
            return new java.util.BitSet(); // an eventually consistent read that has not seen the holds yet
        }, Duration.ZERO, 1, new Random(0));

        DomainException e = refused(() -> lagging.hold(inSection(FAN, "BA", 1)));

        assertThat(e.type()).isEqualTo("no-seats-available");
        assertThat(e.getMessage()).contains("just now");
        assertThat(claims.writes).hasSize(HoldingBestAvailable.MAX_ATTEMPTS);
        // the section's 3 rows once, then the refused seat's row after each refusal but the last
        assertThat(reads).containsExactly("18 seats", "6 seats", "6 seats", "6 seats");
        assertThat(ledgers.of(FAN, "R1")).isEmpty();
    }

    @Test
    void too_few_free_seats_in_the_snapshot_is_no_seats_available_without_a_write() {
        takenByOthers("BB-1-1", "BB-1-2", "BB-1-3");
        snapshots.refresh("R1", layout, claims, clock.instant());
        claims.writes.clear();

        DomainException e = refused(() -> best.hold(inSection(FAN, "BB", 2)));

        assertThat(e.type()).isEqualTo("no-seats-available");
        assertThat(claims.writes).isEmpty();
        assertThat(inventory.reads).as("no row is read without a refused write").isEmpty();
    }

    // --- the per-person limit, idempotency, and seat selection in a best-available section

    @Test
    void the_per_person_limit_counts_across_holds() {
        best.hold(inSection(FAN, "BA", 3));

        DomainException e = refused(() -> best.hold(inSection(FAN, "BB", 2)));

        assertThat(e.kind()).isEqualTo(DomainException.Kind.RULE_VIOLATED);
        assertThat(e.type()).isEqualTo("per-person-limit");
        assertThat(claims.holderAt("R1", "BB-1-2", clock.instant())).isEmpty(); // given back
        assertThat(claims.holderAt("R1", "BB-1-3", clock.instant())).isEmpty();
        assertThat(best.hold(inSection(FAN, "BB", 1)).hold().seats()).hasSize(1); // 3 + 1 is within 4
    }

    @Test
    void a_repeat_with_the_same_key_answers_the_first_hold_and_another_body_is_refused() {
        BestAvailableRequest first = new BestAvailableRequest(FAN, true, "R1", "BA", null, 2, "k-1");
        BestAvailableHold h = best.hold(first);
        snapshots.refresh("R1", layout, claims, clock.instant()); // the retry sees the first hold's seats taken

        BestAvailableHold again = best.hold(first);
        DomainException other = refused(() -> best.hold(new BestAvailableRequest(FAN, true, "R1", "BA", null, 3,
                "k-1")));
        DomainException asSeatSelection = refused(() -> holding.hold(new HoldingSeats.HoldRequest(FAN, true, "R1",
                List.of("A-1-1"), "k-1")));

        assertThat(again.hold().holdId()).isEqualTo(h.hold().holdId());
        assertThat(seatIds(again)).isEqualTo(seatIds(h));
        assertThat(again.together()).isTrue();
        assertThat(other.type()).isEqualTo("idempotency-key-reused");
        assertThat(asSeatSelection.type()).isEqualTo("idempotency-key-reused");
        assertThat(ledgers.of(FAN, "R1")).hasSize(1);
        assertThat(claims.seats.values()).filteredOn(s -> s.holdId().equals(h.hold().holdId())).hasSize(2);
    }

    @Test
    void fans_cannot_pick_seats_by_hand_in_a_best_available_section() {
        DomainException e = refused(() -> holding.hold(new HoldingSeats.HoldRequest(FAN, true, "R1",
                List.of("BA-1-1"), null)));

        assertThat(e.kind()).isEqualTo(DomainException.Kind.RULE_VIOLATED);
        assertThat(e.type()).isEqualTo("seats-not-holdable");
        assertThat(e.errors().get(0).reason()).contains("best-available");
        assertNothingWritten();
    }

    // --- validation: refused before anything is written

    @Test
    void an_unverified_fan_is_forbidden_whatever_else_is_wrong() {
        DomainException e = refused(() -> best.hold(new BestAvailableRequest(FAN, false, "R1", null, null, 0, null)));

        assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
        assertThat(e.type()).isEqualTo("identity-verification-required");
        assertNothingWritten();
    }

    @Test
    void a_bad_party_size_or_not_exactly_one_of_section_and_grade_is_invalid() {
        for (BestAvailableRequest bad : List.of(inSection(FAN, "BA", 0), inSection(FAN, "BA", 11),
                inSection(FAN, "BA", null), new BestAvailableRequest(FAN, true, "R1", "BA", "R", 2, null),
                new BestAvailableRequest(FAN, true, "R1", null, null, 2, null),
                new BestAvailableRequest(FAN, true, "R1", "BA", null, 2, "k".repeat(101)))) {
            DomainException e = refused(() -> best.hold(bad));
            assertThat(e.kind()).as(bad.toString()).isEqualTo(DomainException.Kind.INVALID);
        }
        assertNothingWritten();
    }

    @Test
    void a_section_not_sold_by_best_available_or_a_party_over_the_limit_breaks_the_rules() {
        Map<BestAvailableRequest, String> cases = Map.of(
                inSection(FAN, "A", 2), "sectionId",
                inSection(FAN, "L", 2), "sectionId",
                inSection(FAN, "Q", 2), "sectionId",
                new BestAvailableRequest(FAN, true, "R1", null, "VIP", 2, null), "grade",
                inSection(FAN, "BA", 5), "partySize");
        cases.forEach((request, field) -> {
            DomainException e = refused(() -> best.hold(request));
            assertThat(e.kind()).as(request.toString()).isEqualTo(DomainException.Kind.RULE_VIOLATED);
            assertThat(e.type()).isEqualTo("not-best-available");
            assertThat(e.errors()).extracting(FieldError::field).contains(field);
        });
        DomainException soon = refused(() -> best.hold(new BestAvailableRequest(FAN, true, "R-SOON", "BA", null, 2,
                null)));
        assertThat(soon.type()).isEqualTo("sale-not-open");
        assertNothingWritten();
    }
}
