package dev.madang.workers;

import dev.madang.aws.booking.DynamoBooking;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.lottery.DynamoLotteries;
import dev.madang.aws.lottery.DynamoOfferPayments;
import dev.madang.aws.lottery.LotteryWorkflowTasks;
import dev.madang.aws.order.DynamoOrders;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.common.Ids;
import dev.madang.domain.lottery.RunningLottery;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;

/** The lottery workers' composition root, in plain Java, like {@link PaymentWiring}. */
public final class LotteryWiring {

    /** The tables the lottery tasks read and write, by their physical names. */
    public record Tables(String catalog, String seats, String orders, String lottery) {
    }

    private LotteryWiring() {
    }

    public static LotteryWorkflowTasks tasks(DynamoDbClient dynamo, Tables tables, Clock clock) {
        return new LotteryWorkflowTasks(running(dynamo, tables, clock));
    }

    /** The use case behind the tasks (also what a result view or a test reads the lottery through). */
    public static RunningLottery running(DynamoDbClient dynamo, Tables tables, Clock clock) {
        DynamoCatalog catalog = new DynamoCatalog(dynamo, tables.catalog(), tables.seats());
        DynamoBooking booking = new DynamoBooking(dynamo, tables.seats());
        CachedCatalog cached = new CachedCatalog(catalog.rounds(), catalog.venues(), clock, Duration.ofSeconds(10),
                Runnable::run);
        Ids ids = new Ids(clock);
        return new RunningLottery(cached, new DynamoLotteries(dynamo, tables.lottery()),
                catalog.seatInventory(), booking.seatClaims(), booking.holdLedgers(),
                new DynamoOfferPayments(new DynamoOrders(dynamo, tables.orders())), ids::next,
                RunningLottery.secureSeeds(), clock);
    }
}
