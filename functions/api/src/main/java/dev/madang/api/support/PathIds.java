package dev.madang.api.support;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Ids;

import java.util.List;

/** Path ids are ULIDs; anything else is a malformed request (400), not a lookup that finds nothing. */
public final class PathIds {

    private PathIds() {
    }

    public static String require(String name, String value) {
        if (!Ids.isWellFormed(value)) {
            throw DomainException.invalid("malformed id", List.of(new FieldError(name, "not an id this API issues")));
        }
        return value;
    }
}
