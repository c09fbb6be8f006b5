package dev.madang.domain.order;

/**
 * The payment workflow engine (Step Functions): one execution per order, named by the order id, waiting on task
 * tokens for the PG's result and for a deposit.
 */
public interface PaymentWorkflows {

    /** Starts the order's workflow; starting it again for the same order is harmless. */
    void start(String orderId, long paymentWaitSeconds);

    /**
     * Ends a wait with a result (JSON). False when the token is no longer waiting (already answered, timed out):
     * a duplicate signal changes nothing.
     */
    boolean succeed(String taskToken, String outputJson);

    /** Ends a wait with a named error (e.g. {@code OrderCancelled}); false when the token is no longer waiting. */
    boolean fail(String taskToken, String error, String cause);
}
