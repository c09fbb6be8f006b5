package dev.madang.api.lottery;

import dev.madang.api.support.Times;
import dev.madang.domain.lottery.FanEntry;
import dev.madang.domain.lottery.Lottery;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** What the lottery routes answer. */
final class LotteryViews {

    private LotteryViews() {
    }

    /** Entry counts per section, then per party size ({@code {"B": {"2": 14}}}), and their total. */
    record LotteryView(String roundId, OffsetDateTime entriesOpenAt, OffsetDateTime entriesCloseAt,
                       OffsetDateTime paymentDeadline, int redraws, long entries,
                       Map<String, Map<Integer, Long>> entryCounts) {

        static LotteryView of(Lottery l) {
            return new LotteryView(l.settings().roundId(), Times.seoul(l.settings().entriesOpenAt()),
                    Times.seoul(l.settings().entriesCloseAt()), Times.seoul(l.settings().paymentDeadline()),
                    l.settings().redraws(), l.entries(), Map.copyOf(l.entryCounts()));
        }
    }

    record EntryView(String entryId, String roundId, String sectionId, int partySize, String state,
                     OffsetDateTime enteredAt) {

        static EntryView of(FanEntry e) {
            return new EntryView(e.entryId(), e.roundId(), e.sectionId(), e.partySize(), e.state().name(),
                    Times.seoul(e.enteredAt()));
        }

        static Map<String, Object> list(List<FanEntry> entries) {
            return Map.of("items", entries.stream().map(EntryView::of).toList());
        }
    }
}
