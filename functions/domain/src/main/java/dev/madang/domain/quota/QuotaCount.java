package dev.madang.domain.quota;

/** A quota's total, the units taken now, and over how many shards it is spread. */
public record QuotaCount(long total, long taken, int shards) {

    public long left() {
        return total - taken;
    }
}
