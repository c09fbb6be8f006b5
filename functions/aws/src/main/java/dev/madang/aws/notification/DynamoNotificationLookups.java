package dev.madang.aws.notification;

import dev.madang.aws.account.DynamoAccounts;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.order.DynamoOrders;
import dev.madang.domain.account.Account;
import dev.madang.domain.catalog.Performance;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.notification.NotificationLookups;
import dev.madang.domain.order.Order;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Optional;

/**
 * Rendering's reads: the account (its e-mail; accounts carry no language yet, so every fan is told in Korean), the
 * order's round, the round's performance and its title, each one GetItem through the stores the API uses.
 */
public final class DynamoNotificationLookups implements NotificationLookups {

    /** The tables rendering reads. */
    public record Tables(String accounts, String catalog, String seats, String orders) {
    }

    private final DynamoAccounts accounts;
    private final DynamoCatalog catalog;
    private final DynamoOrders orders;

    public DynamoNotificationLookups(DynamoDbClient dynamo, Tables tables) {
        this.accounts = new DynamoAccounts(dynamo, tables.accounts());
        this.catalog = new DynamoCatalog(dynamo, tables.catalog(), tables.seats());
        this.orders = new DynamoOrders(dynamo, tables.orders());
    }

    @Override
    public Optional<Recipient> recipient(String accountId) {
        return accounts.accounts().byId(accountId).filter(Account::isActive)
                .map(a -> new Recipient(a.email(), null));
    }

    @Override
    public Optional<String> performanceTitle(String performanceId) {
        return catalog.performances().find(performanceId).map(Performance::title);
    }

    @Override
    public Optional<String> performanceIdOfRound(String roundId) {
        return catalog.rounds().find(roundId).map(Round::performanceId);
    }

    @Override
    public Optional<String> roundIdOfOrder(String orderId) {
        return orders.byId(orderId).map(Order::roundId);
    }
}
