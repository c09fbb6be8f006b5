package dev.madang.api.pricing;

import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.pricing.DynamoTimeSales;
import dev.madang.domain.pricing.SettingTimeSales;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/** Wires the organisers' time sales to the catalog table (the job that runs them is a worker). */
@ApplicationScoped
public class PricingBeans {

    @Produces
    @Singleton
    SettingTimeSales timeSales(DynamoDbClient dynamo, DynamoCatalog catalog, Clock clock,
                               @ConfigProperty(name = "madang.tables.catalog") String table) {
        return new SettingTimeSales(new DynamoTimeSales(dynamo, table), catalog.rounds(), clock);
    }
}
