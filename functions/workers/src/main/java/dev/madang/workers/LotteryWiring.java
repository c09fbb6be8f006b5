package dev.madang.workers;

import dev.madang.aws.booking.DynamoBooking;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.lottery.DynamoLotteries;
import dev.madang.aws.lottery.DynamoOfferPayments;
import dev.madang.aws.lottery.LotteryWorkflowTasks;
import dev.madang.aws.lottery.SqsLotteryNotifications;
import dev.madang.aws.lottery.StepFunctionsDrawWaits;
import dev.madang.aws.order.DynamoOrders;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.common.Ids;
import dev.madang.domain.lottery.DrawingNow;
import dev.madang.domain.lottery.ReleasingLotterySeats;
import dev.madang.domain.lottery.RunningLottery;
import dev.madang.domain.lottery.TellingEntrants;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;

/** The lottery workers' composition root, in plain Java, like {@link dev.madang.aws.order.PaymentTaskWiring}. */
public final class LotteryWiring {

    /** The tables the lottery tasks read and write, by their physical names. */
    public record Tables(String catalog, String seats, String orders, String lottery) {
    }

    /**
     * The services besides DynamoDB: Step Functions (draw now ends the workflow's wait) and the notification queue
     * (entrants hear how the draw went).
     */
    public record Messaging(SfnClient sfn, SqsClient sqs, String notificationQueueUrl) {
    }

    private LotteryWiring() {
    }

    public static LotteryWorkflowTasks tasks(DynamoDbClient dynamo, Messaging messaging, Tables tables, Clock clock) {
        DynamoLotteries lotteries = new DynamoLotteries(dynamo, tables.lottery());
        return new LotteryWorkflowTasks(running(dynamo, tables, clock),
                new DrawingNow(lotteries, new StepFunctionsDrawWaits(messaging.sfn()), clock),
                new TellingEntrants(lotteries, new SqsLotteryNotifications(messaging.sqs(),
                        messaging.notificationQueueUrl())),
                new ReleasingLotterySeats(new DynamoCatalog(dynamo, tables.catalog(), tables.seats()).rounds(),
                        lotteries, clock));
    }

    /** The use case behind the draw tasks (also what a result view or a test reads the lottery through). */
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
