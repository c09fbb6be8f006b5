package dev.madang.api.support;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;

import java.util.List;

/** A route that reads a JSON body refuses a request without one as a 400 problem, not a null deep in a use case. */
public final class Bodies {

    private Bodies() {
    }

    public static <T> T require(T body) {
        if (body == null) {
            throw DomainException.invalid("a JSON body is required", List.of(new FieldError("body", "required")));
        }
        return body;
    }
}
