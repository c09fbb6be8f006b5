package dev.madang.local;

import dev.madang.aws.booking.DynamoBooking;
import dev.madang.aws.release.DynamoNightlyReleases;
import dev.madang.aws.release.DynamoReleasePools;
import dev.madang.domain.booking.SeatClaims;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.release.DawnRelease;
import dev.madang.localstack.LocalAws;
import dev.madang.localstack.ManualClock;
import dev.madang.localstack.ScheduleFiring;
import dev.madang.workers.ReleaseWiring;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dawn release as deployed: template.yaml's schedule for {@code DawnReleaseFunction} (cron, Asia/Seoul),
 * provisioned into the local EventBridge Scheduler stand-in, fires the workers' real release (wired as the worker
 * wires it, {@link ReleaseWiring}) on dynalite, through nights driven by a manual clock.
 */
class DawnReleaseScheduleTest {

    static ManualClock clock;
    static LocalAws aws;
    static SeatClaims claims;
    static DynamoReleasePools pools;
    static DynamoNightlyReleases nights;

    @BeforeAll
    static void start() {
        clock = ManualClock.at(korea(LocalDate.of(2031, 3, 2), 0, 30));
        aws = LocalAws.start(clock).provision(LocalAws.templatePath());
        String seats = aws.tableName("SeatsTable");
        DawnRelease release = ReleaseWiring.dawnRelease(aws.dynamo(), seats, clock);
        aws.lambdas().register("DawnReleaseFunction", event -> "{\"outcome\":\"" + release.tick().outcome() + "\"}");
        claims = new DynamoBooking(aws.dynamo(), seats).seatClaims();
        pools = new DynamoReleasePools(aws.dynamo(), seats);
        nights = new DynamoNightlyReleases(aws.dynamo(), seats);
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    static Instant korea(LocalDate day, int hour, int minute) {
        return ZonedDateTime.of(day, LocalTime.of(hour, minute), DawnRelease.KOREA).toInstant();
    }

    /** A sold seat whose ticket was cancelled into the pool (what cancelling does to the seat). */
    static Seat cancelledSeat(String round, int n) {
        Seat seat = new Seat(Seat.idOf("A", "1", n), "A", "1", n, n * 10, 10);
        Instant now = clock.instant();
        assertThat(claims.claim(round, seat, "H" + n, "fan", now, now.plusSeconds(600))).isTrue();
        assertThat(claims.issueTicket(round, seat, "H" + n, "T" + n, "fan", now)).isTrue();
        pools.add(round, seat, "T" + n, now);
        return seat;
    }

    @Test
    void the_templates_schedule_fires_every_minute_of_the_window_and_the_pools_go_back_on_sale_once_a_night() {
        String schedule = aws.scheduleName("DawnReleaseFunctionEveryMinuteBeforeDawn");
        Set<LocalTime> releaseTimes = new HashSet<>();
        LocalDate night = LocalDate.of(2031, 3, 2);
        for (int i = 0; i < 3; i++, night = night.plusDays(1)) {
            String round = "R-dawn-" + i;
            Seat first = cancelledSeat(round, 1);
            cancelledSeat(round, 2);
            aws.schedulerStandIn().clearFirings();
            // through the night: 00:30 to 06:00 Korea time
            aws.schedulerStandIn().advanceTo(korea(night, 6, 0));
            List<ScheduleFiring> firings = aws.schedulerStandIn().firings(schedule);
            assertThat(firings).hasSize(180).allSatisfy(f -> {
                assertThat(f.outcome()).isEqualTo(ScheduleFiring.Outcome.SUCCEEDED);
                LocalTime at = f.scheduledTime().atZone(DawnRelease.KOREA).toLocalTime();
                assertThat(at).isBetween(LocalTime.of(2, 0), LocalTime.of(4, 59));
            });
            var record = nights.of(night).orElseThrow();
            assertThat(record.seats()).isEqualTo(2);
            assertThat(record.rounds()).containsExactly(round);
            assertThat(pools.pooled(round)).isEmpty();
            // free again: a new hold takes it
            Instant now = clock.instant();
            assertThat(claims.claim(round, first, "H-new", "fan2", now, now.plusSeconds(60))).isTrue();
            releaseTimes.add(record.startedAt().atZone(DawnRelease.KOREA).toLocalTime());
            System.out.println("dawn release of " + night + " at " + record.startedAt().atZone(DawnRelease.KOREA)
                    .toLocalTime() + ": " + record.seats() + " seats");
            clock.set(korea(night.plusDays(1), 0, 30));
        }
        // three nights, each inside the window; with 180 equally likely minutes, three alike would be a 1 in 32,400 event
        assertThat(releaseTimes).hasSizeGreaterThan(1);
    }
}
