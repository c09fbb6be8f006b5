package dev.madang.aws.lottery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.domain.lottery.EntryState;
import dev.madang.domain.lottery.LotteryNotifications;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draw news on the notification queue, ten to a SendMessageBatch call (SQS's most), so a section of 10,000 entrants
 * costs 1,000 requests. An entry SQS refuses (throttled, an internal error) is sent again, up to three rounds; what is
 * still refused then fails the task, and Step Functions retries the task (consumers de-duplicate). Bodies carry ids,
 * the outcome and the offer's seats, amount and deadline: no name, no e-mail.
 */
public final class SqsLotteryNotifications implements LotteryNotifications {

    static final int BATCH = 10;
    private static final int ROUNDS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsLotteryNotifications(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void tell(List<DrawNews> news) {
        for (int from = 0; from < news.size(); from += BATCH) {
            List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
            List<DrawNews> slice = news.subList(from, Math.min(news.size(), from + BATCH));
            for (int i = 0; i < slice.size(); i++) {
                batch.add(SendMessageBatchRequestEntry.builder().id(String.valueOf(i)).messageBody(body(slice.get(i)))
                        .build());
            }
            send(batch);
        }
    }

    private void send(List<SendMessageBatchRequestEntry> batch) {
        List<SendMessageBatchRequestEntry> pending = batch;
        for (int round = 1; !pending.isEmpty(); round++) {
            List<SendMessageBatchRequestEntry> sending = pending;
            SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(sending));
            if (response.failed().isEmpty()) {
                return;
            }
            if (round >= ROUNDS || response.failed().stream().anyMatch(BatchResultErrorEntry::senderFault)) {
                throw new IllegalStateException("the notification queue refused " + response.failed().size()
                        + " draw messages: " + response.failed().get(0).code());
            }
            List<String> failedIds = response.failed().stream().map(BatchResultErrorEntry::id).toList();
            pending = sending.stream().filter(e -> failedIds.contains(e.id())).toList();
        }
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
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers is always JSON", e);
        }
    }
}
