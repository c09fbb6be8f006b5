package dev.madang.domain.ticket;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Page;
import dev.madang.domain.order.Ticket;
import dev.madang.domain.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Check-in's rules on in-memory fakes: the step a code must be in at the moment of the scan, the scanner's rounds, and
 * the merge of offline scans (applied in scan-time order, the earliest admission wins). The signing and the
 * conditional write are tested on the real pieces over HTTP (TicketsApiTest).
 */
class CheckingInTest {

    static final String ROUND = "01JROUND00000000000000000A";
    static final String OTHER_ROUND = "01JROUND00000000000000000B";
    static final String TICKET = "01JORDER00000000000000000A-1";

    final MovableClock clock = new MovableClock(Instant.parse("2026-12-24T10:00:05Z"));
    final FakeCodes codes = new FakeCodes();
    final FakeTickets tickets = new FakeTickets();
    final CheckingIn checkingIn = new CheckingIn(codes, tickets, new FakeScopes(), clock);

    String codeAt(Instant at) {
        long step = CodeSteps.stepAt(at);
        return codes.sign(new TicketCode(TICKET, ROUND, "A-1-1", step, at, CodeSteps.expiryOf(step), "c" + at));
    }

    @Test
    void a_current_code_admits_once_and_a_second_scan_names_the_first() {
        CheckingIn.ScanResult first = checkingIn.scan("gate-scanner", new CheckingIn.Scan(codeAt(clock.instant()),
                "A", null));
        assertThat(first.outcome()).isEqualTo(CheckingIn.Outcome.ADMITTED);
        clock.advance(Duration.ofSeconds(3));
        assertThatThrownBy(() -> checkingIn.scan("gate-scanner", new CheckingIn.Scan(codeAt(clock.instant()), "B",
                null))).isInstanceOfSatisfying(AlreadyAdmitted.class, e -> {
                    assertThat(e.first().gate()).isEqualTo("A");
                    assertThat(e.first().admittedAt()).isEqualTo(Instant.parse("2026-12-24T10:00:05Z"));
                });
    }

    @Test
    void a_code_from_two_steps_ago_is_refused_and_admits_nothing() {
        String screenshot = codeAt(clock.instant());
        clock.advance(Duration.ofSeconds(60));
        assertThatThrownBy(() -> checkingIn.scan("gate-scanner", new CheckingIn.Scan(screenshot, "A", null)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.type())
                        .isEqualTo("ticket-code-expired"));
        assertThat(tickets.admitted).isEmpty();
    }

    @Test
    void a_scanner_of_another_round_is_forbidden() {
        assertThatThrownBy(() -> checkingIn.scan("other-scanner", new CheckingIn.Scan(codeAt(clock.instant()), "A",
                null))).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind())
                .isEqualTo(DomainException.Kind.FORBIDDEN));
        assertThat(tickets.admitted).isEmpty();
    }

    @Test
    void offline_scans_merge_the_earliest_admission_wins_whatever_the_upload_order() {
        Instant t1 = clock.instant().minusSeconds(4);
        Instant t2 = clock.instant().minusSeconds(2);
        // uploaded later first, earlier second: the earlier one is applied first
        List<CheckingIn.ScanResult> results = checkingIn.scanBatch("gate-scanner", List.of(
                new CheckingIn.Scan(codeAt(t1), "B", t2), new CheckingIn.Scan(codeAt(t1), "A", t1)));
        assertThat(results).extracting(CheckingIn.ScanResult::outcome)
                .containsExactly(CheckingIn.Outcome.ALREADY_ADMITTED, CheckingIn.Outcome.ADMITTED);
        assertThat(results.get(0).admission().gate()).isEqualTo("A");
        assertThat(tickets.admitted.get(TICKET).gate()).isEqualTo("A");
    }

    @Test
    void a_batch_with_a_scan_without_its_moment_is_refused_whole() {
        assertThatThrownBy(() -> checkingIn.scanBatch("gate-scanner", List.of(
                new CheckingIn.Scan(codeAt(clock.instant()), "A", clock.instant()),
                new CheckingIn.Scan(codeAt(clock.instant()), "A", null))))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.errors())
                        .anySatisfy(f -> assertThat(f.field()).isEqualTo("scans[1].scannedAt")));
        assertThat(tickets.admitted).isEmpty();
    }

    /** Codes as plain references: signing is the adapter's business, not this test's. */
    static final class FakeCodes implements TicketCodes {
        final Map<String, TicketCode> signed = new HashMap<>();

        @Override
        public String sign(TicketCode code) {
            String ref = "code-" + signed.size();
            signed.put(ref, code);
            return ref;
        }

        @Override
        public Optional<TicketCode> verify(String compact) {
            return Optional.ofNullable(signed.get(compact));
        }
    }

    static final class FakeScopes implements ScannerScopes {
        @Override
        public void assign(String scannerId, Set<String> roundIds) {
        }

        @Override
        public Set<String> roundsOf(String scannerId) {
            return scannerId.equals("gate-scanner") ? Set.of(ROUND) : Set.of(OTHER_ROUND);
        }
    }

    /** The store's rule as the port states it: issued, or admitted later than this admission. */
    static final class FakeTickets implements Tickets {
        final Map<String, Admission> admitted = new ConcurrentHashMap<>();

        @Override
        public Optional<Ticket> byId(String ticketId) {
            return Optional.empty();
        }

        @Override
        public synchronized AdmitResult admit(Admission a) {
            Admission standing = admitted.get(a.ticketId());
            if (standing == null || standing.admittedAt().isAfter(a.admittedAt())) {
                admitted.put(a.ticketId(), a);
                return new AdmitResult(AdmitResult.Outcome.ADMITTED, a, standing, null);
            }
            return new AdmitResult(AdmitResult.Outcome.ALREADY_ADMITTED, standing, null, null);
        }

        @Override
        public boolean revoke(String ticketId, Ticket.TicketStatus reason, Instant at) {
            return false;
        }

        @Override
        public Page<Revocation> revocations(String roundId, Instant since, String cursor, int limit) {
            return new Page<>(List.of(), null);
        }

        @Override
        public Page<Admission> admissions(String roundId, String cursor, int limit) {
            return new Page<>(List.copyOf(admitted.values()), null);
        }

        @Override
        public Map<String, Long> admittedByGate(String roundId) {
            return Map.of();
        }
    }
}
