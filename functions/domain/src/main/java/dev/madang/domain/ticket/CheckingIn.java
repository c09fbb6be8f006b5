package dev.madang.domain.ticket;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Page;
import dev.madang.domain.common.Violations;
import dev.madang.domain.order.Ticket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A scanner at the door checks a ticket code in: the code must be one we signed (signature, type), current at the
 * moment of the scan (its step or the one before, {@link CodeSteps}), for a round this scanner is assigned to, and its
 * ticket neither revoked nor admitted already; then the ticket is admitted with one conditional write, so of two
 * scans of one ticket exactly one admits it.
 *
 * <p>Scans made offline are uploaded later in a batch, each with the moment it was made and its gate; each is checked
 * as of that moment. <b>The earliest admission wins</b>: the batch is applied in scan-time order, and an uploaded scan
 * made before an admission already on record takes its place (the record then says where the ticket really went in
 * first); every other scan of an admitted ticket is reported as a duplicate naming the admission that stands. A scan's
 * moment comes from the scanner, which is trusted for it, but it cannot reach back further than the code it read: a
 * code is accepted only in its own step and the next.
 */
public final class CheckingIn {

    /** How far ahead of our clock a scanner's clock may be. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(5);
    /** The most scans one upload may carry. */
    public static final int MAX_BATCH = 500;
    public static final int MAX_GATE_LENGTH = 40;
    public static final int MAX_CODE_LENGTH = 2048;
    public static final int DEFAULT_REVOCATIONS_LIMIT = 500;

    private final TicketCodes codes;
    private final Tickets tickets;
    private final ScannerScopes scopes;
    private final Clock clock;

    public CheckingIn(TicketCodes codes, Tickets tickets, ScannerScopes scopes, Clock clock) {
        this.codes = codes;
        this.tickets = tickets;
        this.scopes = scopes;
        this.clock = clock;
    }

    /** One scan: {@code scannedAt} null means now (an online scan). */
    public record Scan(String code, String gate, Instant scannedAt) {
    }

    public enum Outcome { ADMITTED, ALREADY_ADMITTED, REVOKED, EXPIRED, INVALID, NOT_ASSIGNED }

    /**
     * @param admission  the admission written (ADMITTED) or the one that stands (ALREADY_ADMITTED)
     * @param superseded for ADMITTED, the later admission this scan replaced
     * @param revokedAs  for REVOKED, the ticket's status
     */
    public record ScanResult(Outcome outcome, Instant scannedAt, TicketCode code, Admission admission,
                             Admission superseded, Ticket.TicketStatus revokedAs) {
    }

    /** An online scan: admits the ticket, or refuses it with a problem naming why. */
    public ScanResult scan(String scannerId, Scan scan) {
        Instant now = clock.instant();
        validate(List.of(scan), now, false);
        ScanResult result = check(scannerId, scopes.roundsOf(scannerId), scan, now);
        return switch (result.outcome()) {
            case ADMITTED -> result;
            case INVALID -> throw DomainException.ruleViolated("ticket-code-invalid",
                    "this is not a ticket code of ours, or it was altered", List.of());
            case EXPIRED -> throw DomainException.ruleViolated("ticket-code-expired",
                    "the code is older than the rotation allows (a screenshot?): ask for the live code", List.of());
            case NOT_ASSIGNED -> throw DomainException.forbidden("round-not-assigned",
                    "this scanner is not assigned to the ticket's round");
            case REVOKED -> throw result.revokedAs() == Ticket.TicketStatus.TRANSFERRING
                    ? DomainException.conflict("ticket-transferring",
                    "the ticket is being handed on to a buyer; it is not valid at the door meanwhile")
                    : DomainException.conflict("ticket-revoked",
                    "the ticket was " + result.revokedAs().name().toLowerCase() + "; its codes are void");
            case ALREADY_ADMITTED -> throw new AlreadyAdmitted(result.admission());
        };
    }

