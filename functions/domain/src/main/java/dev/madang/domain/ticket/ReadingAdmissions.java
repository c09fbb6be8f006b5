package dev.madang.domain.ticket;

import dev.madang.domain.catalog.Rounds;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Page;

import java.util.List;
import java.util.Map;

/** An organiser follows the doors: a round's admissions a page at a time, earliest first, with counts per gate. */
public final class ReadingAdmissions {

    public static final int DEFAULT_LIMIT = 50;

    private final Tickets tickets;
    private final Rounds rounds;

    public ReadingAdmissions(Tickets tickets, Rounds rounds) {
        this.tickets = tickets;
        this.rounds = rounds;
    }

    /** @param byGate admissions per gate over the whole round; given with the first page only (it reads them all) */
    public record Admissions(Page<Admission> page, Map<String, Long> byGate) {

        public Long admitted() {
            return byGate == null ? null : byGate.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public Admissions of(String roundId, String cursor, int limit) {
        if (limit < 1 || limit > 100) {
            throw DomainException.invalid("the admission list query is not valid",
                    List.of(new FieldError("limit", "1 to 100")));
        }
        rounds.find(roundId).orElseThrow(() -> DomainException.notFound("round", roundId));
        return new Admissions(tickets.admissions(roundId, cursor, limit),
                cursor == null ? tickets.admittedByGate(roundId) : null);
    }
}
