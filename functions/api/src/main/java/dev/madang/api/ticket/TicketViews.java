package dev.madang.api.ticket;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.madang.api.support.Times;
import dev.madang.domain.ticket.Admission;
import dev.madang.domain.ticket.CheckingIn;
import dev.madang.domain.ticket.Revocation;
import dev.madang.domain.ticket.ShowingTicketCodes.ShownCode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** What the ticket-code and check-in routes answer. */
public final class TicketViews {

    private TicketViews() {
    }

    /** The holder's current code: the text to encode, the same as a PNG (base64), and when to fetch the next. */
    public record CodeView(
            @Schema(required = true) String ticketId,
            @Schema(required = true) String roundId,
            @Schema(required = true) String seatId,
            @Schema(required = true) String code,
            @Schema(required = true) long step,
            @Schema(required = true) OffsetDateTime issuedAt,
            @Schema(required = true) OffsetDateTime expiresAt,
            @Schema(required = true) OffsetDateTime refreshAt,
            @Schema(required = true) String png) {

        static CodeView of(ShownCode shown, String png) {
            var c = shown.claims();
            return new CodeView(c.ticketId(), c.roundId(), c.seatId(), shown.code(), c.step(),
                    Times.seoul(c.issuedAt()), Times.seoul(c.expiresAt()), Times.seoul(shown.refreshAt()), png);
        }
    }

    public record AdmissionView(
            @Schema(required = true) String ticketId,
            @Schema(required = true) String roundId,
            @Schema(required = true) String seatId,
            @Schema(required = true) String gate,
            @Schema(required = true) OffsetDateTime admittedAt,
            @Schema(required = true) String scannerId) {

        static AdmissionView of(Admission a) {
            return a == null ? null : new AdmissionView(a.ticketId(), a.roundId(), a.seatId(), a.gate(),
                    Times.seoul(a.admittedAt()), a.scannerId());
        }
    }

    /**
     * One scan's outcome. {@code admission} is the admission written (ADMITTED) or the earlier one that stands
     * (ALREADY_ADMITTED); {@code superseded} a later admission an earlier offline scan replaced.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScanView(
            Integer index,
            @Schema(required = true) CheckingIn.Outcome result,
            String ticketId,
            String seatId,
            @Schema(required = true) OffsetDateTime scannedAt,
            AdmissionView admission,
            AdmissionView superseded,
            String revokedAs) {

        static ScanView of(Integer index, CheckingIn.ScanResult r) {
            return new ScanView(index, r.outcome(), r.code() == null ? null : r.code().ticketId(),
                    r.code() == null ? null : r.code().seatId(), Times.seoul(r.scannedAt()),
                    AdmissionView.of(r.admission()), AdmissionView.of(r.superseded()),
                    r.revokedAs() == null ? null : r.revokedAs().name());
        }
    }

    public record BatchView(
            @Schema(required = true) List<ScanView> items,
            @Schema(required = true) Map<CheckingIn.Outcome, Long> counts) {
    }

    public record RevocationView(
            @Schema(required = true) String ticketId,
            @Schema(required = true) String seatId,
            @Schema(required = true) String reason,
            @Schema(required = true) OffsetDateTime revokedAt) {

        static RevocationView of(Revocation r) {
            return new RevocationView(r.ticketId(), r.seatId(), r.reason().name(), Times.seoul(r.revokedAt()));
        }
    }

    public record RevocationsView(
            @Schema(required = true) String roundId,
            @Schema(required = true) List<RevocationView> items,
            @Schema(nullable = true) String nextCursor,
            @Schema(required = true) OffsetDateTime syncAgainFrom) {
    }

    /** {@code admitted} and {@code byGate} come with the first page only (null on later pages). */
    public record AdmissionsView(
            @Schema(required = true) String roundId,
            @Schema(nullable = true) Long admitted,
            @Schema(nullable = true) Map<String, Long> byGate,
            @Schema(required = true) List<AdmissionView> items,
            @Schema(nullable = true) String nextCursor) {
    }
}
