package dev.madang.workers;

import dev.madang.domain.booking.HoldingSeats;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.SeatMapSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seat-map refresher given the schedule's event (src/test/resources/events/scheduler-tick.json), wired by
 * {@link WorkerBeans} on DynamoDB: it writes the snapshot of a round on sale, the held seats taken.
 */
class RefreshSeatMapsHandlerTest extends WorkerFixture {

    @Test
    void oneScheduledInvocationWritesTheSnapshotOfARoundOnSale() {
        Round round = roundOnSale(3);
        holding.hold(new HoldingSeats.HoldRequest(fan(), true, round.id(), List.of("A-1-2"), null));
        // a zero window: one pass, as the last pass of a scheduled invocation
        RefreshSeatMapsHandler handler = new RefreshSeatMapsHandler(new WorkerBeans().refreshing(aws.dynamo(),
                aws.sqs(), aws.tableName("CatalogTable"), aws.tableName("SeatsTable"), aws.tableName("AlertsTable"),
                aws.queueUrl("NotificationQueue")), Duration.ofSeconds(1), Duration.ZERO);

        Map<String, Object> result = handler.handleRequest(event("scheduler-tick.json"), null);

        assertThat(result).containsEntry("passes", 1).containsEntry("failedPasses", 0)
                .containsEntry("failedRounds", 0);
        assertThat((Integer) result.get("rounds")).isGreaterThanOrEqualTo(1);
        assertThat((Integer) result.get("takenSeats")).isGreaterThanOrEqualTo(1);
        SeatMapSnapshot snapshot = catalog.seatMapSnapshots().find(round.id()).orElseThrow();
        assertThat(snapshot.isTaken(0)).isFalse();
        assertThat(snapshot.isTaken(1)).isTrue();
        assertThat(snapshot.isTaken(2)).isFalse();
    }
}
