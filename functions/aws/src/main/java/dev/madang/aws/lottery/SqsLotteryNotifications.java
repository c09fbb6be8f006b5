package dev.madang.aws.lottery;

import dev.madang.aws.support.SqsBatches;
import dev.madang.domain.lottery.EntryState;
import dev.madang.domain.lottery.LotteryNotifications;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draw news on the notification queue, ten to a SendMessageBatch call ({@link SqsBatches}), so a section of 10,000
 * entrants costs 1,000 requests; what SQS still refuses fails the task, and Step Functions retries the task (consumers
 * de-duplicate). Bodies carry ids,
 * the outcome and the offer's seats, amount and deadline: no name, no e-mail.
 */
public final class SqsLotteryNotifications implements LotteryNotifications {

    private final SqsBatches queue;

    public SqsLotteryNotifications(SqsClient sqs, String queueUrl) {
        this.queue = new SqsBatches(sqs, queueUrl);
    }

    @Override
    public void tell(List<DrawNews> news) {
        queue.send(news.stream().map(SqsLotteryNotifications::body).toList(), "draw messages");
    }

    static String body(DrawNews n) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", n.outcome() == EntryState.WON ? "LOTTERY_WON" : "LOTTERY_LOST");
        body.put("roundId", n.roundId());
        body.put("drawNumber", n.drawNumber());
        body.put("entryId", n.entryId());
        body.put("accountId", n.accountId());
        if (n.offer() != null) {
            body.put("holdId", n.offer().holdId());
            body.put("seatIds", n.offer().seatIds());
            body.put("amount", n.offer().amount());
            body.put("payBy", n.offer().deadline().toString());
        }
        body.put("redrawsLeft", n.redrawsLeft());
        return SqsBatches.json(body);
    }
}
