package dev.madang.aws.notification;

import dev.madang.aws.support.Attr;
import dev.madang.aws.support.Cursors;
import dev.madang.domain.common.Page;
import dev.madang.domain.notification.Deliveries;
import dev.madang.domain.notification.Inbox;
import dev.madang.domain.notification.Notification;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;

/**
 * The inbox and the delivery records in the accounts table (docs/architecture.md, "Table access patterns"):
 * <ul>
 *   <li>{@code INBOX#<accountId>} / {@code NOTE#<notificationId>}: one line; the id is a ULID, so a query of the
 *       partition backwards is newest first;</li>
 *   <li>{@code INBOX#<accountId>} / {@code UNREAD}: the unread count, moved in the same transaction as the line it
 *       counts, so reading the count is one item however long the inbox;</li>
 *   <li>{@code DELIVERY#<deliveryKey>} / {@code DELIVERY}: written with the line, on condition that it is new: a
 *       redelivered message finds it and adds nothing; it carries the e-mail's claim ({@code mail} SENDING with
 *       {@code mailClaimedAt}, then SENT) and expires after 30 days by TTL, past SQS's 14-day retention and any
 *       producer's retries.</li>
 * </ul>
 */
public final class DynamoInbox implements Inbox, Deliveries {

    static final Duration DELIVERY_RECORD_LIFE = Duration.ofDays(30);
    private static final String SENDING = "SENDING";
    private static final String SENT = "SENT";
    private static final List<String> CURSOR_KEY = List.of("pk", "sk");

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoInbox(DynamoDbClient dynamo, String accountsTable) {
        this.dynamo = dynamo;
        this.table = accountsTable;
    }

    static String inbox(String accountId) {
        return "INBOX#" + accountId;
    }

    private static Map<String, AttributeValue> line(String accountId, String notificationId) {
        return Map.of("pk", s(inbox(accountId)), "sk", s("NOTE#" + notificationId));
    }

    private static Map<String, AttributeValue> counter(String accountId) {
        return Map.of("pk", s(inbox(accountId)), "sk", s("UNREAD"));
    }

    private static Map<String, AttributeValue> delivery(String deliveryKey) {
        return Map.of("pk", s("DELIVERY#" + deliveryKey), "sk", s("DELIVERY"));
    }

