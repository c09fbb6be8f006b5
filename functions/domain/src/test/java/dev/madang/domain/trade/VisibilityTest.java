package dev.madang.domain.trade;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The board's one rule, as the seed states it: three kinds of searcher by two kinds of listing. */
class VisibilityTest {

    @ParameterizedTest(name = "{0} sees a {1} listing: {2}")
    @CsvSource({
            "NO_TICKET,                       EXCHANGE, HIDDEN",
            "NO_TICKET,                       TRANSFER, APPROXIMATE",
            "HOLDER_WITH_EXCHANGE_LISTING,    EXCHANGE, EXACT",
            "HOLDER_WITH_EXCHANGE_LISTING,    TRANSFER, EXACT",
            "HOLDER_WITHOUT_EXCHANGE_LISTING, EXCHANGE, HIDDEN",
            "HOLDER_WITHOUT_EXCHANGE_LISTING, TRANSFER, APPROXIMATE"})
    void the_table(Visibility.Searcher searcher, ListingKind kind, String expected) {
        Optional<Visibility.Sight> sight = Visibility.of(searcher, kind);
        assertThat(sight.map(Enum::name).orElse("HIDDEN")).isEqualTo(expected);
    }

    @Test
    void a_searcher_is_placed_by_ticket_first_then_by_their_own_exchange_listing() {
        assertThat(Visibility.Searcher.of(false, false)).isEqualTo(Visibility.Searcher.NO_TICKET);
        // an exchange listing without a valid ticket (it was cancelled) gives no exact sight
        assertThat(Visibility.Searcher.of(false, true)).isEqualTo(Visibility.Searcher.NO_TICKET);
        assertThat(Visibility.Searcher.of(true, false)).isEqualTo(Visibility.Searcher.HOLDER_WITHOUT_EXCHANGE_LISTING);
        assertThat(Visibility.Searcher.of(true, true)).isEqualTo(Visibility.Searcher.HOLDER_WITH_EXCHANGE_LISTING);
    }

    @Test
    void wanted_seats_are_a_section_a_row_or_a_range_of_a_row() {
        ListedSeat a312 = new ListedSeat("A-3-12", "A", "3", 12);
        assertThat(new WantedSeats("A", null, null, null).matches(a312)).isTrue();
        assertThat(new WantedSeats("A", "3", null, null).matches(a312)).isTrue();
        assertThat(new WantedSeats("A", "4", null, null).matches(a312)).isFalse();
        assertThat(new WantedSeats("A", "3", 10, 12).matches(a312)).isTrue();
        assertThat(new WantedSeats("A", "3", 13, 20).matches(a312)).isFalse();
        assertThat(new WantedSeats("A", "3", 12, null).matches(a312)).as("one exact seat").isTrue();
        assertThat(new WantedSeats("B", null, null, null).matches(a312)).isFalse();
    }

    @Test
    void an_approximate_match_never_looks_at_the_hidden_seat_number() {
        Listing transfer = new Listing("L", ListingKind.TRANSFER, "T-1", "seller", "R",
                new ListedSeat("A-3-12", "A", "3", 12), "VIP", 170000, List.of(), Listing.Status.OPEN, Instant.EPOCH);
        Sighted approximate = new Sighted(transfer, Visibility.Sight.APPROXIMATE, false, false);
        Sighted exact = new Sighted(transfer, Visibility.Sight.EXACT, false, false);
        WantedSeats seatOne = new WantedSeats("A", "3", 1, 1);
        assertThat(TradeBoard.matches(seatOne, approximate)).as("a probe for seat 1 learns nothing").isTrue();
        assertThat(TradeBoard.matches(seatOne, exact)).isFalse();
        assertThat(TradeBoard.matches(new WantedSeats("A", "4", null, null), approximate)).isFalse();
    }

    @Test
    void seats_next_to_each_other_share_a_row_and_differ_by_one() {
        ListedSeat a312 = new ListedSeat("A-3-12", "A", "3", 12);
        assertThat(a312.nextTo(new ListedSeat("A-3-13", "A", "3", 13))).isTrue();
        assertThat(a312.nextTo(new ListedSeat("A-3-14", "A", "3", 14))).isFalse();
        assertThat(a312.nextTo(new ListedSeat("A-4-13", "A", "4", 13))).isFalse();
    }
}
