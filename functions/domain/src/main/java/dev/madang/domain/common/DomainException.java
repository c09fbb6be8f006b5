package dev.madang.domain.common;

import java.util.List;

/**
 * Why a use case refused a command. The kinds map one to one onto the HTTP problem statuses (API.md), so the
 * adapters never have to guess: NOT_FOUND also covers "not yours", so nobody learns that another user's thing exists.
 */
public class DomainException extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, CONFLICT, RULE_VIOLATED }

    private final Kind kind;
    private final String type;
    private final List<FieldError> errors;

    public DomainException(Kind kind, String type, String detail, List<FieldError> errors) {
        super(detail);
        this.kind = kind;
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public static DomainException notFound(String what, String id) {
        return new DomainException(Kind.NOT_FOUND, "not-found", what + " " + id + " does not exist", List.of());
    }

    public static DomainException ruleViolated(String type, String detail, List<FieldError> errors) {
        return new DomainException(Kind.RULE_VIOLATED, type, detail, errors);
    }

    public static DomainException invalid(String detail, List<FieldError> errors) {
        return new DomainException(Kind.INVALID, "invalid-request", detail, errors);
    }

    public static DomainException conflict(String type, String detail) {
        return new DomainException(Kind.CONFLICT, type, detail, List.of());
    }

    public Kind kind() {
        return kind;
    }

    /** A short slug naming the problem, e.g. {@code duplicate-seat}; the API turns it into a problem type URI. */
    public String type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
