package dev.madang.api;

import dev.madang.aws.alerts.DynamoGenreFollows;
import dev.madang.aws.alerts.DynamoPerformanceViews;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.order.DynamoOrders;
import dev.madang.aws.recommendation.DynamoRecommendationLists;
import dev.madang.domain.recommendation.ComputingRecommendations;
import dev.madang.localstack.LocalAws;

import java.time.Clock;

/** The recommendation job on the tests' local stack, run when a test wants the lists (the worker runs it in AWS). */
public final class RecommendationJob {

    private RecommendationJob() {
    }

    public static ComputingRecommendations.Run run() {
        LocalAws aws = LocalAwsResource.aws();
        DynamoCatalog catalog = new DynamoCatalog(aws.dynamo(), aws.tableName("CatalogTable"),
                aws.tableName("SeatsTable"));
        return new ComputingRecommendations(catalog.performances(), catalog.rounds(),
                new DynamoOrders(aws.dynamo(), aws.tableName("OrdersTable")),
                new DynamoGenreFollows(aws.dynamo(), aws.tableName("AlertsTable")),
                new DynamoPerformanceViews(aws.dynamo(), aws.tableName("AlertsTable")),
                new DynamoRecommendationLists(aws.dynamo(), aws.tableName("CatalogTable")), Clock.systemUTC()).run();
    }
}
