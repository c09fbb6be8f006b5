package dev.madang.aws.account;

import dev.madang.domain.account.social.PendingSocialLogins;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;
import static dev.madang.aws.support.Attr.str;

/**
 * Pending social logins in the accounts table: PutItem pk = SOCIALSTATE#state, sk = PENDING, with the table's TTL
 * attribute at the expiry, and taken by one DeleteItem returning the old item. A delete is naturally once-only: of two
 * callbacks racing with one state, one gets the item and the other gets nothing. TTL deletion can lag by hours, so
 * take answers the expiry with the item and the use case refuses an expired one.
 */
final class DynamoPendingSocialLogins implements PendingSocialLogins {

    private final DynamoDbClient dynamo;
    private final String table;

    DynamoPendingSocialLogins(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void save(Pending pending) {
        Map<String, AttributeValue> item = new HashMap<>(key(pending.state()));
        item.put("provider", s(pending.provider()));
        item.put("redirectUri", s(pending.redirectUri().toString()));
        item.put("expiresAt", s(pending.expiresAt().toString()));
        item.put("expiresAtEpoch", n(pending.expiresAt().getEpochSecond()));
        dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public Optional<Pending> take(String state) {
        Map<String, AttributeValue> old = dynamo.deleteItem(r -> r.tableName(table).key(key(state))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        if (old == null || old.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Pending(state, str(old, "provider"), URI.create(str(old, "redirectUri")),
                Instant.parse(str(old, "expiresAt"))));
    }

    private static Map<String, AttributeValue> key(String state) {
        return Map.of("pk", s("SOCIALSTATE#" + state), "sk", s("PENDING"));
    }
}
