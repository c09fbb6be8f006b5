package dev.madang.domain.payment;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A payment as the PG reports it (Toss's Payment object, reduced to what Madang decides on). Amounts are whole won.
 *
 * <p>{@code method} is the PG's own name for the means of payment, kept as a string because Toss answers in Korean and
 * has more methods than we offer: {@value #CARD}, {@value #VIRTUAL_ACCOUNT}, {@value #EASY_PAY}, and others such as
 * "계좌이체" or "휴대폰". It is null while the customer has not chosen (READY, some EXPIRED payments).
 *
 * <p>{@code depositSecret} is Toss's {@code secret}: issued with a virtual account and echoed by each DEPOSIT_CALLBACK
 * webhook for that payment, so the webhook handler can tell a real callback from a forged one (compare it with
 * {@link PaymentGateway#secretMatches}). It is null for other methods. {@link #toString()} never shows it, nor the
 * virtual account number.
 *
 * @param approvedAt when the PG approved (card) or the deposit arrived (virtual account); null before that
 * @param cancels refunds so far, oldest first; empty, never null
 */
public record PgPayment(String paymentKey, String orderId, PgStatus status, String method, long totalAmount,
                        long balanceAmount, Instant approvedAt, VirtualAccount virtualAccount, String depositSecret,
                        List<Cancel> cancels) {

    public static final String CARD = "카드";
    public static final String VIRTUAL_ACCOUNT = "가상계좌";
    public static final String EASY_PAY = "간편결제";

    public PgPayment {
        Objects.requireNonNull(paymentKey, "paymentKey");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
        cancels = cancels == null ? List.of() : List.copyOf(cancels);
    }

    public boolean isVirtualAccount() {
        return VIRTUAL_ACCOUNT.equals(method);
    }

    /** Refunded so far: total minus balance. */
    public long canceledAmount() {
        return totalAmount - balanceAmount;
    }

    /**
     * A virtual account issued for the payment. {@code bankCode} is Toss's two-digit bank code. {@code dueDate} is
     * the deposit deadline: after it the account takes no money.
     */
    public record VirtualAccount(String accountNumber, String bankCode, String customerName, Instant dueDate) {
        @Override
        public String toString() {
            return "VirtualAccount[accountNumber=" + RefundAccount.mask(accountNumber) + ", bankCode=" + bankCode
                    + ", customerName=" + customerName + ", dueDate=" + dueDate + "]";
        }
    }

    /** One refund: how much, why, when, and the PG's transaction key for it. */
    public record Cancel(long cancelAmount, String cancelReason, Instant canceledAt, String transactionKey) {
    }

    @Override
    public String toString() {
        return "PgPayment[paymentKey=" + paymentKey + ", orderId=" + orderId + ", status=" + status + ", method="
                + method + ", totalAmount=" + totalAmount + ", balanceAmount=" + balanceAmount + ", approvedAt="
                + approvedAt + ", virtualAccount=" + virtualAccount + ", depositSecret="
                + (depositSecret == null ? "null" : "****") + ", cancels=" + cancels + "]";
    }
}
