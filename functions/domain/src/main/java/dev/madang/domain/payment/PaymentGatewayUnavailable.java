package dev.madang.domain.payment;

/**
 * The PG could not be reached or kept failing (5xx, 429, its own "temporary error" codes, timeouts, connection
 * failures) after the adapter's bounded retries. Not a refusal: trying again later may succeed.
 *
 * <p><b>The outcome may be unknown.</b> For a confirm or a cancel, a request that timed out or got a 5xx may still
 * have taken effect at the PG. {@link #outcomeUnknown()} says whether that can be the case (false only when no attempt
 * can have reached the PG's processing, e.g. every attempt failed to connect). When it is true, the caller must not
 * assume nothing happened: it retries the same operation with the <em>same</em> idempotency key (the PG then answers
 * with the first result and never acts twice), or reads the payment back ({@link PaymentGateway#payment},
 * {@link PaymentGateway#paymentOfOrder}) before deciding.
 */
public class PaymentGatewayUnavailable extends RuntimeException {

    private final boolean outcomeUnknown;

    public PaymentGatewayUnavailable(String message, boolean outcomeUnknown, Throwable cause) {
        super(message, cause);
        this.outcomeUnknown = outcomeUnknown;
    }

    /** True when the operation may have taken effect at the PG despite the failure (see the class comment). */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
