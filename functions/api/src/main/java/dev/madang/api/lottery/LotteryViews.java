package dev.madang.api.lottery;

import dev.madang.api.support.Times;
import dev.madang.domain.lottery.DrawEntry;
import dev.madang.domain.lottery.EnteringLotteries;
import dev.madang.domain.lottery.FanEntry;
import dev.madang.domain.lottery.Offer;
import dev.madang.domain.lottery.Lottery;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** What the lottery routes answer. */
final class LotteryViews {

    private LotteryViews() {
    }

    /** Entry counts per section, then per party size ({@code {"B": {"2": 14}}}), and their total. */
    record LotteryView(
            @Schema(required = true) String roundId,
            @Schema(required = true) OffsetDateTime entriesOpenAt,
            @Schema(required = true) OffsetDateTime entriesCloseAt,
            @Schema(required = true) OffsetDateTime paymentDeadline,
            @Schema(required = true) int redraws,
            @Schema(required = true) long entries,
            @Schema(required = true) Map<String, Map<Integer, Long>> entryCounts) {

        static LotteryView of(Lottery l) {
            return new LotteryView(l.settings().roundId(), Times.seoul(l.settings().entriesOpenAt()),
                    Times.seoul(l.settings().entriesCloseAt()), Times.seoul(l.settings().paymentDeadline()),
                    l.settings().redraws(), l.entries(), Map.copyOf(l.entryCounts()));
        }
    }

    /** {@code offer} is present once the entry won: pay it with {@code POST /v1/orders {"holdId"}}. */
    record EntryView(
            @Schema(required = true) String entryId,
            @Schema(required = true) String roundId,
            @Schema(required = true) String sectionId,
            @Schema(required = true) int partySize,
            @Schema(required = true) String state,
            @Schema(required = true) OffsetDateTime enteredAt,
            @Schema(nullable = true) OfferView offer) {

        static EntryView of(FanEntry e) {
            return of(e, null);
        }

        static EntryView of(FanEntry e, OfferView offer) {
            return new EntryView(e.entryId(), e.roundId(), e.sectionId(), e.partySize(), e.state().name(),
                    Times.seoul(e.enteredAt()), offer);
        }

        static Map<String, Object> list(List<EnteringLotteries.MyEntry> entries) {
            return Map.of("items", entries.stream().map(m -> of(m.entry(), m.offer().map(OfferView::of)
                    .orElse(null))).toList());
        }
    }

    /** What {@link EntryView#list} builds (documentation only). */
    record EntryList(
            @Schema(required = true) List<EntryView> items) {
    }

    record OfferView(
            @Schema(required = true) String holdId,
            @Schema(required = true) int drawNumber,
            @Schema(required = true) List<String> seatIds,
            @Schema(required = true) long amount,
            @Schema(required = true) OffsetDateTime payBy) {
        static OfferView of(Offer o) {
            return new OfferView(o.holdId(), o.drawNumber(), o.seatIds(), o.amount(), Times.seoul(o.deadline()));
        }
    }

    /** One winning entry as the organiser follows it: where it stands and its offer (entry ids only, no account). */
    record OfferStateView(
            @Schema(required = true) String entryId,
            @Schema(required = true) String sectionId,
            @Schema(required = true) int partySize,
            @Schema(required = true) String state,
            @Schema(required = true) OfferView offer) {
        static OfferStateView of(DrawEntry e) {
            return new OfferStateView(e.entryId(), e.entry().sectionId(), e.entry().partySize(), e.state().name(),
                    OfferView.of(e.offer()));
        }
    }
}
