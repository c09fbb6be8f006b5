package dev.madang.domain.lottery;

import dev.madang.domain.common.BusinessMetrics;
import dev.madang.domain.booking.HeldSeat;
import dev.madang.domain.booking.HoldLedgers;
import dev.madang.domain.booking.SeatClaims;
import dev.madang.domain.booking.SeatHold;
import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.SeatInventory;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.domain.catalog.Section;
import dev.madang.domain.common.DomainException;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The steps of a round's lottery workflow (docs/architecture.md §4.2), one method per step. Every step may run twice
 * (Step Functions retries a task whose answer was lost) and acts only through conditional writes, so a repeat finds
 * what the first run wrote and answers the same:
 * <ol>
 *   <li>{@link #closeEntries}: entries closed for good, the entries digest stored.</li>
 *   <li>{@link #commitSeed}: a draw's secret seed and its published commitment (one seed per draw, ever).</li>
 *   <li>{@link #drawSection}: a section's draw, stored before any offer is made; each winner's seats held for the fan
 *       with the same conditional seat write as any hold and recorded in the fan's hold ledger, so
 *       {@code POST /v1/orders {holdId}} pays it; entries marked WON or LOST.</li>
 *   <li>{@link #expireOffers}: after the draw's deadline, unpaid offers WON_EXPIRED, paid ones PAID.</li>
 *   <li>{@link #revealSeed}: the seeds published with everything a re-run needs.</li>
 * </ol>
 * <b>Free seats come from the seat inventory</b> ({@link SeatInventory}, the section's rows only), not the seat map
 * snapshot: the snapshot is refreshed only for rounds on sale and is up to ~2 s old, while the inventory evaluates
 * each hold's expiry at the draw's own clock; the draw runs once per section, so reading the rows costs little.
 * Either way the seat writes decide: a seat refused meanwhile is skipped and the party gets other seats or loses.
 */
public final class RunningLottery {

    public static final int SEED_BYTES = 32;
    /** Other seat blocks tried for a party whose drawn seats were taken meanwhile, before it is marked LOST. */
    static final int FALLBACK_ATTEMPTS = 3;

    private final CachedCatalog catalog;
    private final Lotteries lotteries;
    private final SeatInventory inventory;
    private final SeatClaims claims;
    private final HoldLedgers ledgers;
    private final OfferPayments payments;
    private final Supplier<String> holdIds;
    private final Supplier<byte[]> seeds;
    private final Clock clock;

    public RunningLottery(CachedCatalog catalog, Lotteries lotteries, SeatInventory inventory, SeatClaims claims,
                          HoldLedgers ledgers, OfferPayments payments, Supplier<String> holdIds,
                          Supplier<byte[]> seeds, Clock clock) {
        this.catalog = catalog;
        this.lotteries = lotteries;
        this.inventory = inventory;
        this.claims = claims;
        this.ledgers = ledgers;
        this.payments = payments;
        this.holdIds = holdIds;
        this.seeds = seeds;
        this.clock = clock;
    }

    /** Fresh seeds of {@value #SEED_BYTES} bytes from {@link SecureRandom}. */
    public static Supplier<byte[]> secureSeeds() {
        SecureRandom random = new SecureRandom();
        return () -> {
            byte[] seed = new byte[SEED_BYTES];
            random.nextBytes(seed);
            return seed;
        };
    }

    // ---- 1. close -------------------------------------------------------------------------------------------

    /** The lottery sections (by id) and the digest of every entry standing at close. */
    public record Closing(String roundId, List<String> sections, String entriesDigest, int entries) {
    }

    public Closing closeEntries(String roundId) {
        Lottery lottery = lottery(roundId);
        Instant now = clock.instant();
        if (!lotteries.close(roundId, now)) {
            throw DomainException.ruleViolated("entries-still-open", "entries to the lottery of round " + roundId
                    + " are taken until " + lottery.settings().entriesCloseAt(), List.of());
        }
        // closed: no entry write can succeed from here on, so this read is final
        List<String> sections = lotterySections(catalog.round(roundId));
        List<LotteryEntry> entries = new ArrayList<>();
        sections.forEach(section -> entries.addAll(lotteries.entriesIn(roundId, section)));
        String digest = DrawingLottery.entriesDigest(entries);
        String stored = lotteries.storeEntriesDigest(roundId, digest);
        if (!stored.equals(digest)) {
            throw new IllegalStateException("the entries of round " + roundId + " changed after close");
        }
        return new Closing(roundId, sections, stored, entries.size());
    }

    // ---- 2. commit ------------------------------------------------------------------------------------------

    public record Commitment(String roundId, int drawNumber, String commitment) {
    }

    public Commitment commitSeed(String roundId, int drawNumber) {
        Lottery lottery = lottery(roundId);
        checkDrawNumber(lottery, drawNumber);
        DrawSeed stored = lotteries.draws(roundId).seeds().get(drawNumber);
        if (stored == null) {
            byte[] seed = seeds.get();
            if (seed.length < SEED_BYTES) {
                throw new IllegalStateException("a seed has " + SEED_BYTES + " bytes or more");
            }
            stored = lotteries.commitSeed(roundId,
                    new DrawSeed(drawNumber, DrawingLottery.commitment(seed), seed, clock.instant()));
        }
        return new Commitment(roundId, drawNumber, stored.commitment());
    }

    // ---- 3. draw --------------------------------------------------------------------------------------------

    public SectionDraw drawSection(String roundId, String sectionId, int drawNumber) {
        Lottery lottery = lottery(roundId);
        checkDrawNumber(lottery, drawNumber);
        Round round = catalog.round(roundId);
        if (!lotterySections(round).contains(sectionId)) {
            throw DomainException.notFound("lottery section of round " + roundId, sectionId);
        }
        LotteryDraws draws = lotteries.draws(roundId);
        if (draws.closedAt() == null) {
            throw DomainException.conflict("entries-open", "close the entries of round " + roundId + " first");
        }
        DrawSeed seed = Optional.ofNullable(draws.seeds().get(drawNumber)).orElseThrow(() -> DomainException
                .conflict("seed-not-committed", "commit the seed of draw " + drawNumber + " first"));
        if (drawNumber > 1 && draws.sectionDraw(drawNumber - 1, sectionId).filter(SectionDraw::complete).isEmpty()) {
            throw DomainException.conflict("previous-draw-missing", "draw " + (drawNumber - 1) + " of section "
                    + sectionId + " has not been run");
        }
        Optional<SectionDraw> stored = draws.sectionDraw(drawNumber, sectionId);
        if (stored.isPresent() && stored.get().complete()) {
            return stored.get(); // a repeat: never draw again
        }
        SeatLayout layout = catalog.layout(round);
        Section section = layout.section(sectionId).orElseThrow();
        Instant now = clock.instant();
        SectionDraw draw = stored.orElseGet(() -> lotteries.saveSectionDraw(
                newDraw(lottery.settings(), round, section, drawNumber, seed, now)));
        return makeOffers(round, layout, draw, now);
    }

    private SectionDraw newDraw(LotterySettings settings, Round round, Section section, int drawNumber, DrawSeed seed,
                                Instant now) {
        EntryState inDraw = drawNumber == 1 ? EntryState.ENTERED : EntryState.LOST;
        List<LotteryEntry> entries = lotteries.drawEntries(round.id(), section.id()).stream()
                .filter(e -> e.state() == inDraw).map(DrawEntry::entry).toList();
        List<Seat> free = freeSeats(round, section, now);
        DrawResult result = DrawingLottery.draw(entries, free, seed.seed());
        Map<String, String> where = Map.of("RoundId", round.id());
        BusinessMetrics.current().record(BusinessMetrics.Metric.DrawWinners, result.winners().size(), where);
        BusinessMetrics.current().record(BusinessMetrics.Metric.DrawLosers,
                entries.size() - result.winners().size(), where);
        Map<String, String> ids = new TreeMap<>();
        result.winners().keySet().forEach(id -> ids.put(id, holdIds.get()));
        return new SectionDraw(round.id(), drawNumber, section.id(), seed.commitment(), result.entriesDigest(),
                entries.size(), free.stream().sorted(CANONICAL).map(Seat::id).toList(), result.winners(), ids,
                deadline(settings, round, drawNumber, now), Map.of(), false);
    }

    /** The section's seats with no ticket and no live hold at {@code now}, read from its rows of the inventory. */
    private List<Seat> freeSeats(Round round, Section section, Instant now) {
        SeatLayout sectionOnly = SeatLayout.trusted(List.of(section));
        BitSet taken = inventory.takenSeats(round, sectionOnly, now);
        List<Seat> free = new ArrayList<>();
        for (int i = 0; i < sectionOnly.seatCount(); i++) {
            if (!taken.get(i)) {
                free.add(sectionOnly.seats().get(i));
            }
        }
        return free;
    }

    /**
     * Draw 1's offers last until the lottery's payment deadline; a redraw's get the same payment window again
     * (deadline − entries close) from the redraw, but never past the round's start.
     */
    static Instant deadline(LotterySettings settings, Round round, int drawNumber, Instant now) {
        if (drawNumber == 1) {
            return settings.paymentDeadline();
        }
        Duration window = Duration.between(settings.entriesCloseAt(), settings.paymentDeadline());
        Instant later = now.plus(window).truncatedTo(ChronoUnit.SECONDS);
        return later.isBefore(round.startsAt()) ? later : round.startsAt();
    }

    private static final Comparator<Seat> CANONICAL = Comparator.comparing(Seat::row).thenComparingInt(Seat::number);

    /**
     * Makes each winner's offer (entry id order) and marks the entries. Entries already WON in this draw (an earlier
     * run got that far) keep their offer; a seat write refused because the seat was taken meanwhile gives the party
     * another block of the seats nobody won, or none (LOST). Then the draw is stored complete.
     */
    private SectionDraw makeOffers(Round round, SeatLayout layout, SectionDraw draw, Instant now) {
        EntryState inDraw = draw.drawNumber() == 1 ? EntryState.ENTERED : EntryState.LOST;
        Map<String, DrawEntry> current = lotteries.drawEntries(round.id(), draw.sectionId()).stream()
                .collect(Collectors.toMap(DrawEntry::entryId, Function.identity()));
        Map<String, String> accounts = lotteries.entrants(round.id());
        Set<String> drawnSeats = new HashSet<>();
        draw.winners().values().forEach(drawnSeats::addAll);
        // seats nobody won in this draw, canonical order: where a party whose seats were taken may sit instead
        List<Seat> spare = new ArrayList<>(draw.freeSeats().stream().filter(id -> !drawnSeats.contains(id))
                .map(id -> layout.seat(id).orElseThrow()).toList());
        Map<String, List<String>> made = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> winner : draw.winners().entrySet()) {
            DrawEntry entry = current.get(winner.getKey());
            if (entry == null) {
                continue;
            }
            if (entry.state() == EntryState.WON && entry.offer() != null
                    && entry.offer().drawNumber() == draw.drawNumber()) {
                made.put(entry.entryId(), entry.offer().seatIds());
                continue;
            }
            if (entry.state() != inDraw || !accounts.containsKey(entry.entryId())) {
                continue;
            }
            String account = accounts.get(entry.entryId());
            String holdId = draw.holdIds().get(entry.entryId());
            List<Seat> seats = winner.getValue().stream().map(id -> layout.seat(id).orElseThrow()).toList();
            Optional<SeatHold> hold = offer(round, layout, account, holdId, seats, spare, draw.deadline(), now);
            if (hold.isEmpty()) {
                lotteries.moveEntry(round.id(), account, entry, EntryState.LOST, null);
                continue;
            }
            Offer offer = new Offer(holdId, draw.drawNumber(), hold.get().seats().stream().map(HeldSeat::seatId)
                    .toList(), hold.get().amount(), draw.deadline());
            if (lotteries.moveEntry(round.id(), account, entry, EntryState.WON, offer)) {
                made.put(entry.entryId(), offer.seatIds());
            } else {
                giveBack(round.id(), layout, hold.get());
            }
        }
        if (inDraw == EntryState.ENTERED) {
            Set<String> winners = draw.winners().keySet();
            for (DrawEntry entry : current.values()) {
                if (entry.state() == EntryState.ENTERED && !winners.contains(entry.entryId())
                        && accounts.containsKey(entry.entryId())) {
                    lotteries.moveEntry(round.id(), accounts.get(entry.entryId()), entry, EntryState.LOST, null);
                }
            }
        } // a redraw's losers are LOST already
        SectionDraw done = draw.completed(made);
        lotteries.completeSectionDraw(done);
        return done;
    }

    /**
     * Holds {@code seats} for the fan until {@code deadline} (the same conditional seat write as any hold, in layout
     * order), else another block of {@code spare} seats, then records the hold in the fan's ledger within the
     * per-person limit. Empty when no seats could be held or the fan is over the limit (the seats are given back).
     */
    private Optional<SeatHold> offer(Round round, SeatLayout layout, String account, String holdId, List<Seat> seats,
                                     List<Seat> spare, Instant deadline, Instant now) {
        List<Seat> candidate = seats;
        for (int attempt = 0; candidate != null && attempt <= FALLBACK_ATTEMPTS; attempt++) {
            Optional<Seat> refused = claimAll(round, layout, account, holdId, candidate, deadline, now);
            if (refused.isEmpty()) {
                spare.removeAll(candidate);
                SeatHold hold = new SeatHold(holdId, round.id(), account, candidate.stream()
                        .sorted(Comparator.comparingInt(s -> layout.indexOf(s.id())))
                        .map(s -> heldSeat(round, s)).toList(), deadline);
                HoldLedgers.Outcome recorded = ledgers.record(hold, "lottery#" + round.id(), round.perPersonLimit(),
                        now);
                if (recorded == HoldLedgers.Outcome.LIMIT_REACHED) {
                    giveBack(round.id(), layout, hold);
                    return Optional.empty();
                }
                if (recorded == HoldLedgers.Outcome.ALREADY_RECORDED) {
                    return ledgers.find(account, holdId).map(HoldLedgers.Recorded::hold).or(() -> Optional.of(hold));
                }
                return Optional.of(hold);
            }
            spare.remove(refused.get());
            candidate = block(spare, seats.size());
        }
        return Optional.empty();
    }

    private Optional<Seat> claimAll(Round round, SeatLayout layout, String account, String holdId, List<Seat> seats,
                                    Instant deadline, Instant now) {
        List<Seat> ordered = seats.stream().sorted(Comparator.comparingInt(s -> layout.indexOf(s.id()))).toList();
        List<Seat> taken = new ArrayList<>();
        for (Seat seat : ordered) {
            if (!claims.claim(round.id(), seat, holdId, account, now, deadline)) {
                for (int i = taken.size() - 1; i >= 0; i--) {
                    claims.release(round.id(), taken.get(i), holdId);
                }
                return Optional.of(seat);
            }
            taken.add(seat);
        }
        return Optional.empty();
    }

    /** The first block of {@code size} consecutive numbers in one row of {@code spare}, else its first seats. */
    static List<Seat> block(List<Seat> spare, int size) {
        if (spare.size() < size) {
            return null;
        }
        for (int i = 0; i + size <= spare.size(); i++) {
            boolean together = true;
            for (int k = 1; k < size && together; k++) {
                Seat a = spare.get(i + k - 1);
                Seat b = spare.get(i + k);
                together = a.row().equals(b.row()) && a.number() + 1 == b.number();
            }
            if (together) {
                return List.copyOf(spare.subList(i, i + size));
            }
        }
        return List.copyOf(spare.subList(0, size));
    }

    private void giveBack(String roundId, SeatLayout layout, SeatHold hold) {
        for (HeldSeat s : hold.seats()) {
            layout.seat(s.seatId()).ifPresent(seat -> claims.release(roundId, seat, hold.holdId()));
        }
        ledgers.remove(hold);
    }

    private static HeldSeat heldSeat(Round round, Seat seat) {
        String grade = round.sections().get(seat.sectionId()).grade();
        return new HeldSeat(seat.id(), seat.sectionId(), grade, round.priceOf(grade).orElseThrow());
    }

    // ---- 4. expire ------------------------------------------------------------------------------------------

    /**
     * @param seatsReturned  seats of this draw's offers that were not paid (back on sale by their holds' expiry)
     * @param redrawsRemain  a redraw (draw {@code drawNumber + 1}) is allowed, seats came back and losers remain
     */
    public record Expiry(String roundId, int drawNumber, int paid, int expired, int seatsReturned,
                         boolean redrawsRemain) {
    }

    public Expiry expireOffers(String roundId, int drawNumber) {
        Lottery lottery = lottery(roundId);
        checkDrawNumber(lottery, drawNumber);
        Instant now = clock.instant();
        List<String> sections = lotterySections(catalog.round(roundId));
        LotteryDraws draws = lotteries.draws(roundId);
        for (String section : sections) {
            Optional<SectionDraw> draw = draws.sectionDraw(drawNumber, section);
            if (draw.isPresent() && now.isBefore(draw.get().deadline())) {
                throw DomainException.conflict("offers-still-payable", "the offers of draw " + drawNumber
                        + " are payable until " + draw.get().deadline());
            }
        }
        Map<String, String> accounts = null;
        int paid = 0;
        int expired = 0;
        int seatsReturned = 0;
        boolean losersLeft = false;
        for (String section : sections) {
            for (DrawEntry entry : lotteries.drawEntries(roundId, section)) {
                losersLeft |= entry.state() == EntryState.LOST;
                Offer offer = entry.offer();
                if (offer == null || offer.drawNumber() != drawNumber) {
                    continue;
                }
                EntryState to = entry.state();
                if (entry.state() == EntryState.WON) {
                    if (accounts == null) {
                        accounts = lotteries.entrants(roundId);
                    }
                    // settle, not just read: an order not PAID now is closed first, so that a payment finishing
                    // at the deadline second cannot make it PAID after the offer is WON_EXPIRED (OfferPayments)
                    to = payments.settle(offer.holdId()) ? EntryState.PAID : EntryState.WON_EXPIRED;
                    if (!lotteries.moveEntry(roundId, accounts.get(entry.entryId()), entry, to, offer)) {
                        continue;
                    }
                }
                if (to == EntryState.PAID) {
                    paid++;
                } else if (to == EntryState.WON_EXPIRED) {
                    expired++;
                    seatsReturned += offer.seatIds().size();
                }
            }
        }
        boolean redrawsRemain = drawNumber <= lottery.settings().redraws() && seatsReturned > 0 && losersLeft;
        return new Expiry(roundId, drawNumber, paid, expired, seatsReturned, redrawsRemain);
    }

    // ---- 5. reveal ------------------------------------------------------------------------------------------

    public LotteryResult revealSeed(String roundId) {
        lottery(roundId);
        if (lotteries.draws(roundId).sectionDraws().isEmpty()) {
            throw DomainException.conflict("nothing-drawn", "round " + roundId + " has no draw to reveal");
        }
        lotteries.reveal(roundId, clock.instant());
        return result(roundId);
    }

    /**
     * The result view: commitments and digests always; seeds, free seats, winners and offers only once revealed (a
     * draw's seed only once that draw has run).
     */
    public LotteryResult result(String roundId) {
        return new ReadingLotteryResults(lotteries).result(roundId);
    }

    /** The offer the fan's entry won, if any: its hold id is what {@code POST /v1/orders} pays. */
    public Optional<Offer> offerOf(String accountId, String roundId) {
        return lotteries.offerOf(roundId, accountId);
    }

    // ---- common ---------------------------------------------------------------------------------------------

    private Lottery lottery(String roundId) {
        return lotteries.find(roundId).orElseThrow(() -> DomainException.notFound("lottery of round", roundId));
    }

    private static void checkDrawNumber(Lottery lottery, int drawNumber) {
        if (drawNumber < 1 || drawNumber > 1 + lottery.settings().redraws()) {
            throw DomainException.ruleViolated("no-such-draw", "the lottery of round " + lottery.settings().roundId()
                    + " has draws 1-" + (1 + lottery.settings().redraws()), List.of());
        }
    }

    static List<String> lotterySections(Round round) {
        return round.sections().entrySet().stream().filter(e -> e.getValue().mode() == BookingMode.LOTTERY)
                .map(Map.Entry::getKey).sorted().toList();
    }

    static Set<String> seatIds(Collection<List<String>> seats) {
        Set<String> all = new HashSet<>();
        seats.forEach(all::addAll);
        return all;
    }
}
