package dev.madang.api.support;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Times leave the API with the Asia/Seoul offset (docs/api.md §3): a fan in Seoul reads 19:30+09:00, not 10:30Z. */
public final class Times {

    public static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    private Times() {
    }

    public static OffsetDateTime seoul(Instant t) {
        return t == null ? null : t.atZone(SEOUL).toOffsetDateTime();
    }

    public static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
