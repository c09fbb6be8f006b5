package dev.madang.domain.ticket;

import dev.madang.domain.common.DomainException;

import java.util.List;

/** A second scan of an admitted ticket (409 {@code already-admitted}), with the admission that stands. */
public final class AlreadyAdmitted extends DomainException {

    private final transient Admission first;

    public AlreadyAdmitted(Admission first) {
        super(Kind.CONFLICT, "already-admitted", "ticket " + first.ticketId() + " was admitted at gate "
                + first.gate() + " at " + first.admittedAt(), List.of());
        this.first = first;
    }

    public Admission first() {
        return first;
    }
}
