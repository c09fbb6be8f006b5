package dev.madang.domain.lottery;

import dev.madang.domain.catalog.Seat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The lottery draw (추첨), a pure function of the entries at close, the free seats and a seed, so that anyone
 * given the published values can re-run it and get the same winners and seats (docs/architecture.md §4.2,
 * {@code ReplayDraw} in tools/operator). No clock, no {@code Random}, no iteration over a hash map's order: each
 * of those would make a re-run differ.
 *
 * <ol>
 *   <li>The entries are sorted by entry id, so the order they were stored or read in does not matter.</li>
 *   <li>They are shuffled (Fisher–Yates) with numbers from {@link DrawStream}, the seed's HMAC stream.</li>
 *   <li>In shuffled order, a party wins if it fits in the seats still free in its section; otherwise it is
 *       skipped and later, smaller parties may still win. A party wins or loses as a whole, and no section ever
 *       gives out more seats than it has free.</li>
 *   <li>A winner's seats are chosen right away, with the same stream, before the next party: a block of adjacent
 *       free seats in one row if any exists (one block picked uniformly among all of them), otherwise seats picked
 *       uniformly among the section's free seats (a split party).</li>
 * </ol>
 * A redraw for seats returned later (an offer declined or not paid) is the same call with the losers, the returned
 * seats and a new seed with its own published commitment.
 */
public final class DrawingLottery {

    /** 128 bits: a shorter seed could be found by trying them all against the published commitment. */
    public static final int MIN_SEED_BYTES = 16;

    /**
     * The canonical order of a section's free seats: row label (as a string), then number. The draw picks seats by
     * position in this order, so it must not depend on the order the seats were given in.
     */
    private static final Comparator<Seat> SEAT_ORDER =
            Comparator.comparing(Seat::row).thenComparingInt(Seat::number);

    private DrawingLottery() {
    }

    /**
     * Draws. {@code freeSeats} are the seats on offer, of any sections; an entry asking for a section with none
     * loses. Throws {@link IllegalArgumentException} for a short seed, a repeated entry id or a repeated seat.
     */
    public static DrawResult draw(Collection<LotteryEntry> entries, Collection<Seat> freeSeats, byte[] seed) {
        if (seed == null || seed.length < MIN_SEED_BYTES) {
            throw new IllegalArgumentException("a seed has at least " + MIN_SEED_BYTES + " bytes");
        }
        List<LotteryEntry> ordered = sortedById(entries);
        Map<String, List<Seat>> free = freeBySection(freeSeats);

        DrawStream stream = new DrawStream(seed);
        List<LotteryEntry> shuffled = new ArrayList<>(ordered);
        // Fisher–Yates (Durstenfeld): position i swaps with a uniform j in [0, i]; every order is equally likely.
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = stream.nextInt(i + 1);
            LotteryEntry at = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, at);
        }

        Map<String, List<String>> winners = new TreeMap<>();
        Set<String> split = new TreeSet<>();
        int seatsAssigned = 0;
        for (LotteryEntry entry : shuffled) {
            List<Seat> sectionFree = free.getOrDefault(entry.sectionId(), List.of());
            if (entry.partySize() > sectionFree.size()) {
                continue; // does not fit: skipped, never seated in part
            }
            Assignment assignment = assign(sectionFree, entry.partySize(), stream);
            sectionFree.removeAll(assignment.seats());
            List<String> seatIds = assignment.seats().stream().sorted(SEAT_ORDER).map(Seat::id).toList();
            winners.put(entry.entryId(), seatIds);
            seatsAssigned += seatIds.size();
            if (!assignment.together()) {
                split.add(entry.entryId());
            }
        }

        List<LotteryEntry> losers = ordered.stream().filter(e -> !winners.containsKey(e.entryId())).toList();
        DrawResult.Counts counts = new DrawResult.Counts(ordered.size(), winners.size(), seatsAssigned, split.size(),
                winners.size() - split.size());
        return new DrawResult(commitment(seed), entriesDigest(ordered), winners, losers, split, counts);
    }

    /** Hex SHA-256 of the seed: what is published before the draw. */
    public static String commitment(byte[] seed) {
        return HexFormat.of().formatHex(sha256().digest(seed));
    }

    /**
     * Hex SHA-256 over the entries sorted by id, one UTF-8 line each: {@code entryId TAB sectionId TAB partySize LF}.
     * Published when entries close, before the seed is revealed; entrants can check theirs is in the list.
     */
    public static String entriesDigest(Collection<LotteryEntry> entries) {
        MessageDigest digest = sha256();
        for (LotteryEntry entry : sortedById(entries)) {
            digest.update(entry.canonicalLine().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private record Assignment(List<Seat> seats, boolean together) {
    }

    /**
     * Seats for one winning party out of a section's free seats (in canonical order, at least {@code size} of them).
     * Every block of {@code size} consecutive free numbers in a row counts, overlapping ones too, so a long free run
     * offers several blocks; the one picked is uniform among all blocks of the section.
     */
    private static Assignment assign(List<Seat> free, int size, DrawStream stream) {
        List<Integer> blockStarts = new ArrayList<>();
        int runStart = 0;
        for (int i = 0; i < free.size(); i++) {
            Seat seat = free.get(i);
            boolean continuesRun = i > 0 && free.get(i - 1).row().equals(seat.row())
                    && free.get(i - 1).number() + 1 == seat.number();
            if (!continuesRun) {
                runStart = i;
            }
            if (i - runStart + 1 >= size) {
                blockStarts.add(i - size + 1);
            }
        }
        if (!blockStarts.isEmpty()) {
            int start = blockStarts.get(stream.nextInt(blockStarts.size()));
            return new Assignment(List.copyOf(free.subList(start, start + size)), true);
        }
        // No block anywhere: a partial Fisher–Yates over a copy picks `size` seats uniformly.
        List<Seat> pool = new ArrayList<>(free);
        for (int i = 0; i < size; i++) {
            int j = i + stream.nextInt(pool.size() - i);
            Seat at = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, at);
        }
        return new Assignment(List.copyOf(pool.subList(0, size)), false);
    }

    private static List<LotteryEntry> sortedById(Collection<LotteryEntry> entries) {
        List<LotteryEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(LotteryEntry::entryId));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).entryId().equals(sorted.get(i - 1).entryId())) {
                throw new IllegalArgumentException("entry " + sorted.get(i).entryId() + " is listed twice");
            }
        }
        return sorted;
    }

    private static Map<String, List<Seat>> freeBySection(Collection<Seat> seats) {
        Set<String> seen = new HashSet<>();
        Map<String, List<Seat>> bySection = new HashMap<>();
        for (Seat seat : seats) {
            if (!seen.add(seat.id())) {
                throw new IllegalArgumentException("seat " + seat.id() + " is listed twice");
            }
            bySection.computeIfAbsent(seat.sectionId(), s -> new ArrayList<>()).add(seat);
        }
        // Looked up by section only, never iterated, so a HashMap's order cannot leak into the draw.
        bySection.values().forEach(list -> list.sort(SEAT_ORDER));
        return bySection;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java 17 runtime", e);
        }
    }
}
