package dev.madang.domain.lottery;

import dev.madang.domain.catalog.Seat;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DrawingLotteryTest {

    /** A fixed seed per label, so every test is deterministic: a failure here is a bug, never bad luck. */
    static byte[] seed(String label) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Seat seat(String section, String row, int number) {
        return new Seat(Seat.idOf(section, row, number), section, row, number, number, row.hashCode());
    }

    /** Rows "1".."rows" of seats 1..perRow in one section. */
    static List<Seat> rows(String section, int rows, int perRow) {
        List<Seat> seats = new ArrayList<>();
        for (int r = 1; r <= rows; r++) {
            for (int n = 1; n <= perRow; n++) {
                seats.add(seat(section, String.valueOf(r), n));
            }
        }
        return seats;
    }

    static List<LotteryEntry> singles(String section, int count) {
        return IntStream.range(0, count).mapToObj(i -> new LotteryEntry(String.format("e%02d", i), section, 1)).toList();
    }

    /** Parties of 1-4 seats over sections A and B, ids in no particular order. */
    static List<LotteryEntry> mixedParties(int count) {
        List<LotteryEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new LotteryEntry("p" + ((i * 37) % 101) + "-" + i, i % 3 == 0 ? "B" : "A", 1 + (i * 7) % 4));
        }
        return entries;
    }

    static List<Seat> mixedSeats() {
        List<Seat> seats = new ArrayList<>(rows("A", 3, 8));
        // B has gaps: rows of odd seats only, plus one short run, so parties there are often split.
        for (int n = 1; n <= 15; n += 2) {
            seats.add(seat("B", "1", n));
            seats.add(seat("B", "2", n));
        }
        seats.addAll(List.of(seat("B", "3", 4), seat("B", "3", 5), seat("B", "3", 6)));
        return seats;
    }

    @Test
    void the_same_inputs_give_the_same_result_whatever_order_they_come_in() {
        List<LotteryEntry> entries = mixedParties(40);
        List<Seat> seats = mixedSeats();
        List<LotteryEntry> shuffledEntries = new ArrayList<>(entries);
        Collections.reverse(shuffledEntries);
        List<Seat> shuffledSeats = new ArrayList<>(seats);
        Collections.rotate(shuffledSeats, 11);

        DrawResult first = DrawingLottery.draw(entries, seats, seed("same"));
        DrawResult again = DrawingLottery.draw(shuffledEntries, shuffledSeats, seed("same"));

        assertThat(again).isEqualTo(first);
        assertThat(first.winners()).isNotEmpty();
        assertThat(first.losers()).isNotEmpty();
    }

    @Test
    void a_changed_seed_gives_a_different_result() {
        List<LotteryEntry> entries = mixedParties(40);

        DrawResult one = DrawingLottery.draw(entries, mixedSeats(), seed("one"));
        DrawResult other = DrawingLottery.draw(entries, mixedSeats(), seed("other"));

        assertThat(other.commitment()).isNotEqualTo(one.commitment());
        assertThat(other.entriesDigest()).isEqualTo(one.entriesDigest());
        assertThat(other.winners()).isNotEqualTo(one.winners());
    }

    @Test
    void a_changed_entry_list_gives_a_different_result_and_digest() {
        List<LotteryEntry> entries = mixedParties(40);
        List<LotteryEntry> oneMore = new ArrayList<>(entries);
        oneMore.add(new LotteryEntry("late-entry", "A", 1));
        List<LotteryEntry> biggerParty = new ArrayList<>(entries);
        LotteryEntry first = biggerParty.get(0);
        biggerParty.set(0, new LotteryEntry(first.entryId(), first.sectionId(), first.partySize() + 1));

        DrawResult original = DrawingLottery.draw(entries, mixedSeats(), seed("entries"));
        DrawResult added = DrawingLottery.draw(oneMore, mixedSeats(), seed("entries"));
        DrawResult changed = DrawingLottery.draw(biggerParty, mixedSeats(), seed("entries"));

        assertThat(added.entriesDigest()).isNotEqualTo(original.entriesDigest());
        assertThat(changed.entriesDigest()).isNotEqualTo(original.entriesDigest());
        assertThat(added.winners()).isNotEqualTo(original.winners());
        assertThat(changed.winners()).isNotEqualTo(original.winners());
    }

    @Test
    void the_commitment_is_the_hex_sha256_of_the_seed() {
        // sha256sum of 32 zero bytes, computed outside Java (head -c 32 /dev/zero | sha256sum).
        assertThat(DrawingLottery.commitment(new byte[32]))
                .isEqualTo("66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925");
    }

    @Test
    void the_entries_digest_hashes_one_canonical_line_per_entry_in_id_order() throws Exception {
        List<LotteryEntry> entries = List.of(new LotteryEntry("b", "A", 2), new LotteryEntry("a", "B", 1));
        String lines = "a\tB\t1\nb\tA\t2\n";

        assertThat(DrawingLottery.entriesDigest(entries)).isEqualTo(java.util.HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(lines.getBytes(StandardCharsets.UTF_8))));
    }

    /** Over many seeds: the invariants every draw must keep, whatever the chance. */
    @Test
    void parties_win_whole_no_seat_goes_twice_and_no_section_gives_more_than_it_has() {
        List<LotteryEntry> entries = mixedParties(40);
        Map<String, LotteryEntry> byId = entries.stream().collect(Collectors.toMap(LotteryEntry::entryId, e -> e));
        List<Seat> seats = mixedSeats();
        Map<String, Seat> seatById = seats.stream().collect(Collectors.toMap(Seat::id, s -> s));

        for (int d = 0; d < 300; d++) {
            DrawResult result = DrawingLottery.draw(entries, seats, seed("invariants-" + d));

            Set<String> loserIds = result.losers().stream().map(LotteryEntry::entryId).collect(Collectors.toSet());
            assertThat(loserIds).doesNotContainAnyElementsOf(result.winners().keySet());
            assertThat(loserIds.size() + result.winners().size()).isEqualTo(entries.size());

            Set<String> assigned = new HashSet<>();
            Map<String, Integer> perSection = new HashMap<>();
            result.winners().forEach((id, seatIds) -> {
                LotteryEntry entry = byId.get(id);
                assertThat(seatIds).hasSize(entry.partySize());
                for (String seatId : seatIds) {
                    assertThat(assigned.add(seatId)).as("seat %s assigned twice", seatId).isTrue();
                    assertThat(seatById.get(seatId).sectionId()).isEqualTo(entry.sectionId());
                    perSection.merge(entry.sectionId(), 1, Integer::sum);
                }
            });
            assertThat(perSection.getOrDefault("A", 0)).isLessThanOrEqualTo(24);
            assertThat(perSection.getOrDefault("B", 0)).isLessThanOrEqualTo(19);
            assertThat(result.counts()).isEqualTo(new DrawResult.Counts(entries.size(), result.winners().size(),
                    assigned.size(), result.splitParties().size(),
                    result.winners().size() - result.splitParties().size()));
        }
    }

    @Test
    void a_party_too_big_for_what_is_left_is_skipped_and_smaller_ones_after_it_still_win() {
        List<LotteryEntry> entries = List.of(new LotteryEntry("four", "A", 4), new LotteryEntry("two", "A", 2),
                new LotteryEntry("one", "A", 1));

        for (int d = 0; d < 50; d++) {
            DrawResult result = DrawingLottery.draw(entries, rows("A", 1, 3), seed("skip-" + d));

            assertThat(result.winners().keySet()).containsExactlyInAnyOrder("two", "one");
            assertThat(result.losers()).extracting(LotteryEntry::entryId).containsExactly("four");
            assertThat(result.counts().seatsAssigned()).isEqualTo(3);
        }
    }

    @Test
    void a_party_sits_side_by_side_when_any_row_has_a_block_for_it() {
        // Row 1 has three free seats but none adjacent; row 2 has the only block of three.
        List<Seat> seats = List.of(seat("A", "1", 1), seat("A", "1", 3), seat("A", "1", 5),
                seat("A", "2", 4), seat("A", "2", 5), seat("A", "2", 6));

        for (int d = 0; d < 50; d++) {
            DrawResult result = DrawingLottery.draw(List.of(new LotteryEntry("trio", "A", 3)), seats, seed("block-" + d));

            assertThat(result.winners()).containsEntry("trio", List.of("A-2-4", "A-2-5", "A-2-6"));
            assertThat(result.counts().seatedTogether()).isEqualTo(1);
            assertThat(result.counts().partiesSplit()).isZero();
        }
    }

    @Test
    void without_any_block_a_party_still_wins_its_seats_and_counts_as_split() {
        List<Seat> seats = List.of(seat("A", "1", 1), seat("A", "1", 3), seat("A", "2", 2), seat("A", "3", 9));

        DrawResult result = DrawingLottery.draw(List.of(new LotteryEntry("pair", "A", 2)), seats, seed("apart"));

        assertThat(result.winners().get("pair")).hasSize(2);
        assertThat(result.splitParties()).containsExactly("pair");
        assertThat(result.counts().partiesSplit()).isEqualTo(1);
    }

    /**
     * Free seats only ever shrink during a draw, so a block still free at the end was free when every party was
     * seated: a split party with a block of its size left over in its section would be a bug. Seated-together
     * parties must hold consecutive numbers of one row.
     */
    @Test
    void a_party_is_split_only_when_no_block_of_its_size_was_left() {
        List<LotteryEntry> entries = mixedParties(40);
        Map<String, LotteryEntry> byId = entries.stream().collect(Collectors.toMap(LotteryEntry::entryId, e -> e));
        List<Seat> seats = mixedSeats();
        Map<String, Seat> seatById = seats.stream().collect(Collectors.toMap(Seat::id, s -> s));
        int splitSeen = 0;

        for (int d = 0; d < 300; d++) {
            DrawResult result = DrawingLottery.draw(entries, seats, seed("together-" + d));
            Set<String> taken = result.winners().values().stream().flatMap(List::stream).collect(Collectors.toSet());
            List<Seat> left = seats.stream().filter(s -> !taken.contains(s.id())).toList();

            for (Map.Entry<String, List<String>> winner : result.winners().entrySet()) {
                LotteryEntry entry = byId.get(winner.getKey());
                List<Seat> mine = winner.getValue().stream().map(seatById::get).toList();
                if (result.splitParties().contains(entry.entryId())) {
                    splitSeen++;
                    assertThat(hasBlock(left, entry.sectionId(), entry.partySize()))
                            .as("draw %d: %s was split though a block is free", d, entry.entryId()).isFalse();
                } else {
                    assertThat(mine).extracting(Seat::row).containsOnly(mine.get(0).row());
                    for (int i = 1; i < mine.size(); i++) {
                        assertThat(mine.get(i).number()).isEqualTo(mine.get(i - 1).number() + 1);
                    }
                }
            }
        }
        assertThat(splitSeen).as("the layout should force some splits, or this test checks nothing").isPositive();
    }

    static boolean hasBlock(List<Seat> free, String section, int size) {
        Map<String, Set<Integer>> byRow = new HashMap<>();
        free.stream().filter(s -> s.sectionId().equals(section))
                .forEach(s -> byRow.computeIfAbsent(s.row(), r -> new HashSet<>()).add(s.number()));
        for (Set<Integer> numbers : byRow.values()) {
            for (int start : numbers) {
                int n = 0;
                while (numbers.contains(start + n)) {
                    n++;
                }
                if (n >= size) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void a_redraw_for_returned_seats_runs_among_the_losers_with_a_new_seed() {
        List<LotteryEntry> entries = singles("A", 20);
        List<Seat> seats = rows("A", 1, 10);
        DrawResult first = DrawingLottery.draw(entries, seats, seed("first"));
        List<Seat> returned = first.winners().values().stream().limit(3)
                .map(ids -> seats.stream().filter(s -> s.id().equals(ids.get(0))).findFirst().orElseThrow())
                .toList();

        DrawResult redraw = DrawingLottery.draw(first.losers(), returned, seed("second"));

        assertThat(redraw.commitment()).isNotEqualTo(first.commitment());
        assertThat(redraw.winners()).hasSize(3);
        assertThat(first.losers()).extracting(LotteryEntry::entryId).containsAll(redraw.winners().keySet());
        assertThat(redraw.winners().values()).flatExtracting(ids -> ids)
                .containsExactlyInAnyOrderElementsOf(returned.stream().map(Seat::id).toList());
    }

    @Test
    void refuses_a_short_seed_and_repeated_entries_or_seats() {
        List<Seat> seats = rows("A", 1, 2);
        assertThatThrownBy(() -> DrawingLottery.draw(singles("A", 2), seats, new byte[15]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DrawingLottery.draw(List.of(new LotteryEntry("x", "A", 1),
                new LotteryEntry("x", "A", 2)), seats, seed("dup"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DrawingLottery.draw(singles("A", 2), List.of(seats.get(0), seats.get(0)),
                seed("dup"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LotteryEntry("has space", "A", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LotteryEntry("x", "A", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