    @Override
    public boolean addToInbox(String deliveryKey, Notification n) {
        Map<String, AttributeValue> record = new HashMap<>(delivery(deliveryKey));
        record.put("notificationId", s(n.id()));
        record.put("expiresAtEpoch", n(n.createdAt().plus(DELIVERY_RECORD_LIFE).getEpochSecond()));
        Map<String, AttributeValue> item = new HashMap<>(line(n.accountId(), n.id()));
        item.put("type", s(n.type()));
        item.put("title", s(n.title()));
        item.put("body", s(n.body()));
        item.put("createdAt", Attr.time(n.createdAt()));
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    w -> w.put(p -> p.tableName(table).item(record).conditionExpression("attribute_not_exists(pk)")),
                    w -> w.put(p -> p.tableName(table).item(item)),
                    w -> w.update(u -> u.tableName(table).key(counter(n.accountId()))
                            .updateExpression("ADD unread :one").expressionAttributeValues(Map.of(":one", n(1))))));
            return true;
        } catch (TransactionCanceledException cancelled) {
            if (cancelled.hasCancellationReasons() && !cancelled.cancellationReasons().isEmpty()
                    && "ConditionalCheckFailed".equals(cancelled.cancellationReasons().get(0).code())) {
                return false;
            }
            throw cancelled;
        }
    }

    @Override
    public MailClaim claimMail(String deliveryKey, Instant now, Duration lease) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(delivery(deliveryKey))
                    .updateExpression("SET mail = :sending, mailClaimedAt = :now")
                    .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(mail) "
                            + "OR (mail = :sending AND mailClaimedAt < :stale))")
                    .expressionAttributeValues(Map.of(":sending", s(SENDING), ":now", n(now.toEpochMilli()),
                            ":stale", n(now.minus(lease).toEpochMilli()))));
            return MailClaim.CLAIMED;
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(delivery(deliveryKey))
                    .consistentRead(true)).item();
            if (item == null || item.isEmpty()) {
                throw new IllegalStateException("no delivery record for " + deliveryKey + ": add it to the inbox first");
            }
            return SENT.equals(Attr.str(item, "mail")) ? MailClaim.SENT : MailClaim.IN_PROGRESS;
        }
    }

    @Override
    public void mailSent(String deliveryKey) {
        dynamo.updateItem(u -> u.tableName(table).key(delivery(deliveryKey)).updateExpression("SET mail = :sent")
                .conditionExpression("attribute_exists(pk)").expressionAttributeValues(Map.of(":sent", s(SENT))));
    }

    @Override
    public void releaseMail(String deliveryKey) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(delivery(deliveryKey))
                    .updateExpression("REMOVE mail, mailClaimedAt").conditionExpression("mail = :sending")
                    .expressionAttributeValues(Map.of(":sending", s(SENDING))));
        } catch (ConditionalCheckFailedException notOurs) {
            // sent meanwhile, or never claimed: nothing to give back
        }
    }

    @Override
    public InboxPage page(String accountId, String cursor, int limit) {
        Map<String, AttributeValue> start = cursor == null ? null : Cursors.decode(cursor, CURSOR_KEY);
        if (start != null && (!start.get("pk").s().equals(inbox(accountId)) || !start.get("sk").s().startsWith("NOTE#"))) {
            throw Cursors.foreign();
        }
        QueryResponse found = dynamo.query(q -> q.tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :note)")
                .expressionAttributeValues(Map.of(":pk", s(inbox(accountId)), ":note", s("NOTE#")))
                .scanIndexForward(false).limit(limit + 1).exclusiveStartKey(start));
        List<Map<String, AttributeValue>> items = found.items();
        List<Map<String, AttributeValue>> page = items.subList(0, Math.min(limit, items.size()));
        String next = items.size() > limit ? Cursors.encode(page.get(page.size() - 1), CURSOR_KEY) : null;
        return new InboxPage(new Page<>(page.stream().map(i -> notification(accountId, i)).toList(), next),
                unread(accountId));
    }

    private long unread(String accountId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(counter(accountId))).item();
        return item == null || !item.containsKey("unread") ? 0 : Math.max(0, Attr.num(item, "unread"));
    }

    @Override
    public Optional<Notification> find(String accountId, String notificationId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(line(accountId, notificationId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(notification(accountId, item));
    }

    @Override
    public Optional<Notification> markRead(String accountId, String notificationId, Instant at) {
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    w -> w.update(u -> u.tableName(table).key(line(accountId, notificationId))
                            .updateExpression("SET readAt = :at")
                            .conditionExpression("attribute_exists(pk) AND attribute_not_exists(readAt)")
                            .expressionAttributeValues(Map.of(":at", Attr.time(at)))),
                    w -> w.update(u -> u.tableName(table).key(counter(accountId))
                            .updateExpression("ADD unread :minus").expressionAttributeValues(Map.of(":minus", n(-1))))));
        } catch (TransactionCanceledException cancelled) {
            boolean lineRefused = cancelled.hasCancellationReasons() && cancelled.cancellationReasons().stream()
                    .map(CancellationReason::code).findFirst().filter("ConditionalCheckFailed"::equals).isPresent();
            if (!lineRefused) {
                throw cancelled;
            }
            // no such line for this fan, or read already: either way the stored line answers
        }
        return find(accountId, notificationId);
    }

    private static Notification notification(String accountId, Map<String, AttributeValue> item) {
        return new Notification(Attr.str(item, "sk").substring("NOTE#".length()), accountId, Attr.str(item, "type"),
                Attr.str(item, "title"), Attr.str(item, "body"), Attr.instant(item, "createdAt"),
                item.containsKey("readAt") ? Attr.instant(item, "readAt") : null);
    }
}
