package dev.madang.aws.toss;

import dev.madang.domain.payment.PaymentGateway;
import dev.madang.domain.payment.PgPayment;
import dev.madang.domain.payment.PgStatus;
import dev.madang.domain.payment.RefundAccount;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The port's secret comparison and what its values show when printed (they end up in logs). */
class PaymentGatewaySecretsTest {

    @Test
    void secrets_match_only_when_equal_and_present() {
        assertThat(PaymentGateway.secretMatches("ps_abc", "ps_abc")).isTrue();
        assertThat(PaymentGateway.secretMatches("ps_abc", "ps_abd")).isFalse();
        assertThat(PaymentGateway.secretMatches("ps_abc", "ps_ab")).isFalse();
        assertThat(PaymentGateway.secretMatches("ps_abc", "")).isFalse();
        assertThat(PaymentGateway.secretMatches(null, "ps_abc")).isFalse();
        assertThat(PaymentGateway.secretMatches("ps_abc", null)).isFalse();
        assertThat(PaymentGateway.secretMatches(null, null)).isFalse();
        assertThat(PaymentGateway.secretMatches("비밀", "비밀")).isTrue();
    }

    @Test
    void printed_payments_and_refund_accounts_hide_secrets_and_numbers() {
        PgPayment payment = new PgPayment("pk", "order-1", PgStatus.WAITING_FOR_DEPOSIT, PgPayment.VIRTUAL_ACCOUNT,
                10_000, 10_000, null, new PgPayment.VirtualAccount("X12345678901234", "20", "홍길동",
                Instant.parse("2030-01-01T00:00:00Z")), "ps_secret_value", null);

        assertThat(payment.toString()).doesNotContain("ps_secret_value").doesNotContain("X12345678901234")
                .contains("****1234");
        assertThat(payment.cancels()).isEqualTo(List.of());
        assertThat(new RefundAccount("88", "110123456789", "홍길동").toString()).doesNotContain("110123456789");
        assertThatThrownBy(() -> new RefundAccount("88", "110-123-456789", "홍길동"))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("110-123-456789");
    }
}
