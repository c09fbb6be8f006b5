package dev.madang.aws.booking;

import dev.madang.aws.catalog.SeatKeys;
import dev.madang.domain.booking.SeatClaims;
import dev.madang.domain.catalog.Seat;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;

/**
 * Seat records in the seats table ({@code pk = SEAT#round#section#row, sk = seatId}, see {@link SeatKeys}). A hold
 * is one UpdateItem whose condition is the whole rule: no ticket, and no hold or an expired one (or this very hold,
 * so a retried request is harmless). Expiry is decided by that condition; {@code expiresAtEpoch} is a TTL attribute
 * for clean-up only, an hour after the hold ends.
 */
final class DynamoSeatClaims implements SeatClaims {

    private static final Duration CLEAN_UP_AFTER = Duration.ofHours(1);
    private static final String FREE = "attribute_not_exists(ticketId) AND "
            + "(attribute_not_exists(holdId) OR holdExpiresAt < :now OR holdId = :hold)";

    private final DynamoDbClient dynamo;
    private final String table;

    DynamoSeatClaims(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String roundId, Seat seat) {
        return Map.of("pk", s(SeatKeys.partitionKey(roundId, seat)), "sk", s(seat.id()));
    }

    @Override
    public boolean claim(String roundId, Seat seat, String holdId, String userId, Instant now, Instant expiresAt) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(roundId, seat))
                    .updateExpression("SET holdId = :hold, holderId = :user, holdExpiresAt = :exp, expiresAtEpoch = :ttl")
                    .conditionExpression(FREE)
                    .expressionAttributeValues(Map.of(
                            ":hold", s(holdId), ":user", s(userId), ":now", n(now.toEpochMilli()),
                            ":exp", n(expiresAt.toEpochMilli()),
                            ":ttl", n(expiresAt.plus(CLEAN_UP_AFTER).getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    /** A late or repeated release must never free a seat someone else has now: every "free" is conditional. */
    @Override
    public void release(String roundId, Seat seat, String holdId) {
        freeIf(roundId, seat, "holdId = :id AND attribute_not_exists(ticketId)", holdId);
    }

    @Override
    public boolean extend(String roundId, Seat seat, String holdId, Instant now, Instant newExpiresAt) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(roundId, seat))
                    .updateExpression("SET holdExpiresAt = :exp, expiresAtEpoch = :ttl")
                    .conditionExpression("holdId = :hold AND holdExpiresAt > :now AND attribute_not_exists(ticketId)")
                    .expressionAttributeValues(Map.of(":hold", s(holdId), ":now", n(now.toEpochMilli()),
                            ":exp", n(newExpiresAt.toEpochMilli()),
                            ":ttl", n(newExpiresAt.plus(CLEAN_UP_AFTER).getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException lapsed) {
            return false;
        }
    }

    /** A sold seat loses its TTL attribute: clean-up must never delete a ticket. */
    @Override
    public boolean issueTicket(String roundId, Seat seat, String holdId, String ticketId, String ownerId, Instant now) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(roundId, seat))
                    .updateExpression("SET ticketId = :ticket, ownerId = :owner REMOVE expiresAtEpoch")
                    .conditionExpression("ticketId = :ticket OR (attribute_not_exists(ticketId) AND holdId = :hold "
                            + "AND holdExpiresAt > :now)")
                    .expressionAttributeValues(Map.of(":ticket", s(ticketId), ":owner", s(ownerId),
                            ":hold", s(holdId), ":now", n(now.toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    @Override
    public void revokeTicket(String roundId, Seat seat, String ticketId) {
        freeIf(roundId, seat, "ticketId = :id", ticketId);
    }

    @Override
    public void returnToSale(String roundId, Seat seat, String holdId) {
        freeIf(roundId, seat, "holdId = :id", holdId);
    }

    /**
     * Clears whatever holds or sells the seat, only if {@code condition} (on {@code :id}) still holds; otherwise the
     * seat was freed already or is someone else's now (our hold expired and it was taken), and is left alone.
     */
    private void freeIf(String roundId, Seat seat, String condition, String id) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(roundId, seat))
                    .updateExpression("REMOVE ticketId, ownerId, holdId, holderId, holdExpiresAt, expiresAtEpoch")
                    .conditionExpression(condition)
                    .expressionAttributeValues(Map.of(":id", s(id))));
        } catch (ConditionalCheckFailedException freedOrNotOurs) {
            // nothing of ours to undo
        }
    }
}
