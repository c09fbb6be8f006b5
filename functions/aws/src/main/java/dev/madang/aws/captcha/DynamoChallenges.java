package dev.madang.aws.captcha;

import dev.madang.domain.captcha.Challenge;
import dev.madang.domain.captcha.Challenges;
import dev.madang.domain.captcha.SliderPuzzle;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.num;
import static dev.madang.aws.support.Attr.s;
import static dev.madang.aws.support.Attr.str;

/**
 * Challenges, one item each ({@link DynamoCaptchas} has the access patterns). The first answer is one conditional
 * write that marks the item answered and returns it, so no answer ever reads the answer before it is spent, and of
 * two answers racing for one puzzle exactly one gets it; only a refused answer pays a read, to say why.
 */
final class DynamoChallenges implements Challenges {

    static final Duration CLEAN_UP_AFTER = Duration.ofHours(1);

    private final DynamoDbClient dynamo;
    private final String table;

    DynamoChallenges(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static Map<String, AttributeValue> key(String challengeId) {
        return Map.of("pk", s("CAPTCHA#" + challengeId), "sk", s("CHALLENGE"));
    }

    @Override
    public void save(Challenge c) {
        Map<String, AttributeValue> item = new HashMap<>(key(c.challengeId()));
        item.put("accountId", s(c.accountId()));
        item.put("roundId", s(c.roundId()));
        item.put("pieceX", n(c.puzzle().pieceX()));
        item.put("pieceY", n(c.puzzle().pieceY()));
        item.put("issuedAt", n(c.issuedAt().toEpochMilli()));
        item.put("expiresAt", n(c.expiresAt().toEpochMilli()));
        item.put("expiresAtEpoch", n(c.expiresAt().plus(CLEAN_UP_AFTER).getEpochSecond()));
        dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public Take take(String challengeId, String accountId, Instant at) {
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(r -> r.tableName(table).key(key(challengeId))
                    .updateExpression("SET answeredAt = :at")
                    // another account's challenge is left untouched: its owner may still answer it
                    .conditionExpression("attribute_exists(pk) AND accountId = :account "
                            + "AND attribute_not_exists(answeredAt)")
                    .expressionAttributeValues(Map.of(":at", n(at.toEpochMilli()), ":account", s(accountId)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return new Take(Outcome.TAKEN, challenge(challengeId, item));
        } catch (ConditionalCheckFailedException refused) {
            Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(challengeId))
                    .consistentRead(true)).item();
            boolean mine = item != null && !item.isEmpty() && accountId.equals(str(item, "accountId"));
            return new Take(mine ? Outcome.ALREADY_ANSWERED : Outcome.NO_SUCH_CHALLENGE, null);
        }
    }

    private static Challenge challenge(String challengeId, Map<String, AttributeValue> item) {
        return new Challenge(challengeId, str(item, "accountId"), str(item, "roundId"),
                new SliderPuzzle((int) num(item, "pieceX"), (int) num(item, "pieceY")),
                Instant.ofEpochMilli(num(item, "issuedAt")), Instant.ofEpochMilli(num(item, "expiresAt")));
    }
}
