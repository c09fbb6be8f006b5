package dev.madang.api.support;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;

import java.util.List;

/** A list's {@code limit} query parameter: absent is the default, anything but a whole number a 400 naming it. */
public final class PageLimits {

    private PageLimits() {
    }

    /** The range (1 to the list's maximum) is the use case's rule; this only reads the number. */
    public static int parse(String text, int defaultLimit) {
        if (text == null) {
            return defaultLimit;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw DomainException.invalid("the list query is not valid",
                    List.of(new FieldError("limit", "a whole number")));
        }
    }
}
