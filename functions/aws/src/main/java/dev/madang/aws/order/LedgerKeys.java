package dev.madang.aws.order;

import dev.madang.domain.reconciliation.LedgerEntry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;

/**
 * The reconciliation ledger's items in the orders table: one per movement of money on our side, written in the same
 * transaction as the movement (an order made PAID, a ticket cancellation finished), under its Korea-time day:
 * {@code pk = LEDGER#<day>#<shard>}, {@code sk = <orderId>#APPROVAL} or {@code <orderId>#REFUND#<cancellationId>}.
 * A day is spread over {@value #SHARDS} partitions by order id, so an on-sale rush does not write one partition; the
 * reconciliation reads a day with one Query per shard. No GSI, no scan.
 */
final class LedgerKeys {

    static final int SHARDS = 8;
    static final ZoneId KOREA = ZoneId.of("Asia/Seoul");

    private LedgerKeys() {
    }

    static String partition(LocalDate day, int shard) {
        return "LEDGER#" + day + "#" + shard;
    }

    static int shardOf(String orderId) {
        return Math.floorMod(orderId.hashCode(), SHARDS);
    }

    static Map<String, AttributeValue> item(String orderId, LedgerEntry.Kind kind, long amount, Instant at,
                                            String reference) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(partition(LocalDate.ofInstant(at, KOREA), shardOf(orderId))));
        item.put("sk", s(orderId + "#" + kind + (reference == null ? "" : "#" + reference)));
        item.put("orderId", s(orderId));
        item.put("entryKind", s(kind.name()));
        item.put("amount", n(amount));
        item.put("at", s(at.toString()));
        if (reference != null) {
            item.put("reference", s(reference));
        }
        return item;
    }
}
