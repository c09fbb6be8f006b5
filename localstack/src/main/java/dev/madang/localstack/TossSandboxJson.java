package dev.madang.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.madang.localstack.TossSandbox.PayMethod;
import dev.madang.localstack.TossSandboxPayments.CancelRecord;
import dev.madang.localstack.TossSandboxPayments.Payment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The {@link TossSandbox}'s JSON: Toss's Payment object as Toss renders it (KST times, masked refund account),
 * the webhook bodies, Toss error objects, and reading and answering JSON over HTTP. Kept in one place so that
 * the shapes the real adapter parses are all here, apart from the rules that decide them.
 */
final class TossSandboxJson {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneOffset KST = ZoneOffset.ofHours(9);
    private static final DateTimeFormatter TOSS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    /** DEPOSIT_CALLBACK's createdAt has no offset (KST local time) and microseconds, as in Toss's examples. */
    private static final DateTimeFormatter CALLBACK_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final int MAX_BODY = 64 * 1024;

    /** An answer of the sandbox: HTTP status and a Toss JSON body (a Payment or an error object). */
    record Answer(int status, JsonNode body) {
    }

    private TossSandboxJson() {
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Toss's Payment object and webhook bodies

    static ObjectNode render(Payment p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("mId", "madangsandbox");
        o.put("version", "2022-11-16");
        o.put("lastTransactionKey", p.lastTransactionKey);
        o.put("paymentKey", p.paymentKey);
        o.put("orderId", p.orderId);
        o.put("orderName", p.orderName);
        o.put("currency", "KRW");
        o.put("method", p.method.tossName);
        o.put("status", p.status);
        o.put("requestedAt", time(p.requestedAt));
        o.put("approvedAt", time(p.approvedAt));
        o.put("useEscrow", false);
        o.put("cultureExpense", false);
        if (p.method == PayMethod.CARD && p.approvedAt != null) {
            o.putObject("card").put("amount", p.totalAmount).put("issuerCode", "4V").put("acquirerCode", "21")
                    .put("number", "43301234****123*").put("installmentPlanMonths", 0).put("approveNo", "00000000")
                    .put("cardType", "신용").put("ownerType", "개인").put("acquireStatus", "READY");
        } else {
            o.putNull("card");
        }
        boolean issued = p.method == PayMethod.VIRTUAL_ACCOUNT && !"IN_PROGRESS".equals(p.status)
                && !"READY".equals(p.status);
        if (issued) {
            ObjectNode va = o.putObject("virtualAccount");
            va.put("accountType", "일반");
            va.put("accountNumber", p.accountNumber);
            va.put("bankCode", p.bankCode);
            va.put("customerName", p.customerName);
            va.put("dueDate", time(p.dueDate));
            va.put("refundStatus", p.refundBank == null ? "NONE" : "COMPLETED");
            va.put("expired", "EXPIRED".equals(p.status));
            va.put("settlementStatus", "INCOMPLETED");
            if (p.refundBank != null) {
                // Toss masks the refund account in its answers
                String n = p.refundAccountNumber;
                String masked = n.length() <= 7 ? "*".repeat(n.length())
                        : n.substring(0, 3) + "*".repeat(n.length() - 7) + n.substring(n.length() - 4);
                va.putObject("refundReceiveAccount").put("bankCode", p.refundBank).put("accountNumber", masked)
                        .put("holderName", p.refundHolderName);
            } else {
                va.putNull("refundReceiveAccount");
            }
            o.put("secret", p.secret);
        } else {
            o.putNull("virtualAccount");
            o.putNull("secret");
        }
        o.putNull("transfer");
        o.putNull("mobilePhone");
        o.putNull("easyPay");
        if (p.cancels.isEmpty()) {
            o.putNull("cancels");
        } else {
            ArrayNode cancels = o.putArray("cancels");
            for (CancelRecord c : p.cancels) {
                cancels.addObject().put("transactionKey", c.transactionKey()).put("cancelReason", c.reason())
                        .put("taxExemptionAmount", 0).put("canceledAt", time(c.at())).put("easyPayDiscountAmount", 0)
                        .putNull("receiptKey").put("cancelStatus", "DONE").putNull("cancelRequestId")
                        .put("cancelAmount", c.amount()).put("taxFreeAmount", 0)
                        .put("refundableAmount", c.refundableAfter());
            }
        }
        o.put("type", "NORMAL");
        o.put("country", "KR");
        if (p.failureCode != null) {
            o.putObject("failure").put("code", p.failureCode).put("message", p.failureMessage);
        } else {
            o.putNull("failure");
        }
        o.put("isPartialCancelable", true);
        o.put("totalAmount", p.totalAmount);
        o.put("balanceAmount", p.balanceAmount);
        long supplied = Math.round(p.totalAmount / 1.1);
        o.put("suppliedAmount", supplied);
        o.put("vat", p.totalAmount - supplied);
        o.put("taxFreeAmount", 0);
        o.put("taxExemptionAmount", 0);
        return o;
    }

    /** Toss's Transaction object (an entry of {@code GET /v1/transactions}). */
    static ObjectNode transaction(TossSandboxPayments.TransactionRecord t) {
        ObjectNode o = JSON.createObjectNode();
        o.put("mId", "madangsandbox");
        o.put("transactionKey", t.transactionKey());
        o.put("paymentKey", t.paymentKey());
        o.put("orderId", t.orderId());
        o.put("method", t.method().tossName);
        o.putNull("customerKey");
        o.put("useEscrow", false);
        o.putNull("receiptUrl");
        o.put("status", t.status());
        o.put("transactionAt", time(t.at()));
        o.put("currency", "KRW");
        o.put("amount", t.amount());
        return o;
    }

    static String time(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, KST).format(TOSS_TIME);
    }

    static String callbackNow() {
        return OffsetDateTime.now(KST).toLocalDateTime().format(CALLBACK_TIME);
    }

    static ObjectNode depositCallback(Payment p, String status, String secret) {
        return JSON.createObjectNode()
                .put("createdAt", callbackNow())
                .put("secret", secret)
                .put("status", status)
                .put("transactionKey", p.lastTransactionKey == null ? TossSandboxPayments.transactionKey() : p.lastTransactionKey)
                .put("orderId", p.orderId);
    }

    static ObjectNode statusChangedBody(ObjectNode payment) {
        ObjectNode body = JSON.createObjectNode();
        body.put("eventType", "PAYMENT_STATUS_CHANGED");
        body.put("createdAt", callbackNow());
        body.set("data", payment);
        return body;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // JSON over HTTP

    static JsonNode readJson(HttpExchange exchange) {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                return null;
            }
            JsonNode node = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    static String text(JsonNode body, String field) {
        JsonNode node = body == null ? null : body.get(field);
        return node == null || !node.isTextual() ? null : node.asText();
    }

    static ObjectNode error(String code, String message) {
        return JSON.createObjectNode().put("code", code).put("message", message);
    }

    static void respond(HttpExchange exchange, Answer answer) throws IOException {
        send(exchange, answer.status(), JSON.writeValueAsBytes(answer.body()));
    }

    /** Sends a JSON answer; a client that hung up meanwhile is not an error. */
    static void send(HttpExchange exchange, int status, byte[] body) {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException clientGone) {
            // the client timed out and hung up while we stalled: nothing to tell it
        }
    }
}
