package dev.madang.workers;

import dev.madang.aws.alerts.CatalogAnnouncements;
import dev.madang.aws.alerts.DynamoGenreFollows;
import dev.madang.aws.alerts.DynamoWaitlists;
import dev.madang.aws.alerts.SqsAlerts;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.domain.alerts.TellingGenreFollowers;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.catalog.RefreshingSeatMaps;
import dev.madang.domain.waitlist.TellingWaitlists;
import dev.madang.domain.waitlist.WatchingFreedSeats;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;

/** The waitlists' and genre alerts' composition root, in plain Java like {@link ReleaseWiring}: the workers and tests share it. */
public final class AlertWiring {

    /** How stale a round's booking modes may be when its freed seats are counted (a lottery's release shows by then). */
    static final Duration ROUND_FRESHNESS = Duration.ofSeconds(10);

    private AlertWiring() {
    }

    public record Tables(String catalog, String seats, String alerts) {
    }

    /** The seat-map refresher, whose snapshots are compared one after the other to tell the waitlists. */
    public static RefreshingSeatMaps refreshing(DynamoDbClient dynamo, SqsClient sqs, Tables tables, String queueUrl,
                                                Clock clock) {
        DynamoCatalog c = new DynamoCatalog(dynamo, tables.catalog(), tables.seats());
        TellingWaitlists telling = new TellingWaitlists(new DynamoWaitlists(dynamo, tables.alerts()),
                new SqsAlerts(sqs, queueUrl), clock);
        WatchingFreedSeats watched = new WatchingFreedSeats(c.seatMapSnapshots(),
                new CachedCatalog(c.rounds(), c.venues(), clock, ROUND_FRESHNESS, Runnable::run), telling);
        return new RefreshingSeatMaps(c.performances(), c.rounds(), c.venues(), c.seatInventory(), watched, clock);
    }

    public static CatalogAnnouncements genreAlerts(DynamoDbClient dynamo, SqsClient sqs, String alertsTable,
                                                   String queueUrl) {
        return new CatalogAnnouncements(new TellingGenreFollowers(new DynamoGenreFollows(dynamo, alertsTable),
                new SqsAlerts(sqs, queueUrl)));
    }
}
