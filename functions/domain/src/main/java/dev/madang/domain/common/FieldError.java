package dev.madang.domain.common;

/** One reason a field of a request breaks a rule; rendered as an entry of a problem response's {@code errors}. */
public record FieldError(String field, String reason) {
}
