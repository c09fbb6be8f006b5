package dev.madang.domain.common;

import java.util.ArrayList;
import java.util.List;

/** Collects every broken rule of a command before refusing it, so a client learns all its mistakes at once. */
public final class Violations {

    private final List<FieldError> errors = new ArrayList<>();

    public Violations check(boolean ok, String field, String reason) {
        if (!ok) {
            errors.add(new FieldError(field, reason));
        }
        return this;
    }

    public Violations add(String field, String reason) {
        errors.add(new FieldError(field, reason));
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Missing or malformed fields: the request itself is wrong (400). */
    public void throwIfInvalid(String detail) {
        if (!errors.isEmpty()) {
            throw DomainException.invalid(detail, errors);
        }
    }

    /** Well-formed but against a business rule (422). */
    public void throwIfRuleViolated(String type, String detail) {
        if (!errors.isEmpty()) {
            throw DomainException.ruleViolated(type, detail, errors);
        }
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }
}
