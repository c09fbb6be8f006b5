package dev.madang.api.community;

import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.community.DynamoRooms;
import dev.madang.aws.order.DynamoOrders;
import dev.madang.domain.common.Ids;
import dev.madang.domain.community.Rooms;
import dev.madang.domain.community.TicketHoldersFromOrders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/** Wires the performance rooms to the community table, the catalog and the fans' tickets. */
@ApplicationScoped
public class CommunityBeans {

    @Produces
    @Singleton
    Rooms rooms(DynamoDbClient dynamo, DynamoCatalog catalog, DynamoOrders orders, Ids ids, Clock clock,
                @ConfigProperty(name = "madang.tables.community") String table) {
        DynamoRooms rooms = new DynamoRooms(dynamo, table);
        return new Rooms(rooms, catalog.performances(), new TicketHoldersFromOrders(orders), rooms, rooms, ids,
                clock);
    }
}
