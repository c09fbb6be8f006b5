package dev.madang.aws.toss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.domain.payment.PaymentGateway;
import dev.madang.domain.payment.PgStatus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads the bodies Toss Payments posts to our webhook URL. Parsing is all this does: it does not make an event
 * trustworthy.
 * <ul>
 *   <li>{@link DepositCallback} (a virtual account's deposit changed; Toss's DEPOSIT_CALLBACK, a flat body
 *       {@code {"createdAt","secret","status","transactionKey","orderId"}}): trust it only if its secret matches
 *       the payment's {@code depositSecret} we stored at confirm ({@link DepositCallback#secretMatches}, constant
 *       time).</li>
 *   <li>{@link PaymentStatusChanged} ({@code {"eventType":"PAYMENT_STATUS_CHANGED","createdAt","data":{Payment}}}):
 *       carries no secret, so anyone could post one; treat it only as a hint to re-read the payment with
 *       {@link PaymentGateway#payment} and act on what Toss answers there.</li>
 * </ul>
 * Anything else is an {@link UnrecognizedWebhook}: garbage (not JSON, fields missing or mistyped), or a well-formed
 * event of another type (e.g. {@code CANCEL_STATUS_CHANGED}), which {@link UnrecognizedWebhook#eventType()} names so
 * the route can acknowledge it (2xx, or Toss keeps retrying) without acting.
 */
public final class TossWebhooks {

    /** Webhook bodies are small; a body larger than this is not from Toss. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneOffset KST = ZoneOffset.ofHours(9);
    private static final Set<PgStatus> DEPOSIT_STATUSES = EnumSet.of(PgStatus.DONE, PgStatus.WAITING_FOR_DEPOSIT,
            PgStatus.CANCELED);

    private TossWebhooks() {
    }

    /** One of the two webhook events Madang subscribes to. */
    public sealed interface Event permits DepositCallback, PaymentStatusChanged {
        String orderId();

        PgStatus status();
    }

    /**
     * A virtual account's deposit status: DONE (the money arrived), WAITING_FOR_DEPOSIT (a deposit was reversed by
     * the bank), CANCELED. {@code createdAt} is null when Toss's timestamp is missing or unreadable (it is
     * informative only). {@link #toString()} hides the secret.
     */
    public record DepositCallback(String orderId, PgStatus status, String secret, String transactionKey,
                                  Instant createdAt) implements Event {

        /** Whether the callback carries the secret Toss issued with the virtual account; constant time. */
        public boolean secretMatches(String expectedDepositSecret) {
            return PaymentGateway.secretMatches(expectedDepositSecret, secret);
        }

        @Override
        public String toString() {
            return "DepositCallback[orderId=" + orderId + ", status=" + status + ", secret=****, transactionKey="
                    + transactionKey + ", createdAt=" + createdAt + "]";
        }
    }

    /** A payment's status changed, says the body: re-read the payment before believing it. */
    public record PaymentStatusChanged(String paymentKey, String orderId, PgStatus status) implements Event {
    }

    /** The body is not a webhook we handle. {@link #eventType()} is the type Toss named, if it named one. */
    public static final class UnrecognizedWebhook extends IllegalArgumentException {
        private final String eventType;

        UnrecognizedWebhook(String message, String eventType) {
            super(message);
            this.eventType = eventType;
        }

        /** Toss's {@code eventType} of a well-formed event we do not handle; null for garbage. */
        public String eventType() {
            return eventType;
        }
    }

    public static Event parse(String body) {
        if (body == null) {
            throw new UnrecognizedWebhook("empty webhook body", null);
        }
        return parse(body.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws UnrecognizedWebhook the body is not a DEPOSIT_CALLBACK nor a PAYMENT_STATUS_CHANGED */
    public static Event parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new UnrecognizedWebhook("empty webhook body", null);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new UnrecognizedWebhook("webhook body larger than " + MAX_BODY_BYTES + " bytes", null);
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            throw new UnrecognizedWebhook("webhook body is not JSON", null);
        }
        if (json == null || !json.isObject()) {
            throw new UnrecognizedWebhook("webhook body is not a JSON object", null);
        }
        JsonNode eventType = json.get("eventType");
        if (eventType != null) {
            if (!eventType.isTextual()) {
                throw new UnrecognizedWebhook("webhook eventType is not a string", null);
            }
            if (!"PAYMENT_STATUS_CHANGED".equals(eventType.asText())) {
                // the type is echoed, capped: it comes from whoever posted the body
                String type = eventType.asText().length() > 64 ? eventType.asText().substring(0, 64) : eventType.asText();
                throw new UnrecognizedWebhook("webhook event type " + type + " is not handled", type);
            }
            return statusChanged(json.get("data"));
        }
        return depositCallback(json);
    }

    private static PaymentStatusChanged statusChanged(JsonNode data) {
        if (data == null || !data.isObject()) {
            throw new UnrecognizedWebhook("PAYMENT_STATUS_CHANGED without a payment in data", null);
        }
        String paymentKey = TossPayments.textOrNull(data, "paymentKey");
        String orderId = TossPayments.textOrNull(data, "orderId");
        String status = TossPayments.textOrNull(data, "status");
        if (blank(paymentKey) || blank(orderId) || status == null) {
            throw new UnrecognizedWebhook("PAYMENT_STATUS_CHANGED lacks data.paymentKey, data.orderId or data.status",
                    null);
        }
        return new PaymentStatusChanged(paymentKey, orderId, status(status, EnumSet.allOf(PgStatus.class)));
    }

    private static DepositCallback depositCallback(JsonNode json) {
        String orderId = TossPayments.textOrNull(json, "orderId");
        String secret = TossPayments.textOrNull(json, "secret");
        String status = TossPayments.textOrNull(json, "status");
        if (blank(orderId) || blank(secret) || status == null) {
            throw new UnrecognizedWebhook("not a Toss webhook: neither an eventType nor a DEPOSIT_CALLBACK's orderId, "
                    + "secret and status", null);
        }
        return new DepositCallback(orderId, status(status, DEPOSIT_STATUSES), secret,
                TossPayments.textOrNull(json, "transactionKey"), createdAt(TossPayments.textOrNull(json, "createdAt")));
    }

    private static PgStatus status(String name, Set<PgStatus> allowed) {
        for (PgStatus s : allowed) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new UnrecognizedWebhook("webhook status is not one Toss sends for this event", null);
    }

    /** With an offset as ISO-8601, or (as DEPOSIT_CALLBACK sends it) a local time in Korea. */
    private static Instant createdAt(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(KST);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
