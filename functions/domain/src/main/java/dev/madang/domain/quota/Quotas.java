package dev.madang.domain.quota;

import java.util.Optional;

/**
 * A limited number of units that many people take at once: a coupon batch's claims, an exhibition time slot's
 * entries. A quota's total is split over shards, each stored (by the adapter) as its own item with its own cap, so no
 * single key takes every write of a rush; see docs/commerce.md "Quotas".
 * <p>
 * The contract, which holds under any number of parallel callers:
 * <ul>
 *   <li>{@link #take} never hands out more than the total: the units taken (less those given back) never exceed it;</li>
 *   <li>a take of n is all or nothing, and is refused only when fewer than n units are really left (or, rarely, when
 *       it lost the race for the last units {@link #MAX_ROUNDS} times in a row);</li>
 *   <li>a take of n that no single shard can satisfy (each has fewer than n left, together they have n) takes from
 *       several shards in one transaction.</li>
 * </ul>
 * Giving units back is the caller's to make exactly-once (e.g. conditional on its own item's state): the quota only
 * checks that a shard never goes below zero taken.
 */
public interface Quotas {

    /** A take that keeps losing races for the last units gives up after this many rounds of reading the shards. */
    int MAX_ROUNDS = 20;

    /** At most this many shards per quota (one transaction can span them all). */
    int MAX_SHARDS = 100;

    /**
     * Creates the quota {@code name} with {@code total} units over {@code shards} shards (clamped to 1..min(total,
     * {@value #MAX_SHARDS})), each shard's cap total/shards, the remainder one each to the first shards. Opening a
     * quota that exists already changes nothing and answers false.
     */
    boolean open(String name, int total, int shards);

    /** Takes {@code units} (at least 1) if that many are left; the receipt says which shards gave them. */
    Optional<QuotaTake> take(String name, int units);

    /** Returns the units of an earlier take to the shards they came from. */
    void giveBack(QuotaTake take);

    /** The quota's total and the units taken now (a strongly consistent read of its shards); empty if never opened. */
    Optional<QuotaCount> count(String name);
}
