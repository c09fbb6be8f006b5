package dev.madang.aws.booking;

import dev.madang.domain.booking.HeldSeat;
import dev.madang.domain.booking.HoldLedgers;
import dev.madang.domain.booking.SeatHold;
import dev.madang.localstack.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-person limit counts tickets already bought for the round, on the real ledger (dynalite): a hold an order
 * paid for keeps counting past its expiry, an expired unpaid one stops, and cancelled tickets give their seats back
 * once per cancellation.
 */
class BoughtSeatsCountTest {

    static LocalAws aws;
    static HoldLedgers ledgers;

    @BeforeAll
    static void start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
        ledgers = new DynamoBooking(aws.dynamo(), aws.tableName("SeatsTable")).holdLedgers();
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    static SeatHold hold(String id, String fan, String round, int seats, Instant expiresAt) {
        List<HeldSeat> held = new ArrayList<>();
        for (int i = 1; i <= seats; i++) {
            held.add(new HeldSeat(id + "-S" + i, "A", "VIP", 170000));
        }
        return new SeatHold(id, round, fan, held, expiresAt);
    }

    @Test
    void bought_seats_count_for_good_and_cancelled_ones_are_given_back_once() {
        Instant t0 = Instant.parse("2030-05-01T10:00:00Z");
        String fan = "limit-fan";
        String round = "R-limit";
        SeatHold bought = hold("H-bought", fan, round, 3, t0.plus(Duration.ofMinutes(8)));
        SeatHold abandoned = hold("H-abandoned", fan, round, 1, t0.plus(Duration.ofMinutes(8)));
        assertThat(ledgers.record(bought, "fp", 4, t0)).isEqualTo(HoldLedgers.Outcome.RECORDED);
        assertThat(ledgers.attachOrder(bought)).isTrue(); // ordered and paid: the tickets are bought
        assertThat(ledgers.record(abandoned, "fp", 4, t0)).isEqualTo(HoldLedgers.Outcome.RECORDED);

        // an hour later both holds have expired: the unpaid one stops counting, the bought seats do not
        Instant later = t0.plus(Duration.ofHours(1));
        assertThat(ledgers.record(hold("H-two", fan, round, 2, later.plusSeconds(480)), "fp", 4, later))
                .isEqualTo(HoldLedgers.Outcome.LIMIT_REACHED);
        assertThat(ledgers.record(hold("H-one", fan, round, 1, later.plusSeconds(480)), "fp", 4, later))
                .isEqualTo(HoldLedgers.Outcome.RECORDED);
        assertThat(ledgers.record(hold("H-more", fan, round, 1, later.plusSeconds(480)), "fp", 4, later))
                .isEqualTo(HoldLedgers.Outcome.LIMIT_REACHED);

        // two of the bought tickets are cancelled: two seats back, once, however often the cancellation repeats
        assertThat(ledgers.returnSeats(fan, round, "H-bought", "C1", 2)).isTrue();
        assertThat(ledgers.returnSeats(fan, round, "H-bought", "C1", 2)).isTrue();
        Instant after = later.plus(Duration.ofHours(1)); // H-one expired unpaid too
        assertThat(ledgers.record(hold("H-three", fan, round, 3, after.plusSeconds(480)), "fp", 4, after))
                .isEqualTo(HoldLedgers.Outcome.RECORDED);
        assertThat(ledgers.record(hold("H-extra", fan, round, 1, after.plusSeconds(480)), "fp", 4, after))
                .isEqualTo(HoldLedgers.Outcome.LIMIT_REACHED);
        // a hold the ledger never had gives nothing back
        assertThat(ledgers.returnSeats(fan, round, "H-unknown", "C2", 1)).isFalse();
        // another round is another count
        assertThat(ledgers.record(hold("H-elsewhere", fan, "R-other", 4, after.plusSeconds(480)), "fp", 4, after))
                .isEqualTo(HoldLedgers.Outcome.RECORDED);
    }
}
