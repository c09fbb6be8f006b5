package dev.madang.domain.coupon;

import java.util.List;
import java.util.Optional;

/** The coupon batches admins issue (port). */
public interface CouponBatches {

    /**
     * Stores a new batch with its code, if it has one; false, and nothing written, when another batch has that code
     * (codes are unique, so one typed code names one batch).
     */
    boolean create(CouponBatch batch);

    Optional<CouponBatch> find(String batchId);

    /** The batch claimed by this code ({@link CouponBatch#normalCode} form). */
    Optional<CouponBatch> byCode(String code);

    /** Downloadable batches, newest first, at most {@code limit}. */
    List<CouponBatch> downloadable(int limit);
}
