package dev.madang.api.catalog;

import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.catalog.EventBridgeCatalogEvents;
import dev.madang.domain.catalog.BrowsingCatalog;
import dev.madang.domain.catalog.ManagingPerformances;
import dev.madang.domain.catalog.ManagingVenues;
import dev.madang.domain.catalog.SchedulingRounds;
import dev.madang.domain.catalog.ViewingSeatMap;
import dev.madang.domain.common.Ids;
import dev.madang.domain.exhibition.SchedulingEntrySlots;
import dev.madang.domain.exhibition.ViewingEntrySlots;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.time.Clock;
import java.time.Duration;

/** Wires the catalog use cases to their DynamoDB adapters; the only place the API names an adapter. */
@ApplicationScoped
public class CatalogBeans {

    @Produces
    @Singleton
    DynamoCatalog catalog(DynamoDbClient dynamo,
                          @ConfigProperty(name = "madang.tables.catalog") String catalogTable,
                          @ConfigProperty(name = "madang.tables.seats") String seatsTable) {
        return new DynamoCatalog(dynamo, catalogTable, seatsTable);
    }

    @Produces
    @Singleton
    Ids ids(Clock clock) {
        return new Ids(clock);
    }

    @Produces
    @Singleton
    BrowsingCatalog browsing(DynamoCatalog c, Clock clock) {
        return new BrowsingCatalog(c.performances(), c.rounds(), clock);
    }

    @Produces
    @Singleton
    ViewingSeatMap viewing(DynamoCatalog c, Clock clock,
                           @ConfigProperty(name = "madang.seat-map.freshness") Duration freshness,
                           @ConfigProperty(name = "madang.seat-map.snapshot-freshness") Duration snapshotFreshness) {
        return new ViewingSeatMap(c.rounds(), c.venues(), c.seatMapSnapshots(), clock, freshness, snapshotFreshness);
    }

    @Produces
    @Singleton
    ManagingVenues venues(DynamoCatalog c, Ids ids) {
        return new ManagingVenues(c.venues(), ids);
    }

    @Produces
    @Singleton
    ManagingPerformances performances(DynamoCatalog c, Ids ids) {
        return new ManagingPerformances(c.performances(), ids);
    }

    @Produces
    @Singleton
    SchedulingRounds rounds(DynamoCatalog c, Ids ids, Clock clock, EventBridgeClient events,
                            @ConfigProperty(name = "madang.catalog.event-bus") String bus) {
        return new SchedulingRounds(c.performances(), c.rounds(), c.venues(), ids, clock,
                new EventBridgeCatalogEvents(events, bus));
    }

    @Produces
    @Singleton
    SchedulingEntrySlots entrySlots(DynamoCatalog c, ManagingVenues venues, SchedulingRounds rounds, Clock clock) {
        return new SchedulingEntrySlots(c.performances(), venues, rounds, clock);
    }

    @Produces
    @Singleton
    ViewingEntrySlots viewingEntrySlots(DynamoCatalog c, ViewingSeatMap viewing, Clock clock,
                                        @ConfigProperty(name = "madang.seat-map.freshness") Duration freshness) {
        return new ViewingEntrySlots(c.rounds(), viewing, clock, freshness);
    }
}
