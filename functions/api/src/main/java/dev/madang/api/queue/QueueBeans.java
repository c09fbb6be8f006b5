package dev.madang.api.queue;

import dev.madang.api.account.CurrentSigningKeys;
import dev.madang.api.ticket.PublishedKeys;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.queue.DynamoWaitingRooms;
import dev.madang.domain.queue.AdmissionGate;
import dev.madang.domain.queue.ManagingWaitingRooms;
import dev.madang.domain.queue.QueueTokens;
import dev.madang.domain.queue.WaitingLine;
import dev.madang.domain.queue.WaitingRooms;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Wires the waiting room. Its tokens are signed with the API's signing keys (asked for only when a place or an
 * admission is issued, so only the waiting room's function reads the signing secret) and checked with the published
 * keys, which is all the booking routes' gate needs.
 */
@ApplicationScoped
public class QueueBeans {

    @Produces
    @Singleton
    WaitingRooms rooms(DynamoDbClient dynamo, @ConfigProperty(name = "madang.tables.catalog") String catalog,
                       @ConfigProperty(name = "madang.tables.waiting-room") String table) {
        return new DynamoWaitingRooms(dynamo, catalog, table, WaitingLine.SHARDS);
    }

    @Produces
    @Singleton
    QueueTokens tokens(Instance<CurrentSigningKeys> signing, PublishedKeys keys) {
        return new JwsQueueTokens(() -> signing.get().current(), keys);
    }

    @Produces
    @Singleton
    WaitingLine line(WaitingRooms rooms, QueueTokens tokens, Clock clock) {
        return new WaitingLine(rooms, tokens, clock, new SecureRandom());
    }

    /** The gate shares the line's view of the rooms: an organiser's change made here is seen here at once. */
    @Produces
    @Singleton
    AdmissionGate gate(WaitingLine line, QueueTokens tokens, Clock clock) {
        return new AdmissionGate(line, tokens, clock);
    }

    @Produces
    @Singleton
    ManagingWaitingRooms managing(WaitingRooms rooms, DynamoCatalog catalog, WaitingLine line, Clock clock) {
        return new ManagingWaitingRooms(rooms, catalog.rounds(), line, clock);
    }
}