    /**
     * Scans made offline, uploaded together: each is checked as of its own {@code scannedAt} (required), applied in
     * scan-time order (then upload order), and answered in upload order. A malformed item refuses the whole upload
     * before anything is written; a refused scan does not stop the others.
     */
    public List<ScanResult> scanBatch(String scannerId, List<Scan> scans) {
        Instant now = clock.instant();
        if (scans == null || scans.isEmpty() || scans.size() > MAX_BATCH) {
            throw DomainException.invalid("a batch holds 1 to " + MAX_BATCH + " scans",
                    List.of(new FieldError("scans", "1 to " + MAX_BATCH + " scans")));
        }
        validate(scans, now, true);
        Set<String> rounds = scopes.roundsOf(scannerId);
        ScanResult[] results = new ScanResult[scans.size()];
        IntStream.range(0, scans.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> scans.get(i).scannedAt()).thenComparing(i -> i))
                .forEach(i -> results[i] = check(scannerId, rounds, scans.get(i), now));
        return List.of(results);
    }

    /** The round's revocations since a moment, for a scanner of that round to keep its offline list current. */
    public Page<Revocation> revocations(String scannerId, String roundId, Instant since, String cursor, int limit) {
        if (limit < 1 || limit > 1000) {
            throw DomainException.invalid("the revocation list query is not valid",
                    List.of(new FieldError("limit", "1 to 1000")));
        }
        requireAssigned(scopes.roundsOf(scannerId), roundId);
        return tickets.revocations(roundId, since == null ? Instant.EPOCH : since, cursor, limit);
    }

    /** When a scanner should ask for revocations again: a little before now, so one committed late is not missed. */
    public Instant syncAgainFrom() {
        return clock.instant().minus(SYNC_OVERLAP);
    }

    /** Revocations are listed by the time their writer read; one may commit this much later and still be listed. */
    public static final Duration SYNC_OVERLAP = Duration.ofSeconds(10);

    static void requireAssigned(Set<String> rounds, String roundId) {
        if (!rounds.contains(roundId)) {
            throw DomainException.forbidden("round-not-assigned", "this scanner is not assigned to round " + roundId);
        }
    }

    private ScanResult check(String scannerId, Set<String> rounds, Scan scan, Instant now) {
        Instant at = (scan.scannedAt() == null ? now : scan.scannedAt()).truncatedTo(ChronoUnit.MILLIS);
        // signature and form first: a forgery learns nothing about scopes or times
        Optional<TicketCode> verified = codes.verify(scan.code().strip());
        if (verified.isEmpty()) {
            return new ScanResult(Outcome.INVALID, at, null, null, null, null);
        }
        TicketCode code = verified.get();
        if (!rounds.contains(code.roundId())) {
            return new ScanResult(Outcome.NOT_ASSIGNED, at, code, null, null, null);
        }
        if (!CodeSteps.accepts(code.step(), at) || !at.isBefore(code.expiresAt())) {
            return new ScanResult(Outcome.EXPIRED, at, code, null, null, null);
        }
        Admission admission = new Admission(code.ticketId(), code.roundId(), code.seatId(), at, scan.gate().strip(),
                scannerId, code.codeId());
        Tickets.AdmitResult written = tickets.admit(admission);
        return switch (written.outcome()) {
            case ADMITTED -> new ScanResult(Outcome.ADMITTED, at, code, written.standing(), written.superseded(), null);
            case ALREADY_ADMITTED -> written.standing().equals(admission)
                    // the very same scan again (a retried upload): it is the admission on record
                    ? new ScanResult(Outcome.ADMITTED, at, code, written.standing(), null, null)
                    : new ScanResult(Outcome.ALREADY_ADMITTED, at, code, written.standing(), null, null);
            case REVOKED -> new ScanResult(Outcome.REVOKED, at, code, null, null, written.status());
            // signed by us for a ticket that is not (or not in that round): never issued that way
            case NO_SUCH_TICKET -> new ScanResult(Outcome.INVALID, at, code, null, null, null);
        };
    }

    private static void validate(List<Scan> scans, Instant now, boolean batch) {
        Violations v = new Violations();
        for (int i = 0; i < scans.size(); i++) {
            Scan s = scans.get(i);
            String at = batch ? "scans[" + i + "]." : "";
            if (s == null) {
                v.add(batch ? "scans[" + i + "]" : "body", "is required");
                continue;
            }
            v.check(s.code() != null && !s.code().isBlank() && s.code().length() <= MAX_CODE_LENGTH, at + "code",
                    "is required, at most " + MAX_CODE_LENGTH + " characters");
            v.check(s.gate() != null && !s.gate().isBlank() && s.gate().strip().length() <= MAX_GATE_LENGTH,
                    at + "gate", "is required, at most " + MAX_GATE_LENGTH + " characters");
            if (batch) {
                v.check(s.scannedAt() != null, at + "scannedAt", "is required for a scan made offline");
            }
            v.check(s.scannedAt() == null || !s.scannedAt().isAfter(now.plus(CLOCK_SKEW)), at + "scannedAt",
                    "is in the future");
        }
        v.throwIfInvalid(batch ? "the batch of scans is not valid" : "the scan is not valid");
    }
}
