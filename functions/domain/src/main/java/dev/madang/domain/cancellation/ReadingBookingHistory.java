package dev.madang.domain.cancellation;

import dev.madang.domain.common.Page;
import dev.madang.domain.common.Violations;

/** "My page": a fan's booking history, newest first, paged (docs/api.md §2.4). */
public final class ReadingBookingHistory {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private final BookingHistory history;

    public ReadingBookingHistory(BookingHistory history) {
        this.history = history;
    }

    /** 400 for a limit outside 1-{@value #MAX_LIMIT}; a cursor of another list is the adapter's 400. */
    public Page<BookingHistory.Booking> mine(String userId, String cursor, int limit) {
        new Violations().check(limit >= 1 && limit <= MAX_LIMIT, "limit", "a limit of 1-" + MAX_LIMIT)
                .check(cursor == null || cursor.length() <= 600, "cursor", "not a cursor of this list")
                .throwIfInvalid("the booking history query is not valid");
        return history.of(userId, cursor, limit);
    }
}
