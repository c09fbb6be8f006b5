package dev.madang.workers;

import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.domain.catalog.RefreshingSeatMaps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/** Wires worker use cases to their adapters from the environment template.yaml gives each function. */
@ApplicationScoped
public class WorkerBeans {

    @Produces
    @Singleton
    DynamoDbClient dynamo(@ConfigProperty(name = "madang.aws.region") String region,
                          @ConfigProperty(name = "madang.aws.endpoint.dynamodb") Optional<URI> endpoint) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder().region(Region.of(region))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(endpoint.isPresent()
                        ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                        : DefaultCredentialsProvider.builder().build());
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Produces
    @Singleton
    RefreshingSeatMaps refreshing(DynamoDbClient dynamo,
                                  @ConfigProperty(name = "madang.tables.catalog") String catalogTable,
                                  @ConfigProperty(name = "madang.tables.seats") String seatsTable) {
        DynamoCatalog c = new DynamoCatalog(dynamo, catalogTable, seatsTable);
        return new RefreshingSeatMaps(c.performances(), c.rounds(), c.venues(), c.seatInventory(),
                c.seatMapSnapshots(), Clock.systemUTC());
    }
}
