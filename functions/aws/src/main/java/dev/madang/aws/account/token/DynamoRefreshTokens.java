package dev.madang.aws.account.token;

import dev.madang.domain.account.token.RefreshTokens;
import dev.madang.domain.account.token.RotatingRefreshTokens;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;
import static dev.madang.aws.support.Attr.str;

/**
 * Refresh tokens in the accounts table ({@code AccountsTable}, keys {@code pk}/{@code sk}, TTL attribute
 * {@code expiresAtEpoch}). Items:
 * <ul>
 *   <li>a token: {@code pk = REFRESH#<sha256 hex>, sk = TOKEN}, attributes {@code accountId}, {@code familyId},
 *       {@code status} (ACTIVE, USED, REVOKED), {@code expiresAt} (epoch seconds; the conditions enforce it),
 *       {@code usedAt}, and {@code expiresAtEpoch} = expiresAt + {@link #KEEP_AFTER_EXPIRY}, for clean-up only;</li>
 *   <li>a revoked family: {@code pk = FAMILY#<family id>, sk = REVOCATION}, {@code revoked = true},
 *       {@code revokedAt}, {@code expiresAtEpoch} = revocation + the token lifetime + {@link #KEEP_AFTER_EXPIRY}.
 *       A family that was never revoked has no item: the record's absence means "not revoked";</li>
 *   <li>the account's list of families: {@code pk = SESSIONS#<account id>, sk = FAMILY#<family id>}, attributes
 *       {@code familyId} and {@code liveUntil} (epoch seconds: the expiry of the family's newest token), and
 *       {@code expiresAtEpoch} = liveUntil + {@link #KEEP_AFTER_EXPIRY}. Every token saved moves both forward, so
 *       the entry outlives every token of its family.</li>
 * </ul>
 * <pre>
 * | pattern                      | key condition / write                                           | index |
 * |------------------------------|-----------------------------------------------------------------|-------|
 * | store a new token            | UpdateItem pk = SESSIONS#account, sk = FAMILY#id SET liveUntil, | table |
 * |                              | then PutItem pk = REFRESH#hash, sk = TOKEN,                     |       |
 * |                              |   attribute_not_exists(pk)                                      |       |
 * | find a presented token       | GetItem pk = REFRESH#hash, sk = TOKEN (consistent)              | table |
 * | spend it (the one write that | UpdateItem pk = REFRESH#hash, sk = TOKEN SET status = USED      | table |
 * |   decides a race)            |   IF status = ACTIVE AND expiresAt &gt; now                     |       |
 * | is its family revoked?       | GetItem pk = FAMILY#id, sk = REVOCATION (consistent)            | table |
 * | revoke a family (reuse,      | UpdateItem pk = FAMILY#id, sk = REVOCATION SET revoked = true   | table |
 * |   logout, password change)   |                                                                 |       |
 * | mark a token revoked (logout)| UpdateItem pk = REFRESH#hash, sk = TOKEN IF attribute_exists(pk)| table |
 * | an account's families        | Query pk = SESSIONS#account (consistent), liveUntil &gt; now    | table |
 * |   (password change)          |   (a filter: only the account's own entries are read)           |       |
 * </pre>
 * No scan, no index, no transaction: revoking a family is one write however many tokens it has, because every
 * rotation reads the family record (see {@link RotatingRefreshTokens} for the order of the steps), and ending all of
 * an account's sessions is one Query of its own partition plus one such write per family. A rotation is two
 * consistent reads and three writes, only one of them conditional.
 *
 * <p>The family entry is written before the token, so no token is ever stored whose family the list might miss.
 * Families started before the list existed are listed once they store their next token (their next refresh); until
 * then a password change does not end them, and a family that is never refreshed again expires with its token.
 *
 * <p>Why the TTLs are safe: a token past {@code expiresAt} is refused by the condition whether or not its item
 * still exists, so deleting it a day later changes nothing; keeping it that day lets a reuse just after expiry be
 * told apart from an unknown token in the logs. The revocation record outlives every token of its family: a token
 * minted by a rotation racing with the revocation expires at most the token lifetime after it, and the day's margin
 * covers that race. A family's list entry is kept a day past its newest token's expiry, which also covers two
 * rotations storing their tokens a moment out of order.
 */
public final class DynamoRefreshTokens implements RefreshTokens {

