package dev.madang.benchmarks;

import dev.madang.aws.queue.WaitingRoomKeys;
import dev.madang.benchmarks.HotKeyModel.Params;
import dev.madang.domain.catalog.SeatLayout;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class OpeningRoomTest {

    /** A small opening: 2,000 arrivals a second for 10 s, from 5 s before it, into a room admitting 200 a second. */
    private static OpeningRoom.Settings small(boolean polls) {
        return new OpeningRoom.Settings(2_000, 10, 5, 200, 10, 10, 7, polls);
    }

    @Test
    void theRoomAdmitsAtItsRateAndAPollReadsAlmostNothing() {
        OpeningRoom.Outcome room = OpeningRoom.run(small(true));

        assertThat(room.arrivals()).isBetween(19_000L, 21_000L);
        assertThat(room.admittedOnEntering()).isZero(); // the early crowd is ahead of everyone entering after it
        long[] perSecond = room.admittedPerSecond();
        // a fan learns of its turn at its next poll, within 2 s: from then on the rate itself
        long steady = Arrays.stream(perSecond, 2, 10).sum();
        assertThat(steady / 8.0).isBetween(190.0, 210.0);
        // 10 instances each reading their view at most once a second, against thousands of polls a second
        assertThat(room.polls()).isGreaterThan(50_000);
        assertThat(room.readsOnPolls() / (double) room.polls()).isLessThan(0.01);
    }

    @Test
    void everyWriteIsOnTheAdaptersKeysAndTheShardsShareTheArrivals() {
        OpeningRoom.Outcome room = OpeningRoom.run(small(false));
        OpeningRoom.CountingRooms store = room.store();

        // one place and one shard counter per arrival, the room's settings, a roll-up per settled window read
        assertThat(store.writes()).isBetween(2 * room.arrivals() + 1, 2 * room.arrivals() + 10);
        assertThat(store.busiestKey()).startsWith("ARRIVALS#" + OpeningRoom.ROUND + "#");
        assertThat(store.busiestKey()).matches(WaitingRoomKeys.shard(OpeningRoom.ROUND, 0, 0)
                .replace("#0#0", "#\\d+#\\d+"));
        // 2,000 a second over 50 shards: about 40 a second each, Poisson
        assertThat(store.maxByPattern().get("arrival_shard")).isBetween(40, 80);
        assertThat(store.maxByPattern().get("place")).isEqualTo(1);
    }

    @Test
    void admittingWithoutPollsAgreesWithPolling() {
        long polled = OpeningRoom.run(small(true)).admitted().size();
        long computed = OpeningRoom.run(small(false)).admitted().size();

        assertThat((double) computed).isCloseTo(polled, org.assertj.core.data.Percentage.withPercentage(3));
    }

    @Test
    void theAdmittedBookThroughTheGateAndNoSeatIsSoldTwice() {
        OpeningRoom.Outcome room = OpeningRoom.run(small(true));
        SeatLayout layout = HotKeyModel.venue(2, 10, 20);
        Params p = Params.defaults().withRun(1, 10).withFailFast(true, 5, 1, 1);

        WaitingRoomBenchmark.Holds holds = WaitingRoomBenchmark.holds(room, p, layout, true);

        assertThat(holds.front().attempts).isGreaterThan(room.admitted().size() / 2);
        assertThat(holds.front().refusedByGate).isZero();
        assertThat(holds.front().oversold).isZero();
        assertThat(holds.result().seatsHeld()).isEqualTo(400); // sold out: 1,800 admitted for 400 seats
        // each hold instance reads the room at most once a second
        assertThat(holds.gateReads()).isLessThanOrEqualTo(5L * 11);
    }
}
