package dev.madang.domain.payment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The payment gateway (PG), shaped after Toss Payments: the customer authorises a payment in the PG's window, which
 * hands us a {@code paymentKey}; we {@link #confirm} it with the amount we computed ourselves; later we may
 * {@link #cancel} all or part of it.
 *
 * <h2>Idempotency keys</h2>
 * Every mutating call takes an {@code idempotencyKey}: one key per intended operation (e.g. derived from the order id
 * and the operation, or a UUID stored with the order), reused on every retry of that same operation, never for
 * another. The PG then acts at most once per key and answers a repeated key with the first result, so "the response
 * was lost after the PG acted" is repaired by simply asking again with the same key. Adapters reuse the key across
 * their own retries too.
 *
 * <h2>Failures</h2>
 * <ul>
 *   <li>{@link PaymentRefused}: a business refusal (declined, amount mismatch, nothing left to cancel, unknown
 *       payment); never retry it.</li>
 *   <li>{@link PaymentGatewayUnavailable}: transient, after the adapter's bounded retries; the outcome of a mutating
 *       call may be unknown (see there).</li>
 *   <li>{@link IllegalStateException}: we are misconfigured (the PG refused our credentials) or misused the port
 *       (an idempotency key reused for a different payment); a person has to look.</li>
 * </ul>
 */
public interface PaymentGateway {

    /**
     * Approves the payment the customer authorised, for exactly {@code amount} won (our own, stored amount: never the
     * client's). Card and easy pay come back DONE; a virtual account comes back WAITING_FOR_DEPOSIT with its account,
     * due date and deposit secret. A confirm repeated after the payment was already approved (even with another key)
     * returns the approved payment when it is the same order and amount.
     *
     * @throws PaymentRefused the PG refused (e.g. the amount differs from what the customer authorised, the card was
     *         declined, the payment window expired)
     */
    PgPayment confirm(String paymentKey, String orderId, long amount, String idempotencyKey);

    /** The payment as the PG knows it now. @throws PaymentRefused {@code NOT_FOUND_PAYMENT} for an unknown key */
    PgPayment payment(String paymentKey);

    /** The payment made for our order id, if the customer got as far as creating one. */
    Optional<PgPayment> paymentOfOrder(String orderId);

    /**
     * Refunds {@code cancelAmount} won, or the whole remaining balance when it is null. A virtual account that was
     * deposited needs the customer's {@code refundAccount}; one still waiting for its deposit is simply closed.
     *
     * @return the payment after the cancel (CANCELED or PARTIAL_CANCELED, with the new balance)
     * @throws PaymentRefused e.g. {@code NOT_CANCELABLE_AMOUNT} when more than the balance is asked for,
     *         {@code ALREADY_CANCELED_PAYMENT}
     */
    PgPayment cancel(String paymentKey, String reason, Long cancelAmount, RefundAccount refundAccount,
                     String idempotencyKey);

    /**
     * The PG's transaction ledger between {@code from} and {@code until} (both inclusive), oldest first, every page of
     * it: what reconciliation compares our orders with. Read-only.
     */
    List<PgTransaction> transactions(Instant from, Instant until);

    /**
     * Compares a secret we hold (a virtual account's {@link PgPayment#depositSecret()}) with the one a webhook
     * presents, in time that does not depend on where they differ, so a forger cannot learn the secret byte by byte
     * from response times. False when either is null.
     */
    static boolean secretMatches(String expected, String presented) {
        if (expected == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
