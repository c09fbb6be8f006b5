package dev.madang.domain.catalog;

/** What a round does with one section: how it is sold and at which grade. */
public record SectionPlan(BookingMode mode, String grade) {
}
