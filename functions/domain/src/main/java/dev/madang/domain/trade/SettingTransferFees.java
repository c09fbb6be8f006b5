package dev.madang.domain.trade;

import dev.madang.domain.catalog.Performances;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;

import java.util.List;

/**
 * An organiser sets the fee kept from a seller's refund when a ticket of their performance is handed on: 0 to
 * {@link TransferFees#MAX_PERCENT}% of the face value, {@link TransferFees#DEFAULT_PERCENT}%
 * until they set one. The buyer always pays the face value, nothing more.
 */
public final class SettingTransferFees {

    private final Performances performances;
    private final TransferFees fees;

    public SettingTransferFees(Performances performances, TransferFees fees) {
        this.performances = performances;
        this.fees = fees;
    }

    /** The fee in force, and whether it is the default. */
    public record InForce(int feePercent, boolean standard) {
    }

    public InForce get(String performanceId) {
        requirePerformance(performanceId);
        return fees.feePercent(performanceId).map(p -> new InForce(p, false))
                .orElse(new InForce(TransferFees.DEFAULT_PERCENT, true));
    }

    public InForce set(String performanceId, Integer feePercent) {
        if (feePercent == null || feePercent < 0 || feePercent > TransferFees.MAX_PERCENT) {
            throw DomainException.invalid("the transfer fee is not valid", List.of(new FieldError("feePercent",
                    "0 to " + TransferFees.MAX_PERCENT)));
        }
        requirePerformance(performanceId);
        fees.setFeePercent(performanceId, feePercent);
        return new InForce(feePercent, false);
    }

    private void requirePerformance(String performanceId) {
        performances.find(performanceId).orElseThrow(() -> DomainException.notFound("performance", performanceId));
    }
}
