package dev.madang.api.booking;

import dev.madang.aws.booking.DynamoBooking;
import dev.madang.aws.catalog.DynamoCatalog;
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

/** Wires the hold use case to its adapters. */
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
        CachedCatalog cached = new CachedCatalog(catalog.rounds(), catalog.venues(), clock, catalogFreshness,
                Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "catalog-refresh");
                    t.setDaemon(true);
                    return t;
                }));
        DynamoBooking booking = new DynamoBooking(dynamo, seatsTable);
        return new HoldingSeats(cached, new RecentlyTakenSeats(clock, failedSeatMemory), booking.seatClaims(),
                booking.holdLedgers(), booking.idempotencyKeys(), ids, clock, holdDuration);
    }
}
