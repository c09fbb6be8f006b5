package dev.madang.domain.booking;

import dev.madang.domain.booking.BookingFakes.InMemoryHoldLedgers;
import dev.madang.domain.booking.BookingFakes.InMemoryIdempotencyKeys;
import dev.madang.domain.booking.BookingFakes.InMemoryRounds;
import dev.madang.domain.booking.BookingFakes.InMemorySeatClaims;
import dev.madang.domain.booking.BookingFakes.InMemoryVenues;
import dev.madang.domain.booking.HoldingSeats.HoldRequest;
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
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The hold rules of {@link HoldingSeats} on in-memory ports: what is refused, and what the stores hold afterwards. */
class HoldingSeatsRulesTest {

    static final Instant T0 = Instant.parse("2026-11-26T01:00:00Z");
    static final Duration HOLD = Duration.ofMinutes(5);
    static final String FAN = "fan-1";
    static final String OTHER_FAN = "fan-2";

    MovableClock clock;
    InMemoryRounds rounds;
    InMemoryVenues venues;
    InMemorySeatClaims claims;
    InMemoryHoldLedgers ledgers;
    InMemoryIdempotencyKeys keys;
    HoldingSeats holding;

    /**
     * Venue V1: section A (first come, grade R, seats A-1-1..A-1-6), B (first come, grade S, B-1-1..B-1-2),
     * L (lottery), C (closed). Round R1 and R2 sell now with a limit of 4; R-SOON opens in an hour; R-PAST has started.
     */
    @BeforeEach
    void setUp() {
        clock = new MovableClock(T0);
        rounds = new InMemoryRounds();
        venues = new InMemoryVenues();
        claims = new InMemorySeatClaims();
        ledgers = new InMemoryHoldLedgers();
        keys = new InMemoryIdempotencyKeys();
        venues.putLayout("V1", 1, SeatLayout.of(List.of(section("A", 6, 0), section("B", 2, 1), section("L", 2, 2),
                section("C", 1, 3))));
        rounds.create(round("R1", T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofDays(30))));
        rounds.create(round("R2", T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofDays(31))));
        rounds.create(round("R-SOON", T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofDays(30))));
        rounds.create(round("R-PAST", T0.minus(Duration.ofDays(2)), T0.minus(Duration.ofHours(1))));
        holding = holding(RecentlyTakenSeats.none(clock));
    }

    HoldingSeats holding(RecentlyTakenSeats recentlyTaken) {
        CachedCatalog catalog = new CachedCatalog(rounds, venues, clock, Duration.ofDays(365), Runnable::run);
        return new HoldingSeats(catalog, recentlyTaken, claims, ledgers, keys, new Ids(clock), clock, HOLD);
    }

    static Section section(String id, int seats, int y) {
        List<Seat> list = new ArrayList<>();
        for (int n = 1; n <= seats; n++) {
            list.add(new Seat(Seat.idOf(id, "1", n), id, "1", n, n * 10, y * 10));
        }
        return new Section(id, "section " + id, list);
    }

    static Round round(String id, Instant saleOpensAt, Instant startsAt) {
        return new Round(id, "P1", "V1", 1, startsAt, saleOpensAt, 4,
                List.of(new GradePrice("R", 99_000), new GradePrice("S", 77_000)),
                Map.of("A", new SectionPlan(BookingMode.SEAT_SELECTION, "R"),
                        "B", new SectionPlan(BookingMode.SEAT_SELECTION, "S"),
                        "L", new SectionPlan(BookingMode.LOTTERY, "R"),
                        "C", new SectionPlan(BookingMode.CLOSED, "R")), 1);
    }

    static HoldRequest request(String user, String roundId, String key, String... seats) {
        return new HoldRequest(user, true, roundId, List.of(seats), key);
    }

    SeatHold hold(String user, String key, String... seats) {
        return holding.hold(request(user, "R1", key, seats));
    }

    DomainException refusal(HoldRequest request) {
        return refused(() -> holding.hold(request));
    }

    static DomainException refused(ThrowingCallable call) {
        DomainException e = catchThrowableOfType(DomainException.class, call);
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    String holderOf(String seatId) {
        return claims.holderAt("R1", seatId, clock.instant()).orElse(null);
    }

    void assertNothingWritten() {
        assertThat(claims.writes).isEmpty();
        assertThat(claims.seats).isEmpty();
        assertThat(ledgers.ledgers.values()).allMatch(Map::isEmpty);
        assertThat(keys.bound).isEmpty();
    }

    // --- the request and the sale rules: refused before anything is written

    @Test
    void an_unverified_fan_is_refused_before_anything_is_written() {
        DomainException e = refusal(new HoldRequest(FAN, false, "R1", List.of("A-1-1"), "k1"));

        assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
        assertThat(e.type()).isEqualTo("identity-verification-required");
        assertNothingWritten();
    }

    @Test
    void no_seats_a_seat_twice_or_a_too_long_key_is_an_invalid_request() {
        DomainException none = refusal(new HoldRequest(FAN, true, "R1", List.of(), null));
        DomainException missing = refusal(new HoldRequest(FAN, true, "R1", null, null));
        DomainException twice = refusal(request(FAN, "R1", null, "A-1-1", "A-1-1"));
        DomainException blank = refusal(request(FAN, "R1", null, " "));
        DomainException longKey = refusal(request(FAN, "R1", "k".repeat(101), "A-1-1"));

        assertThat(List.of(none, missing, twice, blank, longKey)).allSatisfy(e -> {
            assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
            assertThat(e.type()).isEqualTo("invalid-request");
        });
        assertThat(none.errors()).containsExactly(new FieldError("seatIds", "at least one seat"));
        assertThat(missing.errors()).containsExactly(new FieldError("seatIds", "at least one seat"));
        assertThat(twice.errors()).containsExactly(new FieldError("seatIds", "a seat is listed twice"));
        assertThat(blank.errors()).containsExactly(new FieldError("seatIds", "seat ids are non-empty strings"));
        assertThat(longKey.errors()).containsExactly(new FieldError("Idempotency-Key", "at most 100 characters"));
        assertNothingWritten();

        assertThat(hold(FAN, "k".repeat(100), "A-1-1").seats()).hasSize(1); // 100 characters is still a key
    }

    @Test
    void a_round_whose_sale_has_not_opened_or_has_ended_holds_nothing() {
        DomainException early = refusal(request(FAN, "R-SOON", "k1", "A-1-1"));
        DomainException late = refusal(request(FAN, "R-PAST", "k2", "A-1-1"));

        assertThat(early.kind()).isEqualTo(DomainException.Kind.RULE_VIOLATED);
        assertThat(early.type()).isEqualTo("sale-not-open");
        assertThat(late.kind()).isEqualTo(DomainException.Kind.RULE_VIOLATED);
        assertThat(late.type()).isEqualTo("sale-closed");
        assertNothingWritten();

        clock.advance(Duration.ofHours(1)); // the sale opens at exactly saleOpensAt
        assertThat(holding.hold(request(FAN, "R-SOON", null, "A-1-1")).roundId()).isEqualTo("R-SOON");
        assertThat(claims.holderAt("R-SOON", "A-1-1", clock.instant())).isPresent();
    }

    @Test
    void seats_outside_the_layout_or_in_a_lottery_or_closed_section_are_refused_together() {
        DomainException e = refusal(request(FAN, "R1", null, "A-1-1", "Z-9-9", "L-1-1", "C-1-1"));

        assertThat(e.kind()).isEqualTo(DomainException.Kind.RULE_VIOLATED);
        assertThat(e.type()).isEqualTo("seats-not-holdable");
        assertThat(e.errors()).containsExactly(
                new FieldError("seatIds", "round R1 has no seat Z-9-9"),
                new FieldError("seatIds", "seat L-1-1 is in a section sold by lottery, not by seat selection"),
                new FieldError("seatIds", "seat C-1-1 is in a section sold by closed, not by seat selection"));
        assertNothingWritten();
    }

    @Test
    void more_seats_than_the_per_person_limit_in_one_request_are_refused() {
        DomainException e = refusal(request(FAN, "R1", null, "A-1-1", "A-1-2", "A-1-3", "A-1-4", "A-1-5"));

        assertThat(e.kind()).isEqualTo(DomainException.Kind.RULE_VIOLATED);
        assertThat(e.type()).isEqualTo("seats-not-holdable");
        assertThat(e.errors()).containsExactly(new FieldError("seatIds", "at most 4 seats per person for this round"));
        assertNothingWritten();
    }

    // --- taking the seats

    @Test
    void a_hold_takes_its_seats_in_layout_order_priced_by_the_round_and_is_recorded_on_the_fans_ledger() {
        SeatHold hold = hold(FAN, null, "B-1-1", "A-1-2");

        assertThat(claims.writes).containsExactly("claim A-1-2", "claim B-1-1");
        assertThat(hold.seats()).containsExactly(new HeldSeat("A-1-2", "A", "R", 99_000),
                new HeldSeat("B-1-1", "B", "S", 77_000));
        assertThat(hold.amount()).isEqualTo(176_000);
        assertThat(hold.userId()).isEqualTo(FAN);
        assertThat(hold.expiresAt()).isEqualTo(T0.plus(HOLD));
        assertThat(holderOf("A-1-2")).isEqualTo(hold.holdId());
        assertThat(holderOf("B-1-1")).isEqualTo(hold.holdId());
        assertThat(ledgers.of(FAN, "R1")).extracting(HoldLedgers.Recorded::hold).containsExactly(hold);
        assertThat(holding.find(FAN, hold.holdId())).isEqualTo(hold);
        assertThat(keys.bound).as("no key, nothing bound").isEmpty();
    }

    @Test
    void a_seat_someone_holds_refuses_the_whole_hold_and_gives_back_what_was_taken_last_first() {
        SeatHold theirs = hold(OTHER_FAN, null, "A-1-3");
        claims.writes.clear();

        DomainException e = refusal(request(FAN, "R1", null, "A-1-3", "A-1-2", "A-1-1"));

        assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
        assertThat(e.type()).isEqualTo("seat-taken");
        assertThat(claims.writes).containsExactly("claim A-1-1", "claim A-1-2", "claim A-1-3",
                "release A-1-2", "release A-1-1");
        assertThat(holderOf("A-1-1")).isNull();
        assertThat(holderOf("A-1-2")).isNull();
        assertThat(holderOf("A-1-3")).isEqualTo(theirs.holdId());
        assertThat(ledgers.of(FAN, "R1")).isEmpty();
    }

    @Test
    void a_seat_that_failed_here_moments_ago_is_refused_without_a_write() {
        holding = holding(new RecentlyTakenSeats(clock, Duration.ofSeconds(1)));
        SeatHold theirs = hold(OTHER_FAN, null, "A-1-2");
        assertThat(refusal(request(FAN, "R1", null, "A-1-2")).type()).isEqualTo("seat-taken");
        claims.writes.clear();

        DomainException again = refusal(request(FAN, "R1", null, "A-1-1", "A-1-2"));

        assertThat(again.type()).isEqualTo("seat-taken");
        assertThat(claims.writes).as("refused from memory").isEmpty();
        assertThat(holderOf("A-1-1")).isNull();

        holding.release(OTHER_FAN, theirs.holdId()); // given back through this instance: offered again at once
        assertThat(hold(FAN, null, "A-1-1", "A-1-2").seats()).hasSize(2);
    }

    @Test
    void an_expired_hold_no_longer_keeps_its_seats() {
        SeatHold theirs = hold(OTHER_FAN, null, "A-1-1");
        clock.advance(HOLD);

        SeatHold mine = hold(FAN, null, "A-1-1");

        assertThat(theirs.liveAt(clock.instant())).isFalse();
        assertThat(holderOf("A-1-1")).isEqualTo(mine.holdId());
    }

    @Test
    void a_failing_store_midway_gives_back_what_was_taken_unless_the_request_has_a_key() {
        claims.failingClaims.add("A-1-3");

        Throwable noKey = catchThrowable(
                () -> hold(FAN, null, "A-1-1", "A-1-2", "A-1-3"));

        assertThat(noKey).isInstanceOf(IllegalStateException.class);
        assertThat(claims.writes).containsExactly("claim A-1-1", "claim A-1-2", "release A-1-2", "release A-1-1");
        assertThat(holderOf("A-1-1")).isNull();
        assertThat(holderOf("A-1-2")).isNull();

        claims.writes.clear();
        Throwable withKey = catchThrowable(
                () -> hold(FAN, "k1", "A-1-1", "A-1-2", "A-1-3"));
        assertThat(withKey).isInstanceOf(IllegalStateException.class);
        assertThat(claims.writes).as("left for the retry").containsExactly("claim A-1-1", "claim A-1-2");
        String boundId = keys.bound.values().iterator().next().binding().id();
        assertThat(holderOf("A-1-1")).isEqualTo(boundId);

        claims.failingClaims.clear();
        SeatHold retried = hold(FAN, "k1", "A-1-1", "A-1-2", "A-1-3");
        assertThat(retried.holdId()).isEqualTo(boundId);
        assertThat(List.of(holderOf("A-1-1"), holderOf("A-1-2"), holderOf("A-1-3"))).containsOnly(boundId);
    }

    // --- the per-person limit across holds, on the fan's ledger

    @Test
    void the_per_person_limit_counts_the_fans_live_holds_and_a_refusal_gives_the_seats_back() {
        SeatHold first = hold(FAN, null, "A-1-1", "A-1-2", "A-1-3");
        claims.writes.clear();

        DomainException e = refusal(request(FAN, "R1", null, "B-1-1", "A-1-4"));

        assertThat(e.kind()).isEqualTo(DomainException.Kind.RULE_VIOLATED);
        assertThat(e.type()).isEqualTo("per-person-limit");
        assertThat(e.errors()).containsExactly(new FieldError("seatIds", "over the per-person limit of 4"));
        assertThat(claims.writes).containsExactly("claim A-1-4", "claim B-1-1", "release B-1-1", "release A-1-4");
        assertThat(holderOf("A-1-4")).isNull();
        assertThat(holderOf("B-1-1")).isNull();
        assertThat(ledgers.of(FAN, "R1")).extracting(HoldLedgers.Recorded::hold).containsExactly(first);

        assertThat(hold(FAN, null, "A-1-4").seats()).as("one more is within the limit").hasSize(1);
        assertThat(hold(OTHER_FAN, null, "B-1-1", "B-1-2").seats()).as("another fan's limit is their own").hasSize(2);

        clock.advance(HOLD); // both of the fan's holds lapse and stop counting
        assertThat(hold(FAN, null, "A-1-1", "A-1-2", "A-1-3", "A-1-5").seats()).hasSize(4);
        assertThat(ledgers.of(FAN, "R1")).hasSize(3);
    }

    // --- Idempotency-Key

    @Test
    void a_retry_with_the_same_key_answers_the_first_hold() {
        SeatHold first = hold(FAN, "k1", "A-1-1", "A-1-2");
        clock.advance(Duration.ofSeconds(30));
        claims.writes.clear();

        SeatHold retry = hold(FAN, "k1", "A-1-2", "A-1-1"); // same seats, another order: the same request

        assertThat(retry).isEqualTo(first);
        assertThat(claims.writes).as("its own seats are recognised and none is given back")
                .containsExactly("claim A-1-1", "claim A-1-2");
        assertThat(holderOf("A-1-1")).isEqualTo(first.holdId());
        assertThat(holderOf("A-1-2")).isEqualTo(first.holdId());
        assertThat(ledgers.of(FAN, "R1")).hasSize(1);
        assertThat(keys.bound).hasSize(1);
        assertThat(keys.bound.values().iterator().next().binding().id()).isEqualTo(first.holdId());
    }

    @Test
    void the_same_key_with_another_body_is_refused_and_takes_nothing() {
        SeatHold first = hold(FAN, "k1", "A-1-1");
        claims.writes.clear();

        DomainException otherSeats = refusal(request(FAN, "R1", "k1", "A-1-2"));
        DomainException otherRound = refusal(request(FAN, "R2", "k1", "A-1-1"));

        assertThat(otherSeats.kind()).isEqualTo(DomainException.Kind.RULE_VIOLATED);
        assertThat(otherSeats.type()).isEqualTo("idempotency-key-reused");
        assertThat(otherSeats.errors()).containsExactly(new FieldError("Idempotency-Key", "already used with another body"));
        assertThat(otherRound.type()).isEqualTo("idempotency-key-reused");
        assertThat(claims.holderAt("R2", "A-1-1", clock.instant())).isEmpty();
        assertThat(claims.writes).isEmpty();
        assertThat(holderOf("A-1-2")).isNull();
        assertThat(holderOf("A-1-1")).isEqualTo(first.holdId());
        assertThat(ledgers.of(FAN, "R1")).extracting(HoldLedgers.Recorded::hold).containsExactly(first);

        SeatHold theirs = hold(OTHER_FAN, "k1", "A-1-2"); // keys are the fan's own
        assertThat(theirs.holdId()).isNotEqualTo(first.holdId());
        assertThat(holderOf("A-1-2")).isEqualTo(theirs.holdId());
    }

    @Test
    void a_key_starts_a_new_hold_once_its_retention_has_passed() {
        SeatHold first = hold(FAN, "k1", "A-1-1");
        clock.advance(HoldingSeats.KEY_RETENTION.minusSeconds(1));
        assertThat(refusal(request(FAN, "R1", "k1", "A-1-2")).type()).isEqualTo("idempotency-key-reused");

        clock.advance(Duration.ofSeconds(1));
        SeatHold second = hold(FAN, "k1", "A-1-2");

        assertThat(second.holdId()).isNotEqualTo(first.holdId());
        assertThat(holderOf("A-1-2")).isEqualTo(second.holdId());
        assertThat(holderOf("A-1-1")).as("the first hold lapsed long ago").isNull();
        assertThat(keys.bound.values().iterator().next().binding().id()).isEqualTo(second.holdId());
        assertThat(ledgers.of(FAN, "R1")).extracting(r -> r.hold().holdId())
                .containsExactly(first.holdId(), second.holdId());
    }

    @Test
    void a_retry_that_finds_a_seat_taken_since_gives_back_what_its_first_attempt_took() {
        claims.failingClaims.add("A-1-2");
        catchThrowable(() -> hold(FAN, "k1", "A-1-1", "A-1-2")); // the first attempt took A-1-1, then the store failed
        String boundId = keys.bound.values().iterator().next().binding().id();
        assertThat(holderOf("A-1-1")).isEqualTo(boundId);
        claims.failingClaims.clear();
        SeatHold theirs = hold(OTHER_FAN, null, "A-1-2");
        claims.writes.clear();

        DomainException e = refusal(request(FAN, "R1", "k1", "A-1-1", "A-1-2"));

        assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
        assertThat(e.type()).isEqualTo("seat-taken");
        assertThat(claims.writes).containsExactly("claim A-1-1", "claim A-1-2", "release A-1-1");
        assertThat(holderOf("A-1-1")).as("no first hold was recorded, so the seat is not kept for it").isNull();
        assertThat(holderOf("A-1-2")).isEqualTo(theirs.holdId());
        assertThat(ledgers.of(FAN, "R1")).isEmpty();
    }

    // --- release, find, reserveForOrder

    @Test
    void release_frees_the_seats_for_others_and_forgets_the_hold() {
        SeatHold hold = hold(FAN, null, "A-1-1", "A-1-2");

        holding.release(FAN, hold.holdId());

        assertThat(holderOf("A-1-1")).isNull();
        assertThat(holderOf("A-1-2")).isNull();
        assertThat(ledgers.of(FAN, "R1")).isEmpty();
        assertThat(refused(() -> holding.find(FAN, hold.holdId())).kind())
                .isEqualTo(DomainException.Kind.NOT_FOUND);
        assertThat(hold(OTHER_FAN, null, "A-1-1").seats()).hasSize(1);
    }

    @Test
    void releasing_an_expired_hold_is_refused_and_leaves_the_seat_to_its_new_holder() {
        SeatHold mine = hold(FAN, null, "A-1-1");
        clock.advance(HOLD);
        SeatHold theirs = hold(OTHER_FAN, null, "A-1-1");

        DomainException e = refused(() -> holding.release(FAN, mine.holdId()));

        assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
        assertThat(e.type()).isEqualTo("hold-expired");
        assertThat(holderOf("A-1-1")).isEqualTo(theirs.holdId());
    }

    @Test
    void release_is_refused_once_an_order_pays_for_the_hold() {
        SeatHold hold = hold(FAN, null, "A-1-1");
        holding.reserveForOrder(FAN, hold.holdId());

        DomainException e = refused(() -> holding.release(FAN, hold.holdId()));

        assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
        assertThat(e.type()).isEqualTo("hold-has-order");
        assertThat(holderOf("A-1-1")).isEqualTo(hold.holdId());
        assertThat(ledgers.of(FAN, "R1")).singleElement().satisfies(r -> assertThat(r.ordered()).isTrue());
    }

    @Test
    void another_fans_hold_is_not_found() {
        SeatHold hold = hold(FAN, null, "A-1-1");

        DomainException find = refused(() -> holding.find(OTHER_FAN, hold.holdId()));
        DomainException release = refused(() -> holding.release(OTHER_FAN, hold.holdId()));
        DomainException reserve = refused(() -> holding.reserveForOrder(OTHER_FAN, hold.holdId()));

        assertThat(List.of(find, release, reserve)).allSatisfy(e -> assertThat(e.kind())
                .isEqualTo(DomainException.Kind.NOT_FOUND));
        assertThat(holderOf("A-1-1")).isEqualTo(hold.holdId());
        assertThat(ledgers.of(FAN, "R1")).singleElement().satisfies(r -> assertThat(r.ordered()).isFalse());
    }

    @Test
    void reserving_for_an_order_marks_the_live_hold_and_is_harmless_to_repeat() {
        SeatHold hold = hold(FAN, null, "A-1-1");

        assertThat(holding.reserveForOrder(FAN, hold.holdId())).isEqualTo(hold);
        assertThat(holding.reserveForOrder(FAN, hold.holdId())).isEqualTo(hold);

        assertThat(ledgers.of(FAN, "R1")).singleElement().satisfies(r -> assertThat(r.ordered()).isTrue());
        assertThat(holderOf("A-1-1")).isEqualTo(hold.holdId());
    }

    @Test
    void an_expired_hold_cannot_be_reserved_for_an_order() {
        SeatHold hold = hold(FAN, null, "A-1-1");
        clock.advance(HOLD);

        DomainException e = refused(() -> holding.reserveForOrder(FAN, hold.holdId()));

        assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
        assertThat(e.type()).isEqualTo("hold-expired");
        assertThat(ledgers.of(FAN, "R1")).singleElement().satisfies(r -> assertThat(r.ordered()).isFalse());
    }

    @Test
    void a_released_hold_cannot_be_reserved_for_an_order() {
        SeatHold hold = hold(FAN, null, "A-1-1");
        SeatHold other = hold(FAN, null, "A-1-2");
        holding.release(FAN, hold.holdId());

        DomainException gone = refused(() -> holding.reserveForOrder(FAN, hold.holdId()));
        assertThat(gone.kind()).as("released before the order looked").isEqualTo(DomainException.Kind.NOT_FOUND);

        // the fan releases in another tab between the order finding the hold and marking it
        ledgers.beforeAttach = () -> {
            ledgers.beforeAttach = () -> {
            };
            holding.release(FAN, other.holdId());
        };
        DomainException raced = refused(() -> holding.reserveForOrder(FAN, other.holdId()));

        assertThat(raced.kind()).isEqualTo(DomainException.Kind.CONFLICT);
        assertThat(raced.type()).isEqualTo("hold-released");
        assertThat(holderOf("A-1-1")).isNull();
        assertThat(holderOf("A-1-2")).isNull();
        assertThat(ledgers.of(FAN, "R1")).isEmpty();
    }
}
