package dev.madang.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.madang.localstack.TossSandbox.Endpoint;
import dev.madang.localstack.TossSandbox.PayMethod;
import dev.madang.localstack.TossSandboxJson.Answer;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static dev.madang.localstack.TossSandbox.DEFAULT_DEPOSIT_WINDOW;
import static dev.madang.localstack.TossSandboxJson.depositCallback;
import static dev.madang.localstack.TossSandboxJson.error;
import static dev.madang.localstack.TossSandboxJson.render;
import static dev.madang.localstack.TossSandboxJson.statusChangedBody;
import static dev.madang.localstack.TossSandboxJson.text;

/**
 * The {@link TossSandbox}'s payment ledger: payments by key and the latest per order, virtual accounts, deposits and
 * refunds, and the state changes of Toss's confirm and cancel with their refusals. Every change happens under one
 * lock, so confirms and cancels are serialised and a balance never goes below zero; the webhooks a change causes
 * are queued after the lock is released.
 */
final class TossSandboxPayments {

    static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TossSandboxWebhooks webhooks;
    private final TossSandboxFaults faults;

    /** Guards every payment and the order index: confirms and cancels are serialised, one at a time. */
    private final Object lock = new Object();
    private final Map<String, Payment> payments = new HashMap<>();
    private final Map<String, String> latestPaymentOfOrder = new HashMap<>();
    /** Toss's transaction ledger: every issue, approval, deposit and cancel, in the order they happened. */
    private final List<TransactionRecord> transactions = new ArrayList<>();
    /** Where the payments' times come from: the system clock, or a test's (see {@link TossSandbox#clock}). */
    private volatile Clock clock = Clock.systemUTC();

    TossSandboxPayments(TossSandboxWebhooks webhooks, TossSandboxFaults faults) {
        this.webhooks = webhooks;
        this.faults = faults;
    }

    /** One payment as the sandbox holds it; rendered as Toss's JSON by {@link TossSandboxJson#render}. */
    static final class Payment {
        String paymentKey;
        String orderId;
        String orderName;
        PayMethod method;
        long totalAmount;
        long balanceAmount;
        String status;
        Instant requestedAt;
        Instant approvedAt;
        String lastTransactionKey;
        String accountNumber;
        String bankCode;
        String customerName;
        Instant dueDate;
        String secret;
        boolean declineOnConfirm;
        String failureCode;
        String failureMessage;
        String refundBank;
        String refundAccountNumber;
        String refundHolderName;
        final List<CancelRecord> cancels = new ArrayList<>();
    }

    /** One entry of the transaction ledger: the payment's status after it, and the amount it moved. */
    record TransactionRecord(String transactionKey, String paymentKey, String orderId, PayMethod method, String status,
                             long amount, Instant at) {
    }

