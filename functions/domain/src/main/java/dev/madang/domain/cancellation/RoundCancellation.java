package dev.madang.domain.cancellation;

import java.time.Instant;

/**
 * An organiser called a round off (공연 취소): every paid order of it is refunded in full, without fees.
 *
 * @param orders   the PAID orders found when it was cancelled, each sent to the refund queue
 * @param amount   what those orders had paid
 * @param enqueued whether every one of them is on the refund queue (a start that failed half way is resumed)
 */
public record RoundCancellation(String roundId, String cancelledBy, Instant cancelledAt, int orders, long amount,
                                boolean enqueued) {
}
