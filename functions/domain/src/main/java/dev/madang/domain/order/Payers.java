package dev.madang.domain.order;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Violations;
import dev.madang.domain.payment.RefundAccount;

/** What every order to be paid asks of its payer, whatever it buys (seats, a transferred ticket, a membership). */
public final class Payers {

    private Payers() {
    }

    /**
     * A verified identity (403 {@code identity-verification-required}: {@code doing} says what it was for), a payment
     * method, and for a virtual account the account its deposit is refunded to (400 naming the field).
     */
    public static void check(boolean identityVerified, PaymentMethod method, RefundAccount refundAccount,
                             String doing) {
        if (!identityVerified) {
            throw DomainException.forbidden("identity-verification-required",
                    "verify your identity (본인인증) before " + doing);
        }
        new Violations().check(method != null, "method", "CARD or VIRTUAL_ACCOUNT")
                .check(method != PaymentMethod.VIRTUAL_ACCOUNT || refundAccount != null,
                        "refundAccount", "a virtual account needs the account its deposit is refunded to")
                .throwIfInvalid("the order is not valid");
    }
}
