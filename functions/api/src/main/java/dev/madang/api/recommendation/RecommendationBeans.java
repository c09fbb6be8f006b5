package dev.madang.api.recommendation;

import dev.madang.aws.alerts.DynamoPerformanceViews;
import dev.madang.aws.recommendation.DynamoRecommendationLists;
import dev.madang.domain.recommendation.PerformanceViews;
import dev.madang.domain.recommendation.ViewingRecommendations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/** Wires the recommendation pages to the lists the job keeps (catalog table), and fans' views (alerts table). */
@ApplicationScoped
public class RecommendationBeans {

    @Produces
    @Singleton
    ViewingRecommendations viewing(DynamoDbClient dynamo, Clock clock,
                                   @ConfigProperty(name = "madang.tables.catalog") String table) {
        return new ViewingRecommendations(new DynamoRecommendationLists(dynamo, table), clock);
    }

    @Produces
    @Singleton
    PerformanceViews views(DynamoDbClient dynamo, @ConfigProperty(name = "madang.tables.alerts") String table) {
        return new DynamoPerformanceViews(dynamo, table);
    }
}
