package dev.madang.domain.common;

import java.util.Map;
import java.util.Objects;

/**
 * What happened in the business, counted for the operators of an on-sale (docs/operations.md, "Metrics"): holds made
 * and refused, orders paid, refunds, draw results and waiting-room lengths. ({@code PgErrors} is not one of them: the
 * template counts the payment adapter's retry log lines as that metric, and emitting it here would count each twice.)
 *
 * <p>Like a logger, the domain obtains the process's sink with {@link #current()} rather than through every
 * constructor: a count is a side note of the work, not a collaborator of it, and the payment classes stay unchanged
 * but for one call each. Each process installs its adapter once at start (the AWS one writes CloudWatch Embedded
 * Metric Format lines); until then nothing is recorded.
 */
public interface BusinessMetrics {

    /** Every metric Madang records, by its CloudWatch name; all are counts. */
    enum Metric {
        /** Seats put on hold by one successful hold request. */
        HoldsMade,
        /** Hold requests refused by a business rule (seat taken, over the per-person limit, ...). */
        HoldsRefused,
        OrdersPaid,
        /** Payments given back by the PG (a closed order's capture, a refunded ticket). */
        Refunds,
        /** Lottery entries that won a seat in one section draw. */
        DrawWinners,
        /** Lottery entries left without a seat by one section draw. */
        DrawLosers,
        /** Fans waiting ahead of a new arrival in a round's waiting room. */
        WaitingRoomLength
    }

    /**
     * Records a value; {@code dimensions} (may be empty) narrows it further, e.g. by round. The value is always
     * recorded without dimensions too, so an alarm on the plain metric sees every occurrence.
     */
    void record(Metric metric, double value, Map<String, String> dimensions);

    default void record(Metric metric, double value) {
        record(metric, value, Map.of());
    }

    default void count(Metric metric) {
        record(metric, 1);
    }

    BusinessMetrics NONE = (metric, value, dimensions) -> { };

    /** The process's sink, {@link #NONE} until one is installed. */
    static BusinessMetrics current() {
        return Installed.sink;
    }

    /** Installs the process's sink (at start-up, or by a test that counts). */
    static void install(BusinessMetrics sink) {
        Installed.sink = Objects.requireNonNull(sink);
    }

    /** Holder of the installed sink (interfaces cannot have mutable fields). */
    final class Installed {
        private static volatile BusinessMetrics sink = NONE;

        private Installed() {
        }
    }
}
