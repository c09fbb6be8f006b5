package dev.madang.aws.order;

import dev.madang.aws.release.DynamoReleasePools;
import dev.madang.aws.toss.TossPayments;
import dev.madang.domain.cancellation.CancellationFees;
import dev.madang.domain.cancellation.CancellationPolicy;
import dev.madang.domain.cancellation.CancellingTickets;
import dev.madang.domain.cancellation.TicketCancellation;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.order.Order;
import dev.madang.domain.order.OrderLifecycle;
import dev.madang.domain.order.OrderStatus;
import dev.madang.domain.order.PaymentMethod;
import dev.madang.domain.order.Ticket;
import dev.madang.domain.reconciliation.Mismatch;
import dev.madang.domain.reconciliation.ReconciliationReport;
import dev.madang.domain.reconciliation.ReconcilingPayments;
import dev.madang.localstack.TossSandbox.PayMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily reconciliation on its real adapters: orders, cancellations and the ledger in DynamoDB (dynalite), the
 * PG's transaction list and payments from the Toss sandbox over HTTP. Each test lives on a Korea-time day of its own
 * (the workers' clock and the sandbox's moved there), so a day holds exactly what the test did on it.
 *
 * <p>These rounds are left out of {@link dev.madang.localstack.PaymentInvariants}: its money rule knows nothing of
 * ticket cancellations, and two tests here break the money on purpose. Finding that is the reconciliation's job.
 */
class ReconcilingPaymentsTest extends PaymentStepsFixture {

    DynamoReconciliations store;
    ReconcilingPayments reconciling;
    CancellingTickets cancelling;

    @BeforeEach
    void wireReconciliation() {
        toss.clock(CLOCK);
        store = new DynamoReconciliations(aws.dynamo(), aws.tableName("OrdersTable"));
        reconciling = new ReconcilingPayments(pgCalls.proxy(), store, CLOCK);
        cancelling = new CancellingTickets(orderCalls.proxy(), new DynamoTicketCancellations(aws.dynamo(),
                aws.tableName("OrdersTable")), new CachedCatalog(catalog.rounds(), catalog.venues(), CLOCK,
                Duration.ofSeconds(10), Runnable::run), performanceId -> CancellationPolicy.koreanStandard(),
                new CancellationFees(), new DynamoReleasePools(aws.dynamo(), seatsTable), booking.holdLedgers(),
                pgCalls.proxy(), dev.madang.domain.cancellation.TicketRefundNotifications.NONE, CLOCK);
    }

    @AfterEach
    void systemClockForTheSandbox() {
        toss.clock(Clock.systemUTC());
    }

    /** Puts the workers and the PG on {@code daysAhead} days from today (Korea), 11:00. */
    static LocalDate liveOn(int daysAhead) {
        LocalDate day = LocalDate.now(ReconcilingPayments.KOREA).plusDays(daysAhead);
        CLOCK.set(day.atTime(LocalTime.of(11, 0)).atZone(ReconcilingPayments.KOREA).toInstant());
        return day;
    }

