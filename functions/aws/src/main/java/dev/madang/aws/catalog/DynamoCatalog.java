package dev.madang.aws.catalog;

import dev.madang.domain.catalog.Performances;
import dev.madang.domain.catalog.Rounds;
import dev.madang.domain.catalog.SeatInventory;
import dev.madang.domain.catalog.SeatMapSnapshots;
import dev.madang.domain.catalog.Venues;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The only public door to the catalog adapters; callers see the domain ports, never the item mapping. */
public final class DynamoCatalog {

    private final DynamoDbClient dynamo;
    private final String catalogTable;
    private final String seatsTable;

    public DynamoCatalog(DynamoDbClient dynamo, String catalogTable, String seatsTable) {
        this.dynamo = dynamo;
        this.catalogTable = catalogTable;
        this.seatsTable = seatsTable;
    }

    public Venues venues() {
        return new DynamoVenues(dynamo, catalogTable);
    }

    public Performances performances() {
        return new DynamoPerformances(dynamo, catalogTable);
    }

    public Rounds rounds() {
        return new DynamoRounds(dynamo, catalogTable);
    }

    public SeatInventory seatInventory() {
        return new DynamoSeatInventory(dynamo, seatsTable);
    }

    public SeatMapSnapshots seatMapSnapshots() {
        return new DynamoSeatMapSnapshots(dynamo, seatsTable);
    }
}
