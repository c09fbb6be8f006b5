package dev.madang.api.alerts;

import dev.madang.aws.alerts.DynamoGenreFollows;
import dev.madang.aws.alerts.DynamoWaitlists;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.domain.alerts.FollowingGenres;
import dev.madang.domain.common.Ids;
import dev.madang.domain.waitlist.SubscribingToWaitlists;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/** Wires the waitlist and genre-follow use cases to the alerts table. */
@ApplicationScoped
public class AlertBeans {

    @Produces
    @Singleton
    SubscribingToWaitlists subscribing(DynamoCatalog catalog, DynamoDbClient dynamo, Ids ids, Clock clock,
                                       @ConfigProperty(name = "madang.tables.alerts") String table) {
        return new SubscribingToWaitlists(catalog.rounds(), new DynamoWaitlists(dynamo, table), ids, clock);
    }

    @Produces
    @Singleton
    FollowingGenres following(DynamoDbClient dynamo, Clock clock,
                              @ConfigProperty(name = "madang.tables.alerts") String table) {
        return new FollowingGenres(new DynamoGenreFollows(dynamo, table), clock);
    }
}
