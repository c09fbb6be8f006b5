package dev.madang.workers;

import dev.madang.aws.alerts.DynamoGenreFollows;
import dev.madang.aws.alerts.DynamoPerformanceViews;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.order.DynamoOrders;
import dev.madang.aws.recommendation.DynamoRecommendationLists;
import dev.madang.domain.recommendation.ComputingRecommendations;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/** The recommendation job on its tables, for the worker and for the local runner alike. */
public final class RecommendationWiring {

    private RecommendationWiring() {
    }

    /** The tables it reads (catalog, orders, alerts) and writes (the lists, in the catalog table). */
    public record Tables(String catalog, String seats, String orders, String alerts) {
    }

    public static ComputingRecommendations computing(DynamoDbClient dynamo, Tables tables, Clock clock) {
        DynamoCatalog catalog = new DynamoCatalog(dynamo, tables.catalog(), tables.seats());
        return new ComputingRecommendations(catalog.performances(), catalog.rounds(),
                new DynamoOrders(dynamo, tables.orders()), new DynamoGenreFollows(dynamo, tables.alerts()),
                new DynamoPerformanceViews(dynamo, tables.alerts()),
                new DynamoRecommendationLists(dynamo, tables.catalog()), clock);
    }
}
