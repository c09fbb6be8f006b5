package dev.madang.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the one-booking cost benchmark once and checks that it measured a real, complete booking: PAID with a ticket
 * per seat, and counts that follow from the design (not timings, which vary from machine to machine).
 */
class PaymentCostTest {

    @Test
    void one_card_booking_ends_paid_and_its_costs_are_counted() throws Exception {
        Map<String, Object> figures = PaymentCost.run();
        figures.forEach((k, v) -> System.out.println(k + "=" + v));

        assertThat(figures.get("order_status")).hasToString("PAID");
        assertThat(figures.get("execution_status")).hasToString("SUCCEEDED");
        assertThat(n(figures, "tickets")).isEqualTo(PaymentCost.SEATS);

        // the happy card path of payment.asl.json: Await Payment > Confirm Payment > Route Confirmation > Issue Tickets
        // > Route Issue > Notify Booking > Booked, one billed transition each
        assertThat(figures.get("sfn_states_entered")).hasToString("Await Payment > Confirm Payment > Route Confirmation"
                + " > Issue Tickets > Route Issue > Notify Booking > Booked");
        assertThat(n(figures, "sfn_state_transitions")).isEqualTo(7);
        // the four Task states, each invoked once (nothing failed, so nothing was retried)
        assertThat(n(figures, "lambda_invocations")).isEqualTo(4);
        assertThat(figures).doesNotContainKey("lambda_CloseOrderFunction");
        // StartExecution by the order, SendTaskSuccess by the payment (or by the wait step if the key came first)
        assertThat(n(figures, "sfn_StartExecution")).isEqualTo(1);
        assertThat(n(figures, "sfn_SendTaskSuccess")).isEqualTo(1);
        // one confirm at the PG, no refund
        assertThat(n(figures, "pg_confirm_requests")).isEqualTo(1);
        assertThat(n(figures, "pg_payment_requests")).isEqualTo(1); // the submitted key, read back before it is taken
        assertThat(n(figures, "pg_cancel_requests")).isZero();
        assertThat(n(figures, "sqs_messages")).isEqualTo(1);

        // every seat is written when held and again when it becomes a ticket; tickets and the order are written too
        long seats = PaymentCost.SEATS;
        assertThat(n(figures, "ddb_hold_writes")).isGreaterThanOrEqualTo(seats + 1); // seats + the fan's ledger
        assertThat(n(figures, "ddb_order_PutItem")).isGreaterThanOrEqualTo(1); // the order
        // each seat becomes a ticket; the order is approved; then PAID with its ticket items in one transaction
        assertThat(n(figures, "ddb_pay_workflow_writes")).isGreaterThanOrEqualTo(seats + 2);
        assertThat(n(figures, "ddb_pay_workflow_TransactWriteItems")).isEqualTo(1);
        assertThat(n(figures, "ddb_writes")).isGreaterThanOrEqualTo(4 * seats + 3);
        assertThat(n(figures, "ddb_reads")).isPositive();
        assertThat(n(figures, "ddb_requests_total")).isEqualTo(n(figures, "ddb_reads") + n(figures, "ddb_writes"))
                .isEqualTo(n(figures, "ddb_api_requests") + n(figures, "ddb_workflow_requests"))
                .isEqualTo(n(figures, "ddb_hold_requests") + n(figures, "ddb_order_requests")
                        + n(figures, "ddb_pay_workflow_requests"));
        assertThat(figures).doesNotContainKey("ddb_Scan"); // no scans on the booking path

        // the budget of issue 17: at most 15 DynamoDB requests and 10 billed transitions per card booking. Reads are
        // what the workflow can carry: the fan's ledger and the uncached round when ordering (the cancelled check),
        // the order when paying (amount check) and when confirming (it must still be CONFIRMING); nothing else
        assertThat(n(figures, "ddb_requests_total")).isLessThanOrEqualTo(15);
        assertThat(n(figures, "sfn_state_transitions")).isLessThanOrEqualTo(10);
        assertThat(n(figures, "ddb_hold_reads")).isZero();
        assertThat(n(figures, "ddb_order_reads")).isEqualTo(2);
        assertThat(n(figures, "ddb_pay_workflow_reads")).isEqualTo(2);
    }

    private static long n(Map<String, Object> figures, String key) {
        assertThat(figures).containsKey(key);
        return ((Number) figures.get(key)).longValue();
    }
}
