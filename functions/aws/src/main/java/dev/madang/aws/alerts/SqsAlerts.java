package dev.madang.aws.alerts;

import dev.madang.aws.support.SqsBatches;
import dev.madang.domain.alerts.GenreAlerts;
import dev.madang.domain.waitlist.WaitlistAlerts;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Waitlist and genre alerts on the notification queue, ten to a SendMessageBatch call. Bodies follow the queue's
 * contract (docs/waitlist.md): {@code type}, {@code accountId} and ids, never a name or an e-mail.
 * <ul>
 *   <li>{@code WAITLIST_SEATS_FREED} {subscriptionId, roundId, grade, partySize, releaseId}</li>
 *   <li>{@code GENRE_PERFORMANCE_SCHEDULED} {performanceId, genre}</li>
 *   <li>{@code GENRE_SALE_OPENING} {performanceId, genre, opensAt}</li>
 * </ul>
 */
public final class SqsAlerts implements WaitlistAlerts, GenreAlerts {

    private final SqsBatches queue;

    public SqsAlerts(SqsClient sqs, String queueUrl) {
        this.queue = new SqsBatches(sqs, queueUrl);
    }

    @Override
    public void tell(List<SeatsFreed> alerts) {
        queue.send(alerts.stream().map(SqsAlerts::body).toList(), "waitlist alerts");
    }

    @Override
    public void announce(List<GenreNews> news) {
        queue.send(news.stream().map(SqsAlerts::body).toList(), "genre alerts");
    }

    static String body(SeatsFreed a) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "WAITLIST_SEATS_FREED");
        body.put("accountId", a.accountId());
        body.put("subscriptionId", a.subscriptionId());
        body.put("roundId", a.roundId());
        body.put("grade", a.grade());
        body.put("partySize", a.partySize());
        body.put("releaseId", a.releaseId());
        return SqsBatches.json(body);
    }

    static String body(GenreNews n) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", n.kind() == Kind.SALE_OPENING ? "GENRE_SALE_OPENING" : "GENRE_PERFORMANCE_SCHEDULED");
        body.put("accountId", n.accountId());
        body.put("performanceId", n.performanceId());
        body.put("genre", n.genre().name());
        if (n.opensAt() != null) {
            body.put("opensAt", n.opensAt().toString());
        }
        return SqsBatches.json(body);
    }
}
