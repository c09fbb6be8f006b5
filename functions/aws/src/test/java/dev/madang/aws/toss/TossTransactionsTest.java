package dev.madang.aws.toss;

import dev.madang.aws.support.MovableClock;
import dev.madang.domain.payment.PgStatus;
import dev.madang.domain.payment.PgTransaction;
import dev.madang.localstack.TossSandbox;
import dev.madang.localstack.TossSandbox.Endpoint;
import dev.madang.localstack.TossSandbox.PayMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code GET /v1/transactions} through the real adapter against the sandbox over HTTP: a Korea-time day, every page. */
class TossTransactionsTest {

    static final String SECRET_KEY = "test_sk_madang_transactions_0123";
    static final ZoneId KOREA = ZoneId.of("Asia/Seoul");
    static final MovableClock CLOCK = new MovableClock();

    static TossSandbox sandbox;
    static TossPayments toss;

    @BeforeAll
    static void start() {
        sandbox = TossSandbox.start(SECRET_KEY).clock(CLOCK);
        toss = new TossPayments(sandbox.baseUrl(), SECRET_KEY, new TossPayments.Settings(
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(10)));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void aDaysLedgerIsEveryApprovalAndCancelOfThatKoreaDayAcrossPages() {
        LocalDate day = LocalDate.of(2031, 3, 14);
        Instant start = day.atStartOfDay(KOREA).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(KOREA).toInstant().minusMillis(1);
        // the evening before (Korea), which is still the 13th: not in the day
        CLOCK.set(start.minusSeconds(60));
        String before = approve("ord-before", 10_000);
        // the day: three approvals, a partial and a full cancel, a virtual account issued
        CLOCK.set(start.plusSeconds(1));
        String first = approve("ord-1", 50_000);
        String second = approve("ord-2", 30_000);
        CLOCK.set(start.plus(Duration.ofHours(12)));
        toss.cancel(first, "fan cancelled one ticket", 20_000L, null, "c1");
        toss.cancel(second, "fan cancelled all", null, null, "c2");
        String va = sandbox.authorize("ord-va", 40_000, PayMethod.VIRTUAL_ACCOUNT);
        toss.confirm(va, "ord-va", 40_000, "confirm-va");
        CLOCK.set(end);
        approve("ord-3", 70_000);
        // just after midnight: the 15th
        CLOCK.set(end.plusMillis(1));
        approve("ord-after", 5_000);

        int pagesBefore = sandbox.requestCount(Endpoint.TRANSACTIONS);
        List<PgTransaction> listed = toss.transactions(start, end, 2);
        int pages = sandbox.requestCount(Endpoint.TRANSACTIONS) - pagesBefore;

        assertThat(listed).extracting(PgTransaction::orderId)
                .containsExactly("ord-1", "ord-2", "ord-1", "ord-2", "ord-va", "ord-3");
        assertThat(listed).extracting(PgTransaction::status).containsExactly(PgStatus.DONE, PgStatus.DONE,
                PgStatus.PARTIAL_CANCELED, PgStatus.CANCELED, PgStatus.WAITING_FOR_DEPOSIT, PgStatus.DONE);
        assertThat(listed).extracting(PgTransaction::amount).containsExactly(50_000L, 30_000L, 20_000L, 30_000L,
                40_000L, 70_000L);
        assertThat(listed.get(2).isCancel()).isTrue();
        assertThat(listed.get(0).paymentKey()).isEqualTo(first);
        assertThat(listed).extracting(PgTransaction::transactionKey).doesNotHaveDuplicates();
        assertThat(listed.get(0).transactionAt()).isEqualTo(start.plusSeconds(1));
        assertThat(listed).noneMatch(t -> t.paymentKey().equals(before));
        // 6 transactions by 2: three full pages, then an empty one says the end
        assertThat(pages).isEqualTo(4);
        assertThat(toss.transactions(start, end)).hasSize(6);
        System.out.println("transactions=" + listed.size() + " pages=" + pages + " page_size=2");
    }

    @Test
    void aWrongSecretKeyIsOurMisconfigurationAndAnOutageIsRetried() {
        Instant now = Instant.parse("2001-01-01T00:00:00Z"); // a period nobody paid in
        TossPayments wrongKey = new TossPayments(sandbox.baseUrl(), "test_sk_wrong");
        assertThatThrownBy(() -> wrongKey.transactions(now.minusSeconds(60), now))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("secret key");
        sandbox.failNext(Endpoint.TRANSACTIONS, 2, 503);
        // two 503s, then the answer: the third attempt lists the (empty) period
        int before = sandbox.requestCount(Endpoint.TRANSACTIONS);
        assertThat(toss.transactions(now.minusSeconds(60), now)).isEmpty();
        assertThat(sandbox.requestCount(Endpoint.TRANSACTIONS) - before).isEqualTo(3);
        assertThatThrownBy(() -> toss.transactions(now, now.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static String approve(String orderId, long amount) {
        String key = sandbox.authorize(orderId, amount, PayMethod.CARD);
        toss.confirm(key, orderId, amount, "confirm-" + UUID.randomUUID());
        return key;
    }
}