    /** How long items stay after they stop mattering, before the table's TTL may delete them. */
    static final Duration KEEP_AFTER_EXPIRY = Duration.ofDays(1);
    static final String TOKEN = "TOKEN";
    static final String REVOCATION = "REVOCATION";
    static final String SESSIONS = "SESSIONS#";
    static final String FAMILY = "FAMILY#";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration tokenTtl;

    public DynamoRefreshTokens(DynamoDbClient dynamo, String accountsTable) {
        this(dynamo, accountsTable, RotatingRefreshTokens.DEFAULT_TTL);
    }

    /** {@code tokenTtl} is the longest a token lives ({@link RotatingRefreshTokens#ttl()}), for the family record. */
    public DynamoRefreshTokens(DynamoDbClient dynamo, String accountsTable, Duration tokenTtl) {
        this.dynamo = dynamo;
        this.table = accountsTable;
        this.tokenTtl = tokenTtl;
    }

    static Map<String, AttributeValue> tokenKey(String hash) {
        return Map.of("pk", s("REFRESH#" + hash), "sk", s(TOKEN));
    }

    static Map<String, AttributeValue> familyKey(String familyId) {
        return Map.of("pk", s(FAMILY + familyId), "sk", s(REVOCATION));
    }

    static Map<String, AttributeValue> sessionKey(String accountId, String familyId) {
        return Map.of("pk", s(SESSIONS + accountId), "sk", s(FAMILY + familyId));
    }

    @Override
    public void save(StoredRefreshToken token) {
        long expires = token.expiresAt().getEpochSecond();
        dynamo.updateItem(r -> r.tableName(table).key(sessionKey(token.accountId(), token.familyId()))
                .updateExpression("SET familyId = :family, liveUntil = :expires, expiresAtEpoch = :keep")
                .expressionAttributeValues(Map.of(":family", s(token.familyId()), ":expires", n(expires),
                        ":keep", n(expires + KEEP_AFTER_EXPIRY.toSeconds()))));
        Map<String, AttributeValue> item = new HashMap<>(tokenKey(token.hash()));
        item.put("accountId", s(token.accountId()));
        item.put("familyId", s(token.familyId()));
        item.put("status", s(token.status().name()));
        item.put("expiresAt", n(expires));
        item.put("expiresAtEpoch", n(expires + KEEP_AFTER_EXPIRY.toSeconds()));
        dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public List<String> familiesOf(String accountId, Instant now) {
        List<String> families = new ArrayList<>();
        dynamo.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :family)")
                        .filterExpression("liveUntil > :now")
                        .projectionExpression("familyId")
                        .expressionAttributeValues(Map.of(":pk", s(SESSIONS + accountId), ":family", s(FAMILY),
                                ":now", n(now.getEpochSecond())))
                        .build())
                .items().forEach(item -> families.add(str(item, "familyId")));
        return families;
    }

    @Override
    public Optional<StoredRefreshToken> find(String hash) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(tokenKey(hash))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StoredRefreshToken(hash, str(item, "accountId"), str(item, "familyId"),
                Status.valueOf(str(item, "status")), Instant.ofEpochSecond(Long.parseLong(item.get("expiresAt").n()))));
    }

    @Override
    public boolean markUsed(String hash, Instant now) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(tokenKey(hash))
                    .updateExpression("SET #status = :used, usedAt = :now")
                    .conditionExpression("#status = :active AND expiresAt > :nowSeconds")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":used", s(Status.USED.name()),
                            ":active", s(Status.ACTIVE.name()), ":now", s(now.toString()),
                            ":nowSeconds", n(now.getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void markRevoked(String hash) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(tokenKey(hash))
                    .updateExpression("SET #status = :revoked")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":revoked", s(Status.REVOKED.name()))));
        } catch (ConditionalCheckFailedException e) {
            // unknown token: nothing to revoke
        }
    }

    @Override
    public void revokeFamily(String familyId, Instant now) {
        long keepUntil = now.plus(tokenTtl).plus(KEEP_AFTER_EXPIRY).getEpochSecond();
        dynamo.updateItem(r -> r.tableName(table).key(familyKey(familyId))
                .updateExpression("SET revoked = :true, revokedAt = if_not_exists(revokedAt, :now), "
                        + "expiresAtEpoch = :keep")
                .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true), ":now", s(now.toString()),
                        ":keep", n(keepUntil))));
    }

    @Override
    public boolean isFamilyRevoked(String familyId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(familyKey(familyId))
                .consistentRead(true)).item();
        AttributeValue revoked = item == null ? null : item.get("revoked");
        return revoked != null && Boolean.TRUE.equals(revoked.bool());
    }
}
