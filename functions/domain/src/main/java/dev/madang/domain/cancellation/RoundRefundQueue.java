package dev.madang.domain.cancellation;

import java.util.List;

/**
 * One message per order to refund because its round was cancelled. Delivered at least once: the consumer
 * ({@link CancellingRounds#refundOrder}) is harmless to repeat, and a message it fails on comes back later.
 */
public interface RoundRefundQueue {

    void enqueue(String roundId, List<String> orderIds);
}
