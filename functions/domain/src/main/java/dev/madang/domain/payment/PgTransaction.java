package dev.madang.domain.payment;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the PG's own transaction ledger (Toss's Transaction object, {@code GET /v1/transactions}): every
 * approval, virtual-account issue, deposit and cancel is a transaction with its time, payment, our order id and
 * amount. {@code status} is the payment's status the transaction left it in, as Toss reports it: DONE for an approval
 * or a deposit, WAITING_FOR_DEPOSIT for a virtual account issued, CANCELED or PARTIAL_CANCELED for a cancel (whose
 * {@code amount} is what was cancelled). A cancel of a virtual account never deposited is also CANCELED, though no
 * money moved: only the payment itself tells the two apart ({@link PgPayment#approvedAt()}).
 */
public record PgTransaction(String transactionKey, String paymentKey, String orderId, PgStatus status, String method,
                            long amount, Instant transactionAt) {

    public PgTransaction {
        Objects.requireNonNull(transactionKey, "transactionKey");
        Objects.requireNonNull(paymentKey, "paymentKey");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(transactionAt, "transactionAt");
    }

    /** Money captured: a card approved or a deposit arrived. */
    public boolean isApproval() {
        return status == PgStatus.DONE;
    }

    /** Money given back (or a virtual account closed: see the class comment). */
    public boolean isCancel() {
        return status == PgStatus.CANCELED || status == PgStatus.PARTIAL_CANCELED;
    }
}