    void clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Records the transaction a change just made (under the lock, with the payment's new lastTransactionKey). */
    private void logTransaction(Payment p, long amount, Instant at) {
        transactions.add(new TransactionRecord(p.lastTransactionKey, p.paymentKey, p.orderId, p.method, p.status,
                amount, at));
    }

    record CancelRecord(long amount, String reason, Instant at, String transactionKey, long refundableAfter) {
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Operations for tests and the local runner (see TossSandbox's methods of the same names)

    String authorize(String orderId, long amount, PayMethod method, String orderName, String customerName,
                            Duration depositWindow) {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(method, "method");
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        Instant now = clock.instant();
        Payment p = new Payment();
        p.paymentKey = "sbx_" + random(ALPHANUMERIC, 28);
        p.orderId = orderId;
        p.orderName = orderName == null ? "마당 티켓" : orderName;
        p.method = method;
        p.totalAmount = amount;
        p.balanceAmount = amount;
        p.status = "IN_PROGRESS";
        p.requestedAt = now;
        if (method == PayMethod.VIRTUAL_ACCOUNT) {
            // Toss issues the account in the window and shows it (with the secret) from the confirm on
            p.accountNumber = "X" + random("0123456789", 13);
            p.bankCode = "20"; // 우리은행
            p.customerName = customerName == null ? "김마당" : customerName;
            p.dueDate = now.plus(depositWindow == null ? DEFAULT_DEPOSIT_WINDOW : depositWindow)
                    .truncatedTo(ChronoUnit.SECONDS);
            p.secret = "ps_" + random(ALPHANUMERIC, 28);
        }
        synchronized (lock) {
            String existing = latestPaymentOfOrder.get(orderId);
            if (existing != null && Set.of("WAITING_FOR_DEPOSIT", "DONE", "PARTIAL_CANCELED", "CANCELED")
                    .contains(payments.get(existing).status)) {
                throw new IllegalStateException("DUPLICATED_ORDER_ID: order " + orderId + " already has a payment");
            }
            payments.put(p.paymentKey, p);
            latestPaymentOfOrder.put(orderId, p.paymentKey);
        }
        return p.paymentKey;
    }

    /** The customer's card will be declined: the next confirm answers 400 REJECT_CARD_PAYMENT and aborts. */
    void fail(String paymentKey) {
        synchronized (lock) {
            Payment p = existing(paymentKey);
            if (!"IN_PROGRESS".equals(p.status) && !"READY".equals(p.status)) {
                throw new IllegalStateException("only a payment not yet confirmed can fail; this one is " + p.status);
            }
            p.declineOnConfirm = true;
        }
    }

    void expire(String paymentKey) {
        ObjectNode snapshot;
        synchronized (lock) {
            Payment p = existing(paymentKey);
            if (!Set.of("READY", "IN_PROGRESS", "WAITING_FOR_DEPOSIT").contains(p.status)) {
                throw new IllegalStateException("a " + p.status + " payment cannot expire");
            }
            p.status = "EXPIRED";
            p.failureCode = "EXPIRED_PAYMENT";
            p.failureMessage = "결제가 만료되었습니다.";
            snapshot = render(p);
        }
        webhooks.statusChanged(snapshot);
    }

    List<Integer> deposit(String paymentKey, int times) {
        ObjectNode callback;
        ObjectNode snapshot;
        synchronized (lock) {
            Payment p = existing(paymentKey);
            if (!"WAITING_FOR_DEPOSIT".equals(p.status)) {
                throw new IllegalStateException("only a virtual account waiting for its deposit takes money; this one is "
                        + p.status);
            }
            p.status = "DONE";
            p.approvedAt = clock.instant();
            p.lastTransactionKey = transactionKey();
            logTransaction(p, p.totalAmount, p.approvedAt);
            callback = depositCallback(p, "DONE", p.secret);
            snapshot = render(p);
        }
        List<CompletableFuture<Integer>> sent = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            sent.add(webhooks.post("DEPOSIT_CALLBACK", callback));
        }
        CompletableFuture<Integer> changed = webhooks.statusChanged(snapshot);
        List<Integer> statuses = sent.stream().map(TossSandboxWebhooks::await).toList();
        TossSandboxWebhooks.await(changed);
        return statuses;
    }

    int forgeDepositCallback(String paymentKey) {
        ObjectNode callback;
        synchronized (lock) {
            Payment p = existing(paymentKey);
            callback = depositCallback(p, "DONE", "ps_" + random(ALPHANUMERIC, 28));
        }
        return TossSandboxWebhooks.await(webhooks.post("DEPOSIT_CALLBACK", callback));
    }

    int sendStatusChanged(String paymentKey) {
        ObjectNode snapshot;
        synchronized (lock) {
            snapshot = render(existing(paymentKey));
        }
        return TossSandboxWebhooks.await(webhooks.post("PAYMENT_STATUS_CHANGED", statusChangedBody(snapshot)));
    }

    Map<String, String> refundAccountOf(String paymentKey) {
        synchronized (lock) {
            Payment p = existing(paymentKey);
            return p.refundBank == null ? null : Map.of("bank", p.refundBank, "accountNumber", p.refundAccountNumber,
                    "holderName", p.refundHolderName);
        }
    }

    /** The sandbox's view of a payment as Toss's JSON (what GET /v1/payments/{key} would answer). */
    JsonNode paymentJson(String paymentKey) {
        synchronized (lock) {
            return render(existing(paymentKey));
        }
    }

    List<JsonNode> paymentsOfOrder(String orderId) {
        synchronized (lock) {
            return payments.values().stream().filter(p -> p.orderId.equals(orderId))
                    .sorted(java.util.Comparator.comparing(p -> p.requestedAt)).map(p -> (JsonNode) render(p)).toList();
        }
    }

    /** Forgets every payment. */
    void reset() {
        synchronized (lock) {
            payments.clear();
            latestPaymentOfOrder.clear();
            transactions.clear();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Toss's endpoints

    /** {@code GET /v1/payments/{paymentKey}}. */
    Answer payment(String paymentKey) {
        synchronized (lock) {
            Payment p = payments.get(paymentKey);
            return p == null ? notFoundPayment() : new Answer(200, render(p));
        }
    }

    /** {@code GET /v1/payments/orders/{orderId}}: the latest payment for the order. */
    Answer paymentOfOrder(String orderId) {
        synchronized (lock) {
            String paymentKey = latestPaymentOfOrder.get(orderId);
            return paymentKey == null ? notFoundPayment() : new Answer(200, render(payments.get(paymentKey)));
        }
    }

    /**
     * {@code GET /v1/transactions}: the transactions from {@code from} to {@code until} (both inclusive), oldest first,
     * those after {@code startingAfter} (a transactionKey of an earlier page; unknown: from the start), at most
     * {@code limit}.
     */
    Answer transactions(Instant from, Instant until, String startingAfter, int limit) {
        ArrayNode page = TossSandboxJson.JSON.createArrayNode();
        synchronized (lock) {
            List<TransactionRecord> inRange = transactions.stream()
                    .filter(t -> !t.at().isBefore(from) && !t.at().isAfter(until)).toList();
            int start = 0;
            if (startingAfter != null) {
                for (int i = 0; i < inRange.size(); i++) {
                    if (inRange.get(i).transactionKey().equals(startingAfter)) {
                        start = i + 1;
                        break;
                    }
                }
            }
            inRange.stream().skip(start).limit(limit).forEach(t -> page.add(TossSandboxJson.transaction(t)));
        }
        return new Answer(200, page);
    }

    private static Answer notFoundPayment() {
        return new Answer(404, error("NOT_FOUND_PAYMENT", "존재하지 않는 결제 정보 입니다."));
    }

    /** {@code POST /v1/payments/confirm}. */
    Answer confirm(JsonNode body) {
        String paymentKey = text(body, "paymentKey");
        String orderId = text(body, "orderId");
        JsonNode amountNode = body.get("amount");
        if (paymentKey == null || orderId == null || amountNode == null || !amountNode.canConvertToLong()
                || !amountNode.isIntegralNumber()) {
            return new Answer(400, error("INVALID_REQUEST", "잘못된 요청입니다. (paymentKey, orderId and amount are required)"));
        }
        ObjectNode snapshot;
        Answer answer;
        synchronized (lock) {
            Payment p = payments.get(paymentKey);
            if (p == null || "EXPIRED".equals(p.status)) {
                return new Answer(404, error("NOT_FOUND_PAYMENT_SESSION",
                        "결제 시간이 만료되어 결제 진행 데이터가 존재하지 않습니다."));
            }
            if (!p.orderId.equals(orderId)) {
                return new Answer(400, error("INVALID_REQUEST", "잘못된 요청입니다. (orderId does not belong to this payment)"));
            }
            if ("ABORTED".equals(p.status)) {
                return new Answer(400, error(p.failureCode, p.failureMessage));
            }
            if (!"IN_PROGRESS".equals(p.status) && !"READY".equals(p.status)) {
                return new Answer(400, error("ALREADY_PROCESSED_PAYMENT", "이미 처리된 결제 입니다."));
            }
            if (amountNode.asLong() != p.totalAmount) {
                // the customer authorised another amount: nothing is approved, the payment stays as it was
                return new Answer(400, error("INVALID_REQUEST", "결제 금액이 일치하지 않습니다."));
            }
            if (p.declineOnConfirm) {
                p.status = "ABORTED";
                p.failureCode = "REJECT_CARD_PAYMENT";
                p.failureMessage = "한도초과 혹은 잔액부족으로 결제에 실패했습니다.";
                answer = new Answer(400, error(p.failureCode, p.failureMessage));
            } else {
                p.lastTransactionKey = transactionKey();
                Instant at = clock.instant();
                if (p.method == PayMethod.VIRTUAL_ACCOUNT) {
                    p.status = "WAITING_FOR_DEPOSIT";
                } else {
                    p.status = "DONE";
                    p.approvedAt = at;
                }
                logTransaction(p, p.totalAmount, at);
                faults.countEffect(Endpoint.CONFIRM);
                answer = new Answer(200, render(p));
            }
            snapshot = render(p);
        }
        webhooks.statusChanged(snapshot);
        return answer;
    }

    /** {@code POST /v1/payments/{paymentKey}/cancel}. */
    Answer cancel(String paymentKey, JsonNode body) {
        String reason = text(body, "cancelReason");
        JsonNode amountNode = body.get("cancelAmount");
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            return new Answer(400, error("INVALID_REQUEST", "잘못된 요청입니다. (cancelReason is required, at most 200 characters)"));
        }
        if (amountNode != null && !amountNode.isNull() && (!amountNode.isIntegralNumber() || !amountNode.canConvertToLong()
                || amountNode.asLong() <= 0)) {
            return new Answer(400, error("INVALID_REQUEST", "잘못된 요청입니다. (cancelAmount must be a positive integer)"));
        }
        Long requested = amountNode == null || amountNode.isNull() ? null : amountNode.asLong();
        JsonNode account = body.get("refundReceiveAccount");
        ObjectNode snapshot;
        Answer answer;
        synchronized (lock) {
            Payment p = payments.get(paymentKey);
            if (p == null) {
                return notFoundPayment();
            }
            if ("CANCELED".equals(p.status)) {
                return new Answer(400, error("ALREADY_CANCELED_PAYMENT", "이미 취소된 결제 입니다."));
            }
            if (!Set.of("DONE", "PARTIAL_CANCELED", "WAITING_FOR_DEPOSIT").contains(p.status)) {
                return new Answer(403, error("NOT_CANCELABLE_PAYMENT", "취소 할 수 없는 결제 입니다."));
            }
            long amount = requested == null ? p.balanceAmount : requested;
            if ("WAITING_FOR_DEPOSIT".equals(p.status) && amount != p.balanceAmount) {
                return new Answer(400, error("NOT_CANCELABLE_AMOUNT",
                        "취소 할 수 없는 금액 입니다. (a virtual account not yet deposited is closed whole)"));
            }
            if (amount > p.balanceAmount) {
                return new Answer(400, error("NOT_CANCELABLE_AMOUNT", "취소 할 수 없는 금액 입니다."));
            }
            if (p.method == PayMethod.VIRTUAL_ACCOUNT && !"WAITING_FOR_DEPOSIT".equals(p.status)) {
                String bank = text(account, "bank");
                String number = text(account, "accountNumber");
                String holder = text(account, "holderName");
                if (bank == null || number == null || !number.matches("[0-9]{6,20}") || holder == null
                        || holder.isBlank()) {
                    return new Answer(400, error("INVALID_REFUND_ACCOUNT_INFO",
                            "환불 계좌번호와 예금주명이 일치하지 않습니다. (refundReceiveAccount with bank, accountNumber and holderName is required)"));
                }
                p.refundBank = bank;
                p.refundAccountNumber = number;
                p.refundHolderName = holder;
            }
            p.balanceAmount -= amount;
            p.status = p.balanceAmount == 0 ? "CANCELED" : "PARTIAL_CANCELED";
            p.lastTransactionKey = transactionKey();
            Instant at = clock.instant();
            p.cancels.add(new CancelRecord(amount, reason, at, p.lastTransactionKey, p.balanceAmount));
            logTransaction(p, amount, at);
            faults.countEffect(Endpoint.CANCEL);
            snapshot = render(p);
            answer = new Answer(200, snapshot);
        }
        webhooks.statusChanged(snapshot);
        return answer;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Plumbing

    private Payment existing(String paymentKey) {
        Payment p = payments.get(paymentKey);
        if (p == null) {
            throw new NoSuchElementException("sandbox: no payment " + paymentKey);
        }
        return p;
    }

    static String transactionKey() {
        return random("0123456789ABCDEF", 32);
    }

    static String random(String alphabet, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
