package dev.madang.domain.payment;

import java.util.Objects;

/**
 * The customer's own bank account that a virtual-account payment is refunded to (a virtual account cannot take money
 * back out, so the PG needs somewhere to send it). {@code bankCode} is the PG's bank code (Toss: two digits, e.g.
 * "88" for 신한은행). The account number is personal data: {@link #toString()} shows only its last four digits.
 */
public record RefundAccount(String bankCode, String accountNumber, String holderName) {

    public RefundAccount {
        if (bankCode == null || bankCode.isBlank()) {
            throw new IllegalArgumentException("a refund account needs a bank code");
        }
        if (accountNumber == null || !accountNumber.matches("[0-9]{6,20}")) {
            // the number itself is not echoed
            throw new IllegalArgumentException("a refund account number is 6 to 20 digits without dashes");
        }
        if (holderName == null || holderName.isBlank()) {
            throw new IllegalArgumentException("a refund account needs the holder's name");
        }
    }

    /** {@code ****1234}: enough for a person to recognise their account, not enough to use it. */
    public static String mask(String accountNumber) {
        if (accountNumber == null) {
            return "null";
        }
        return accountNumber.length() <= 4 ? "****" : "****" + accountNumber.substring(accountNumber.length() - 4);
    }

    @Override
    public String toString() {
        return "RefundAccount[bankCode=" + bankCode + ", accountNumber=" + mask(accountNumber) + ", holderName="
                + holderName + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RefundAccount r && bankCode.equals(r.bankCode) && accountNumber.equals(r.accountNumber)
                && holderName.equals(r.holderName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bankCode, accountNumber, holderName);
    }
}
