package dev.madang.aws.captcha;

import dev.madang.domain.captcha.SpentPasses;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.Map;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;

/**
 * Spent captcha passes, one item per pass id, written once ({@link DynamoCaptchas} has the access pattern): the
 * conditional put is the whole check, so a pass sent twice at once is spent by exactly one of the two.
 */
final class DynamoSpentPasses implements SpentPasses {

    private final DynamoDbClient dynamo;
    private final String table;

    DynamoSpentPasses(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean spend(String passId, Instant expiresAt) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s("CAPTCHAPASS#" + passId), "sk", s("SPENT"),
                            "expiresAtEpoch", n(expiresAt.plus(DynamoChallenges.CLEAN_UP_AFTER).getEpochSecond())))
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException spentAlready) {
            return false;
        }
    }
}
