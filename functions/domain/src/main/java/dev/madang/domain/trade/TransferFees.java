package dev.madang.domain.trade;

import java.util.Optional;

/** The transfer fee an organiser sets per performance: what a seller's refund keeps back when a ticket is handed on. */
public interface TransferFees {

    /** The fee when the organiser set none. */
    int DEFAULT_PERCENT = 5;
    /** The most an organiser may keep back: a transfer is a fan's way out, not a second sale. */
    int MAX_PERCENT = 10;

    /** The fee in percent of the face value, if the organiser set one. */
    Optional<Integer> feePercent(String performanceId);

    void setFeePercent(String performanceId, int feePercent);
}
