package dev.madang.domain.catalog;

import dev.madang.domain.common.Violations;

import java.time.LocalDate;

/** A fan's search of the catalog. Dates are calendar days in Asia/Seoul. */
public record CatalogQuery(String text, Genre genre, LocalDate from, LocalDate to, Performance.SaleStatus status,
                           int limit, String cursor) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public void validate() {
        Violations v = new Violations();
        v.check(limit >= 1 && limit <= MAX_LIMIT, "limit", "a limit of 1-" + MAX_LIMIT);
        v.check(text == null || (text.strip().length() >= 1 && text.length() <= 50), "q", "a search of 1-50 characters");
        v.check(from == null || to == null || !to.isBefore(from), "to", "the range ends before it starts");
        v.check(status == null || status == Performance.SaleStatus.ON_SALE || status == Performance.SaleStatus.COMING_SOON,
                "status", "ON_SALE or COMING_SOON");
        v.throwIfInvalid("the catalog query is not valid");
    }
}
