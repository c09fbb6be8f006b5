package dev.madang.domain.catalog;

/** A seat grade of a round (VIP, R, S, A…) and its price in won. */
public record GradePrice(String grade, long price) {
}
