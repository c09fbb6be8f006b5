package dev.madang.aws.captcha;

import dev.madang.domain.captcha.Challenges;
import dev.madang.domain.captcha.SpentPasses;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The public door to the captcha's stores, both in the accounts table ({@code AccountsTable}): short-lived items
 * about one account, cleaned up by the table's TTL, like pending social logins and failed-login counters.
 * <pre>
 * | pattern                                         | key condition                                        | index |
 * |-------------------------------------------------|------------------------------------------------------|-------|
 * | issue a challenge                               | PutItem pk = CAPTCHA#challengeId, sk = CHALLENGE,    | table |
 * |                                                 | IF attribute_not_exists(pk)                          |       |
 * | answer it, once (spent whatever the answer)     | UpdateItem SET answeredAt IF accountId = :caller AND | table |
 * |                                                 | attribute_not_exists(answeredAt), ALL_NEW            |       |
 * | why an answer was refused (only then)           | GetItem pk = CAPTCHA#challengeId (consistent)        | table |
 * | spend a pass, once                              | PutItem pk = CAPTCHAPASS#passId, sk = SPENT,         | table |
 * |                                                 | IF attribute_not_exists(pk)                          |       |
 * </pre>
 * {@code expiresAtEpoch} (an hour after the challenge or the pass expires) only cleans up: whether a challenge is
 * current is decided by its {@code expiresAt}, and a spent pass's record outlives the pass.
 */
public final class DynamoCaptchas {

    private final DynamoDbClient dynamo;
    private final String accountsTable;

    public DynamoCaptchas(DynamoDbClient dynamo, String accountsTable) {
        this.dynamo = dynamo;
        this.accountsTable = accountsTable;
    }

    public Challenges challenges() {
        return new DynamoChallenges(dynamo, accountsTable);
    }

    public SpentPasses spentPasses() {
        return new DynamoSpentPasses(dynamo, accountsTable);
    }
}
