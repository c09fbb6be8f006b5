package dev.madang.aws.toss;

import dev.madang.aws.toss.TossWebhooks.DepositCallback;
import dev.madang.aws.toss.TossWebhooks.PaymentStatusChanged;
import dev.madang.aws.toss.TossWebhooks.UnrecognizedWebhook;
import dev.madang.domain.payment.PgStatus;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Webhook bodies shaped as Toss documents them, and the garbage anyone can post to a public URL. */
class TossWebhooksTest {

    static final String SECRET = "ps_Z1aOwX7K8mYBbRDjB9dEryQxzvNP";

    @Test
    void a_deposit_callback() {
        String body = """
                {"createdAt":"2022-01-01T00:00:00.000000","secret":"%s","status":"DONE",
                 "transactionKey":"9FF15E1A29D0E77C218F57262BFA4986","orderId":"order-123456"}""".formatted(SECRET);

        DepositCallback callback = (DepositCallback) TossWebhooks.parse(body);

        assertThat(callback.orderId()).isEqualTo("order-123456");
        assertThat(callback.status()).isEqualTo(PgStatus.DONE);
        assertThat(callback.transactionKey()).isEqualTo("9FF15E1A29D0E77C218F57262BFA4986");
        // Toss sends Korean local time without an offset
        assertThat(callback.createdAt()).isEqualTo(Instant.parse("2021-12-31T15:00:00Z"));
        assertThat(callback.secretMatches(SECRET)).isTrue();
        assertThat(callback.secretMatches(SECRET + "x")).isFalse();
        assertThat(callback.secretMatches(null)).isFalse();
        assertThat(callback.toString()).doesNotContain(SECRET);
    }

    @Test
    void deposit_callback_statuses_and_a_missing_timestamp() {
        for (String status : new String[] {"WAITING_FOR_DEPOSIT", "CANCELED"}) {
            DepositCallback c = (DepositCallback) TossWebhooks.parse(
                    "{\"secret\":\"s\",\"status\":\"" + status + "\",\"orderId\":\"o-1\"}");
            assertThat(c.status()).isEqualTo(PgStatus.valueOf(status));
            assertThat(c.createdAt()).isNull();
        }
    }

    @Test
    void a_payment_status_changed_event() {
        String body = """
                {"eventType":"PAYMENT_STATUS_CHANGED","createdAt":"2022-01-01T00:00:00.000000",
                 "data":{"mId":"tosspayments","paymentKey":"5zJ4xY7m0kODnyRpQWGrN2xqGlNvLrKwv1M9ENjbeoPaZdL6",
                         "orderId":"order-123456","status":"CANCELED","method":"카드","totalAmount":15000,
                         "balanceAmount":0,"cancels":[{"cancelAmount":15000,"cancelReason":"고객 변심"}]}}""";

        PaymentStatusChanged event = (PaymentStatusChanged) TossWebhooks.parse(body.getBytes(StandardCharsets.UTF_8));

        assertThat(event).isEqualTo(new PaymentStatusChanged("5zJ4xY7m0kODnyRpQWGrN2xqGlNvLrKwv1M9ENjbeoPaZdL6",
                "order-123456", PgStatus.CANCELED));
    }

    @Test
    void another_event_type_is_named_so_it_can_be_acknowledged() {
        assertThatThrownBy(() -> TossWebhooks.parse("{\"eventType\":\"CANCEL_STATUS_CHANGED\",\"data\":{}}"))
                .isInstanceOfSatisfying(UnrecognizedWebhook.class,
                        e -> assertThat(e.eventType()).isEqualTo("CANCEL_STATUS_CHANGED"));
    }

    @Test
    void garbage_is_refused() {
        String[] garbage = {
                "", "not json", "[]", "null", "42", "{}",
                "{\"orderId\":\"o-1\",\"status\":\"DONE\"}",                         // no secret
                "{\"secret\":\"s\",\"status\":\"DONE\"}",                            // no order
                "{\"secret\":\"s\",\"status\":\"PAID\",\"orderId\":\"o-1\"}",        // not a Toss status
                "{\"secret\":\"s\",\"status\":\"ABORTED\",\"orderId\":\"o-1\"}",     // not a deposit status
                "{\"secret\":1,\"status\":\"DONE\",\"orderId\":\"o-1\"}",            // mistyped
                "{\"eventType\":\"PAYMENT_STATUS_CHANGED\"}",
                "{\"eventType\":\"PAYMENT_STATUS_CHANGED\",\"data\":{\"paymentKey\":\"k\",\"orderId\":\"o\"}}",
                "{\"eventType\":\"PAYMENT_STATUS_CHANGED\",\"data\":{\"paymentKey\":\"k\",\"orderId\":\"o\",\"status\":\"NOPE\"}}",
                "{\"eventType\":7}",
        };
        for (String body : garbage) {
            assertThatThrownBy(() -> TossWebhooks.parse(body)).as(body).isInstanceOf(UnrecognizedWebhook.class)
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(((UnrecognizedWebhook) e).eventType()).isNull());
        }
        assertThatThrownBy(() -> TossWebhooks.parse((String) null)).isInstanceOf(UnrecognizedWebhook.class);
        assertThatThrownBy(() -> TossWebhooks.parse(new byte[TossWebhooks.MAX_BODY_BYTES + 1]))
                .isInstanceOf(UnrecognizedWebhook.class);
    }
}
