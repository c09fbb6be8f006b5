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
 * <p><b>Who wins</b> depends on the shuffle and the seat counts only:
 * <ol>
 *   <li>The entries are sorted by entry id, so the order they were stored or read in does not matter.</li>
 *   <li>They are shuffled (Fisher–Yates) with numbers from {@link DrawStream}, the seed's HMAC stream.</li>
 *   <li>In shuffled order (the winning order), a party wins if it fits in the number of seats still free in its
 *       section; otherwise it is skipped and later, smaller parties may still win. A party wins or loses as a
 *       whole, and no section ever gives out more seats than it has free.</li>
 * </ol>
 *
 * <p><b>Where the winners sit</b> is decided afterwards, with the same stream, section by section in section id
 * order (sections without a winner draw no numbers). Seating each winner the moment it won, in a block picked
 * uniformly among all free blocks, chopped the rows into short gaps: once a section was nearly full, the last
 * winners found no block and were split (about one party in ten on a full 10,000-seat round). Knowing all the
 * winners first lets the draw pack them instead:
 * <ol start="4">
 *   <li>The section's free seats fall into <em>runs</em>: maximal stretches of consecutive numbers in one row. The
 *       runs, listed in canonical seat order, are shuffled (Fisher–Yates), so no row is preferred.</li>
 *   <li>The winners, largest party first (ties in winning order), each go to the first run in that shuffled order
 *       with room for the whole party (first fit decreasing). Big parties go first because a party of one fits in
 *       any gap, while a party of four placed last would find only gaps of one to three.</li>
 *   <li>Within each run that received parties, its parties in the order they were packed, then (if seats are left
 *       over) one block of the left-over seats, are shuffled (Fisher–Yates) and laid out side by side from the
 *       run's lowest number. Every order is equally likely, so where in its row a party sits does not depend on
 *       its size or its id, and the seats a run has left over stay one block.</li>
 *   <li>A winner no run had room for is split: one after another in the order of step 5, each gets seats picked
 *       uniformly among the section's seats still free (a partial Fisher–Yates over them in canonical order). It
 *       had no run with room at its turn and rooms only shrink, so no block of its size is left anywhere.</li>
 * </ol>
 * Packing changes nothing about who wins (a seed gives the same winners as under the former placement). Which run a
 * party lands in is random through the run shuffle: in a section of equal rows every row is equally likely for
 * every party; with uneven runs a party can only get a run with room for it, which is what packing needs. Within
 * one draw, parties of one size do crowd into a few rows, because a run is filled before the next is opened; over
 * draws that evens out ({@code DrawSeatingTest} measures both).
 *
 * <p>A redraw for seats returned later (an offer declined or not paid) is the same call with the losers, the returned
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
        List<LotteryEntry> shuffled = shuffled(ordered, stream);

        // Who wins needs only the seat counts: seats are chosen once every winner is known.
        Map<String, Integer> seatsLeft = new HashMap<>();
        Map<String, List<LotteryEntry>> winnersBySection = new TreeMap<>(); // section id order: the seating order
        for (LotteryEntry entry : shuffled) {
            int left = seatsLeft.computeIfAbsent(entry.sectionId(), s -> free.getOrDefault(s, List.of()).size());
            if (entry.partySize() > left) {
                continue; // does not fit: skipped, never seated in part
            }
            seatsLeft.put(entry.sectionId(), left - entry.partySize());
            winnersBySection.computeIfAbsent(entry.sectionId(), s -> new ArrayList<>()).add(entry);
        }

        Map<String, List<String>> winners = new TreeMap<>();
        Set<String> split = new TreeSet<>();
        int seatsAssigned = 0;
        for (Map.Entry<String, List<LotteryEntry>> section : winnersBySection.entrySet()) {
            Map<String, Assignment> seated = seatSection(free.get(section.getKey()), section.getValue(), stream);
            for (Map.Entry<String, Assignment> party : seated.entrySet()) {
                List<String> seatIds = party.getValue().seats().stream().sorted(SEAT_ORDER).map(Seat::id).toList();
                winners.put(party.getKey(), seatIds);
                seatsAssigned += seatIds.size();
                if (!party.getValue().together()) {
                    split.add(party.getKey());
                }
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

    /** A run of adjacent free seats in one row (canonical order), and the parties packed into it so far. */
    private static final class SeatRun {
        final List<Seat> seats;
        final List<LotteryEntry> parties = new ArrayList<>();
        int room;

        SeatRun(List<Seat> seats) {
            this.seats = seats;
            this.room = seats.size();
        }
    }

    /** What is laid out side by side in a run: a party, or (party null) the run's left-over seats. */
    private record Block(LotteryEntry party, int length) {
    }

    /**
     * Seats for a section's winners (in winning order, together no more seats than {@code free}, which is in
     * canonical order): steps 4-7 of the class comment. Returns entry id → assignment.
     */
    private static Map<String, Assignment> seatSection(List<Seat> free, List<LotteryEntry> winners,
                                                       DrawStream stream) {
        List<SeatRun> runs = shuffled(runsOf(free), stream);

        List<LotteryEntry> largestFirst = new ArrayList<>(winners);
        // List.sort is stable: parties of one size keep their winning order.
        largestFirst.sort(Comparator.comparingInt(LotteryEntry::partySize).reversed());
        List<LotteryEntry> withoutRun = new ArrayList<>();
        int cursor = 0;
        for (int i = 0; i < largestFirst.size(); i++) {
            LotteryEntry party = largestFirst.get(i);
            if (i == 0 || party.partySize() != largestFirst.get(i - 1).partySize()) {
                cursor = 0; // a smaller party may fit in runs the bigger ones passed over
            }
            // Rooms only shrink, so runs before the cursor stay too small for this size: first fit, scanned once.
            while (cursor < runs.size() && runs.get(cursor).room < party.partySize()) {
                cursor++;
            }
            if (cursor == runs.size()) {
                withoutRun.add(party);
            } else {
                SeatRun run = runs.get(cursor);
                run.parties.add(party);
                run.room -= party.partySize();
            }
        }

        Map<String, Assignment> seated = new TreeMap<>();
        List<Seat> stillFree = new ArrayList<>();
        for (SeatRun run : runs) {
            if (run.parties.isEmpty()) {
                stillFree.addAll(run.seats);
                continue; // nothing to arrange, and no number drawn for it
            }
            List<Block> blocks = new ArrayList<>();
            run.parties.forEach(p -> blocks.add(new Block(p, p.partySize())));
            if (run.room > 0) {
                blocks.add(new Block(null, run.room));
            }
            int from = 0;
            for (Block block : shuffled(blocks, stream)) {
                List<Seat> seats = run.seats.subList(from, from + block.length());
                if (block.party() == null) {
                    stillFree.addAll(seats);
                } else {
                    seated.put(block.party().entryId(), new Assignment(List.copyOf(seats), true));
                }
                from += block.length();
            }
        }

        stillFree.sort(SEAT_ORDER);
        for (LotteryEntry party : withoutRun) {
            // A partial Fisher–Yates over a copy picks the party's seats uniformly among those still free.
            List<Seat> pool = new ArrayList<>(stillFree);
            for (int i = 0; i < party.partySize(); i++) {
                int j = i + stream.nextInt(pool.size() - i);
                Seat at = pool.get(i);
                pool.set(i, pool.get(j));
                pool.set(j, at);
            }
            List<Seat> picked = List.copyOf(pool.subList(0, party.partySize()));
            stillFree.removeAll(picked);
            seated.put(party.entryId(), new Assignment(picked, false));
        }
        return seated;
    }

    /** The maximal stretches of consecutive numbers in one row of {@code free} (canonical order), in that order. */
    private static List<SeatRun> runsOf(List<Seat> free) {
        List<SeatRun> runs = new ArrayList<>();
        int runStart = 0;
        for (int i = 1; i <= free.size(); i++) {
            boolean continuesRun = i < free.size() && free.get(i - 1).row().equals(free.get(i).row())
                    && free.get(i - 1).number() + 1 == free.get(i).number();
            if (!continuesRun) {
                runs.add(new SeatRun(free.subList(runStart, i)));
                runStart = i;
            }
        }
        return runs;
    }

    /** Fisher–Yates (Durstenfeld): position i swaps with a uniform j in [0, i]; every order is equally likely. */
    private static <T> List<T> shuffled(List<T> items, DrawStream stream) {
        List<T> shuffled = new ArrayList<>(items);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = stream.nextInt(i + 1);
            T at = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, at);
        }
        return shuffled;
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
