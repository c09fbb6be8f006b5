package dev.madang.domain.exhibition;

import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.Section;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape every exhibition or pop-up store is sold in (docs/commerce.md, "Exhibitions and time slots"). A time slot
 * is a {@link Round} of the exhibition, starting when the slot does; its entries are the seats of an entry hall: a
 * layout of one section, {@link #SECTION}, with one numbered entry per unit of the slot's quota, sold best available
 * under one grade, {@link #GRADE}. So booking N entries is a best-available hold of a party of N, and the order, the
 * payment workflow, the tickets (one per entry), cancellation and expiry are the seat machinery unchanged.
 */
public final class EntrySlots {

    /** The one section of an entry hall. */
    public static final String SECTION = "ENTRY";
    /** The one grade an entry is sold at. */
    public static final String GRADE = "입장";
    /**
     * Entries per row of the hall. Each row is its own partition key in the seats table (docs/architecture.md §3.3),
     * so a slot's quota is spread over {@code quota / 25} keys: the quota's shards.
     */
    public static final int ENTRIES_PER_ROW = 25;
    /** The largest quota of one slot (a section's largest size). */
    public static final int MAX_QUOTA = 5_000;
    /** Days and slot times are Korean wall-clock times. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Seoul");

    private EntrySlots() {
    }

    /** The entry hall for a quota: rows "1", "2", ... of {@link #ENTRIES_PER_ROW} entries, the last one shorter. */
    public static List<Section> hall(int quota) {
        List<Seat> entries = new ArrayList<>(quota);
        for (int i = 0; i < quota; i++) {
            String row = Integer.toString(i / ENTRIES_PER_ROW + 1);
            int number = i % ENTRIES_PER_ROW + 1;
            entries.add(new Seat(Seat.idOf(SECTION, row, number), SECTION, row, number, number, i / ENTRIES_PER_ROW));
        }
        return List.of(new Section(SECTION, "입장", entries));
    }

    /** Whether the round is a time slot (sold as entries) rather than a seated showing. */
    public static boolean isSlot(Round round) {
        return round.sections().size() == 1 && round.sections().containsKey(SECTION);
    }
}
