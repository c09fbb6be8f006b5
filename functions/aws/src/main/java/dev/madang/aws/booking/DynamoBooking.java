package dev.madang.aws.booking;

import dev.madang.domain.booking.HoldLedgers;
import dev.madang.domain.booking.IdempotencyKeys;
import dev.madang.domain.booking.SeatClaims;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The public door to the booking adapters (seat claims, hold ledgers and the fans' idempotency keys, all in the seats table). */
public final class DynamoBooking {

    private final DynamoDbClient dynamo;
    private final String seatsTable;

    public DynamoBooking(DynamoDbClient dynamo, String seatsTable) {
        this.dynamo = dynamo;
        this.seatsTable = seatsTable;
    }

    public SeatClaims seatClaims() {
        return new DynamoSeatClaims(dynamo, seatsTable);
    }

    public HoldLedgers holdLedgers() {
        return new DynamoHoldLedgers(dynamo, seatsTable);
    }

    public IdempotencyKeys idempotencyKeys() {
        return new DynamoIdempotencyKeys(dynamo, seatsTable);
    }
}
