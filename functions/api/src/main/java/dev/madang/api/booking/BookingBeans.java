package dev.madang.api.booking;

import dev.madang.aws.booking.DynamoBooking;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.domain.booking.HoldingBestAvailable;
import dev.madang.domain.booking.HoldingSeats;
import dev.madang.domain.booking.RecentlyTakenSeats;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.common.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.Random;

/** Wires the hold use cases to their adapters. */
@ApplicationScoped
public class BookingBeans {

    @Produces
    @Singleton
    HoldingSeats holding(DynamoCatalog catalog, DynamoDbClient dynamo, Ids ids, Clock clock,
                         @ConfigProperty(name = "madang.tables.seats") String seatsTable,
                         @ConfigProperty(name = "madang.holds.duration") Duration holdDuration,
                         @ConfigProperty(name = "madang.holds.catalog-freshness") Duration catalogFreshness,
                         @ConfigProperty(name = "madang.holds.failed-seat-memory") Duration failedSeatMemory) {
        // rounds are refreshed off the request thread: a hold never waits on a catalog read once warm
        CachedCatalog cached = new CachedCatalog(catalog.rounds(), catalog.venues(), catalog.performances(), clock,
                catalogFreshness,
                Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "catalog-refresh");
                    t.setDaemon(true);
                    return t;
                }));
        DynamoBooking booking = new DynamoBooking(dynamo, seatsTable);
        return new HoldingSeats(cached, new RecentlyTakenSeats(clock, failedSeatMemory), booking.seatClaims(),
                booking.holdLedgers(), booking.idempotencyKeys(), ids, clock, holdDuration);
    }

    /**
     * Best available makes its holds through {@link HoldingSeats}' path, and proposes seats from the round's snapshot,
     * re-read at most once per {@code madang.seat-map.freshness} per instance; after a refused seat write, from the
     * asked sections' rows of the seat inventory.
     */
    @Produces
    @Singleton
    HoldingBestAvailable bestAvailable(HoldingSeats holding, DynamoCatalog catalog,
                                       @ConfigProperty(name = "madang.seat-map.freshness") Duration snapshotFreshness) {
        return new HoldingBestAvailable(holding, catalog.seatMapSnapshots(), catalog.seatInventory(), snapshotFreshness,
                HoldingBestAvailable.DEFAULT_SHUFFLE_TOP, new Random()); // Random is thread-safe
    }
}