    @Test
    void aRefundMadeDirectlyAtThePgIsTheDaysOnlyMismatch() {
        LocalDate day = liveOn(1);
        Round round = roundOnSale(4);
        ROUNDS_MADE.remove(round); // the money is broken on purpose below
        Order a = booked("fan-a", round, "A-1-1", "A-1-2");
        Order b = booked("fan-b", round, "A-1-3");
        CLOCK.advance(Duration.ofHours(1));
        // fan A cancels one of two tickets through the real flow: the PG refunds, the order records it
        Ticket first = orders.ticketsOf(a.id()).get(0);
        TicketCancellation cancelled = cancelling.cancel("fan-a", a.id(), List.of(first.ticketId()), "cancel-" + UUID.randomUUID());
        assertThat(cancelled.status()).isEqualTo(TicketCancellation.Status.REFUNDED);
        assertThat(cancelled.refund()).isPositive();
        CLOCK.advance(Duration.ofHours(1));
        // and someone refunds 5,000 won of the same payment in the PG's dashboard, outside Madang
        assertThat(merchantCancel(orders.byId(a.id()).orElseThrow().paymentKey(), 5_000)).isEqualTo(200);
        Map<String, AttributeValue> orderBefore = orderItem(a.id());

        CLOCK.set(day.plusDays(1).atTime(6, 0).atZone(ReconcilingPayments.KOREA).toInstant());
        ReconciliationReport report = reconciling.reconcileYesterday();

        assertThat(report.day()).isEqualTo(day);
        assertThat(report.mismatches()).containsExactly(new Mismatch(a.id(), orders.byId(a.id()).orElseThrow()
                .paymentKey(), Mismatch.Kind.UNKNOWN_REFUND, cancelled.refund(), cancelled.refund() + 5_000));
        // approvals of A and B, A's cancel and the direct one; our approvals of A and B and A's refund
        assertThat(report.pgTransactions()).isEqualTo(4);
        assertThat(report.ourEntries()).isEqualTo(3);
        assertThat(report.ordersCompared()).isEqualTo(2);
        assertThat(store.report(day)).contains(report);
        assertThat(orderItem(a.id())).isEqualTo(orderBefore); // nothing changed: a person decides
        assertThat(orders.byId(b.id()).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
        print("direct_refund_day", report);
    }

    @Test
    void anApprovalWeNeverRecordedAndAPaidOrderThePgNeverApprovedAreReported() {
        LocalDate day = liveOn(2);
        Round round = roundOnSale(4);
        ROUNDS_MADE.remove(round); // the money is broken on purpose below
        // C: approved at the PG, but our confirm step never ran (its order is still waiting for payment)
        Order c = place("fan-c", hold("fan-c", round, "A-1-1"), PaymentMethod.CARD);
        String cKey = toss.authorize(c.id(), c.amount(), PayMethod.CARD);
        new TossPayments(toss.baseUrl(), TOSS_SECRET).confirm(cKey, c.id(), c.amount(), "lost-confirm-" + c.id());
        // an approval for an order id we never had at all
        String ghost = "ghost-" + UUID.randomUUID();
        String ghostKey = toss.authorize(ghost, 12_000, PayMethod.CARD);
        new TossPayments(toss.baseUrl(), TOSS_SECRET).confirm(ghostKey, ghost, 12_000, "ghost-confirm");
        // D: made PAID with tickets although the PG never approved it (authorised, never confirmed)
        Order d = place("fan-d", hold("fan-d", round, "A-1-2"), PaymentMethod.CARD);
        submit("fan-d", d, toss.authorize(d.id(), d.amount(), PayMethod.CARD));
        assertThat(new OrderLifecycle(orders).approve(d.id())).isTrue();
        assertThat(workflowFromIssue(d.id())).isEqualTo("Booked");

        ReconciliationReport report = reconciling.reconcile(day);

        assertThat(report.mismatches()).containsExactlyInAnyOrder(
                new Mismatch(c.id(), cKey, Mismatch.Kind.MISSING_ORDER, 0, c.amount()),
                new Mismatch(ghost, ghostKey, Mismatch.Kind.MISSING_ORDER, 0, 12_000),
                new Mismatch(d.id(), orders.byId(d.id()).orElseThrow().paymentKey(), Mismatch.Kind.MISSING_APPROVAL,
                        d.amount(), 0));
        assertThat(orders.byId(c.id()).orElseThrow().status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        print("approvals_day", report);
    }

    @Test
    void aDayOfPaymentsAndCancellationsThatAgreeHasNoMismatch() {
        LocalDate day = liveOn(3);
        Round round = roundOnSale(4);
        ROUNDS_MADE.remove(round); // the invariants' money rule does not know ticket cancellations
        Order a = booked("fan-e", round, "A-1-1", "A-1-2");
        booked("fan-f", round, "A-1-3");
        Ticket first = orders.ticketsOf(a.id()).get(0);
        cancelling.cancel("fan-e", a.id(), List.of(first.ticketId()), "cancel-" + UUID.randomUUID());

        ReconciliationReport report = reconciling.reconcile(day);
        ReconciliationReport dayBefore = reconciling.reconcile(day.minusDays(1).minusYears(1)); // nothing at all

        assertThat(report.clean()).isTrue();
        assertThat(report.pgTransactions()).isEqualTo(3);
        assertThat(report.ourEntries()).isEqualTo(3);
        assertThat(report.ordersCompared()).isEqualTo(2);
        assertThat(report.counts().values()).allMatch(n -> n == 0);
        assertThat(dayBefore.clean()).isTrue();
        assertThat(dayBefore.ordersCompared()).isZero();
        print("clean_day", report);
    }

    /** A card order through the real steps: held, placed, authorised in the PG's window, submitted, confirmed, booked. */
    Order booked(String fan, Round round, String... seats) {
        Order order = place(fan, hold(fan, round, seats), PaymentMethod.CARD);
        submit(fan, order, toss.authorize(order.id(), order.amount(), PayMethod.CARD));
        assertThat(workflowFromConfirm(order.id())).isEqualTo("Booked");
        return orders.byId(order.id()).orElseThrow();
    }

    /** A refund made at the PG by the merchant directly (Toss's cancel endpoint with our secret key), not by Madang. */
    static int merchantCancel(String paymentKey, long amount) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(toss.baseUrl() + "/v1/payments/" + paymentKey
                            + "/cancel"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((TOSS_SECRET + ":")
                            .getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"cancelReason\":\"고객 요청 (상점 관리자)\",\"cancelAmount\":"
                            + amount + "}")).build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void print(String label, ReconciliationReport report) {
        StringBuilder line = new StringBuilder(label + ": day=" + report.day() + " pg_transactions="
                + report.pgTransactions() + " our_entries=" + report.ourEntries() + " orders_compared="
                + report.ordersCompared() + " mismatches=" + report.mismatches().size());
        report.counts().forEach((kind, n) -> line.append(' ').append(kind.name().toLowerCase()).append('=').append(n));
        System.out.println(line);
    }
}
