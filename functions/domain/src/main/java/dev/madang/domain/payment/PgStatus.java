package dev.madang.domain.payment;

/**
 * A payment's status at the PG, named as Toss Payments names it, so an adapter maps by name and a new Toss status
 * fails loudly instead of being guessed.
 */
public enum PgStatus {
    /** Created by the payment window; the customer has not finished authenticating. */
    READY,
    /** The customer finished the payment window; the payment waits for our confirm. */
    IN_PROGRESS,
    /** Virtual account issued by the confirm; the money has not arrived yet. */
    WAITING_FOR_DEPOSIT,
    /** Approved (card, easy pay) or deposited (virtual account): the money is ours until refunded. */
    DONE,
    /** Fully canceled; for a virtual account never deposited, the account was closed and nothing was paid. */
    CANCELED,
    /** Part of the amount refunded; {@link PgPayment#balanceAmount()} is what is left. */
    PARTIAL_CANCELED,
    /** Approval failed (card refused, PG failure): no money moved. */
    ABORTED,
    /** The customer or the PG let the payment lapse (payment window timeout, virtual account deadline passed). */
    EXPIRED;

    /** The PG holds some of the customer's money now: DONE or PARTIAL_CANCELED. */
    public boolean paid() {
        return this == DONE || this == PARTIAL_CANCELED;
    }

    /** No further change can happen at the PG on its own. */
    public boolean terminal() {
        return this == CANCELED || this == ABORTED || this == EXPIRED;
    }
}
