package dev.madang.aws.account;

import dev.madang.domain.account.EmailAddress;
import dev.madang.domain.account.LoginAttempts;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;

/**
 * Failed logins per e-mail in the accounts table, one counter per minute:
 * {@code pk = LOGINFAIL#email, sk = <minute start>}, attribute {@code failures}.
 * <pre>
 * | pattern                         | key condition                                       | index |
 * |---------------------------------|-----------------------------------------------------|-------|
 * | record a failure                | pk = LOGINFAIL#email, sk = minute of the failure    | table |
 * |                                 | (UpdateItem ADD failures 1)                         |       |
 * | count failures in the window    | pk = LOGINFAIL#email, sk BETWEEN minute(now -       | table |
 * |                                 | window) AND minute(now) (Query, at most 16 items)   |       |
 * | clear after a successful login  | the same Query, then DeleteItem per counter         | table |
 * </pre>
 * A window is the sum of its minutes, so it slides (no double burst at a fixed boundary) and its start is rounded
 * down to a minute: a failure up to a minute older than the window may still count, never one inside it less.
 * Recording needs no read and no condition. {@code expiresAtEpoch} is a TTL for clean-up only, well after a counter
 * stops mattering; the key range decides what counts.
 */
final class DynamoLoginAttempts implements LoginAttempts {

    /** Counters live this long after their minute ends; the rule never looks back more than its window. */
    private static final Duration KEEP = Duration.ofHours(24);

    private final DynamoDbClient dynamo;
    private final String table;

    DynamoLoginAttempts(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void recordFailure(String email, Instant at) {
        String pk = AccountKeys.failuresPartition(EmailAddress.normalise(email));
        long expires = at.plus(AccountKeys.FAILURE_BUCKET).plus(KEEP).getEpochSecond();
        dynamo.updateItem(r -> r.tableName(table)
                .key(Map.of("pk", s(pk), "sk", s(AccountKeys.failureBucket(at))))
                .updateExpression("ADD failures :one SET expiresAtEpoch = :ttl")
                .expressionAttributeValues(Map.of(":one", n(1), ":ttl", n(expires))));
    }

    @Override
    public int recentFailures(String email, Instant now, Duration window) {
        int total = 0;
        for (Map<String, AttributeValue> item : counters(email, now, window, "failures")) {
            AttributeValue failures = item.get("failures");
            total += failures == null ? 0 : Integer.parseInt(failures.n());
        }
        return total;
    }

    @Override
    public void clear(String email, Instant now, Duration window) {
        for (Map<String, AttributeValue> item : counters(email, now, window, "pk, sk")) {
            dynamo.deleteItem(r -> r.tableName(table).key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
        }
    }

    private List<Map<String, AttributeValue>> counters(String email, Instant now, Duration window, String projection) {
        String pk = AccountKeys.failuresPartition(EmailAddress.normalise(email));
        return dynamo.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                        .projectionExpression(projection)
                        .expressionAttributeValues(Map.of(":pk", s(pk),
                                ":from", s(AccountKeys.failureBucket(now.minus(window))),
                                ":to", s(AccountKeys.failureBucket(now))))
                        .build())
                .items().stream().toList();
    }
}
