package dev.madang.domain.common;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Why a use case refused a command. The kinds map one to one onto the HTTP problem statuses (docs/api.md §5), so the
 * adapters never have to guess: NOT_FOUND also covers "not yours", so nobody learns that another user's thing exists.
 * UNAUTHENTICATED is a refused credential (401), THROTTLED a refusal to try at all for a while (429, with the
 * {@link #retryAfter()} the client should wait). FORBIDDEN is a known caller who may not do this yet (403), e.g. a fan
 * who has not verified their identity trying to book.
 */
public class DomainException extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, CONFLICT, RULE_VIOLATED, UNAUTHENTICATED, FORBIDDEN, THROTTLED }

    private final Kind kind;
    private final String type;
    private final List<FieldError> errors;
    private final Duration retryAfter;

    public DomainException(Kind kind, String type, String detail, List<FieldError> errors) {
        this(kind, type, detail, errors, null);
    }

    private DomainException(Kind kind, String type, String detail, List<FieldError> errors, Duration retryAfter) {
        super(detail);
        this.kind = kind;
        this.type = type;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
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

    /** A credential was refused; the detail must not say which part was wrong. */
    public static DomainException unauthenticated(String type, String detail) {
        return new DomainException(Kind.UNAUTHENTICATED, type, detail, List.of());
    }

    /** The caller is known but may not do this (403); the detail says what would allow it. */
    public static DomainException forbidden(String type, String detail) {
        return new DomainException(Kind.FORBIDDEN, type, detail, List.of());
    }

    /** Refused without trying, for {@code retryAfter} at most. */
    public static DomainException throttled(String type, String detail, Duration retryAfter) {
        if (retryAfter == null || retryAfter.isNegative()) {
            throw new IllegalArgumentException("a throttled refusal says when to retry");
        }
        return new DomainException(Kind.THROTTLED, type, detail, List.of(), retryAfter);
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

    /** How long a THROTTLED client should wait before trying again; empty for every other kind. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
