package dev.madang.api.trade;

import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.order.DynamoOrders;
import dev.madang.aws.order.StepFunctionsPaymentWorkflows;
import dev.madang.aws.ticket.DynamoTickets;
import dev.madang.aws.trade.DynamoTrades;
import dev.madang.aws.trade.DynamoTransferFees;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.common.Ids;
import dev.madang.domain.trade.AcceptingTrades;
import dev.madang.domain.trade.ListingTickets;
import dev.madang.domain.trade.OrderingTransfers;
import dev.madang.domain.trade.RequestingTrades;
import dev.madang.domain.trade.SearchingListings;
import dev.madang.domain.trade.SettingTransferFees;
import dev.madang.domain.trade.TicketHolders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;
import dev.madang.aws.notification.SqsNotificationQueue;

/**
 * Wires the trade board (exchange and transfer) on its DynamoDB adapters. Handing a paid transfer's seat over is the
 * payment workers' step ({@code PaymentTaskWiring}); the API only creates the buyer's order and starts its workflow.
 */
@ApplicationScoped
public class TradeBeans {

    /** The board's one catalog cache: layouts never change, so seat rows and numbers cost no read once warm. */
    @Produces
    @Singleton
    TradeCatalog tradeCatalog(DynamoCatalog catalog, Clock clock,
                              @ConfigProperty(name = "madang.holds.catalog-freshness") Duration freshness) {
        return new TradeCatalog(new CachedCatalog(catalog.rounds(), catalog.venues(), clock, freshness,
                Runnable::run));
    }

    /** A qualifier-free holder, so the board's cache is not mistaken for another bean's. */
    record TradeCatalog(CachedCatalog cached) {
    }

    @Produces
    @Singleton
    DynamoTrades trades(DynamoDbClient dynamo, @ConfigProperty(name = "madang.tables.orders") String orders,
                        @ConfigProperty(name = "madang.tables.seats") String seats) {
        return new DynamoTrades(dynamo, orders, seats);
    }

    @Produces
    @Singleton
    ListingTickets listing(DynamoTrades trades, DynamoTickets tickets, DynamoOrders orders, TradeCatalog catalog,
                           Ids ids, Clock clock) {
        return new ListingTickets(trades, tickets, orders, catalog.cached(), ids, clock);
    }

    @Produces
    @Singleton
    SearchingListings searching(DynamoTrades trades, DynamoOrders orders, TradeCatalog catalog) {
        return new SearchingListings(trades, orders, catalog.cached());
    }

    @Produces
    @Singleton
    RequestingTrades requesting(DynamoTrades trades, DynamoOrders orders, TradeCatalog catalog, Ids ids,
                                Clock clock) {
        return new RequestingTrades(trades, orders, catalog.cached(), ids, clock);
    }

    @Produces
    @Singleton
    AcceptingTrades accepting(DynamoTrades trades, DynamoTickets tickets, DynamoOrders orders, TradeCatalog catalog,
                              SqsClient sqs, Clock clock,
                              @ConfigProperty(name = "madang.notification.queue-url") String notificationQueueUrl) {
        return new AcceptingTrades(trades, tickets, orders, catalog.cached(),
                new SqsNotificationQueue(sqs, notificationQueueUrl).trades(), clock);
    }

    @Produces
    @Singleton
    OrderingTransfers ordering(DynamoTrades trades, DynamoTickets tickets, DynamoOrders orders,
                               StepFunctionsPaymentWorkflows workflows, Clock clock) {
        return new OrderingTransfers(trades, tickets, orders, workflows, clock);
    }

    @Produces
    @Singleton
    TicketHolders holders(DynamoTickets tickets) {
        return new TicketHolders(tickets);
    }

    @Produces
    @Singleton
    SettingTransferFees transferFees(DynamoDbClient dynamo, DynamoCatalog catalog,
                                     @ConfigProperty(name = "madang.tables.catalog") String table) {
        return new SettingTransferFees(catalog.performances(), new DynamoTransferFees(dynamo, table));
    }
}
