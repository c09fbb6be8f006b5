package dev.madang.api.lottery;

import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.lottery.DynamoLotteries;
import dev.madang.aws.lottery.StepFunctionsDrawWaits;
import dev.madang.aws.lottery.StepFunctionsLotteryWorkflows;
import dev.madang.domain.lottery.DrawingNow;
import dev.madang.domain.lottery.EnteringLotteries;
import dev.madang.domain.lottery.EntryIds;
import dev.madang.domain.lottery.OpeningLotteries;
import dev.madang.domain.lottery.ReadingLotteryResults;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.time.Clock;

/** Wires the lottery use cases of the API to their adapters. */
@ApplicationScoped
public class LotteryBeans {

    @Produces
    @Singleton
    DynamoLotteries lotteries(DynamoDbClient dynamo, @ConfigProperty(name = "madang.tables.lottery") String table) {
        return new DynamoLotteries(dynamo, table);
    }

    @Produces
    @Singleton
    OpeningLotteries opening(DynamoCatalog catalog, DynamoLotteries lotteries, SfnClient sfn, Clock clock,
                             @ConfigProperty(name = "madang.lottery.state-machine-arn") String stateMachineArn) {
        return new OpeningLotteries(catalog.rounds(), lotteries, new StepFunctionsLotteryWorkflows(sfn,
                stateMachineArn), clock);
    }

    /** Draw now: ends the workflow's wait with its task token (Step Functions SendTaskSuccess). */
    @Produces
    @Singleton
    DrawingNow drawing(DynamoLotteries lotteries, SfnClient sfn, Clock clock) {
        return new DrawingNow(lotteries, new StepFunctionsDrawWaits(sfn), clock);
    }

    @Produces
    @Singleton
    EnteringLotteries entering(DynamoCatalog catalog, DynamoLotteries lotteries, Clock clock) {
        return new EnteringLotteries(catalog.rounds(), lotteries, new EntryIds(), clock);
    }

    @Produces
    @Singleton
    ReadingLotteryResults results(DynamoLotteries lotteries) {
        return new ReadingLotteryResults(lotteries);
    }
}
