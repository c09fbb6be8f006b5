package dev.madang.aws.pricing;

import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.domain.catalog.ViewingSeatMap;
import dev.madang.domain.pricing.RunningTimeSales;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;

/** The time-sale job on its tables, for the worker, the local runner and the tests alike. */
public final class TimeSaleWiring {

    private TimeSaleWiring() {
    }

    /** Reads the sales, the rounds and how much of each grade is taken; writes the sales, rounds and price history. */
    public static RunningTimeSales running(DynamoDbClient dynamo, String catalogTable, String seatsTable, Clock clock) {
        DynamoCatalog catalog = new DynamoCatalog(dynamo, catalogTable, seatsTable);
        // no cache: one run reads each round once
        ViewingSeatMap seatMaps = new ViewingSeatMap(catalog.rounds(), catalog.venues(), catalog.seatMapSnapshots(),
                clock, Duration.ZERO);
        return new RunningTimeSales(new DynamoTimeSales(dynamo, catalogTable), catalog.rounds(), seatMaps, clock);
    }
}
