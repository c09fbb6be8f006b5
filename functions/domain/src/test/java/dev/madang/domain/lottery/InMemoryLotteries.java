package dev.madang.domain.lottery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The lottery store in memory, with the same all-or-nothing writes and window conditions as the DynamoDB one. */
final class InMemoryLotteries implements Lotteries {

    final Map<String, LotterySettings> settings = new HashMap<>();
    final Map<String, SortedMap<String, SortedMap<Integer, Long>>> counts = new HashMap<>();
    /** round → account → entry: the fan's claim. */
    final Map<String, Map<String, FanEntry>> claims = new HashMap<>();
    int writes;

    @Override
    public synchronized Optional<Lottery> find(String roundId) {
        LotterySettings s = settings.get(roundId);
        if (s == null) {
            return Optional.empty();
        }
        SortedMap<String, SortedMap<Integer, Long>> copy = new TreeMap<>();
        counts.getOrDefault(roundId, new TreeMap<>()).forEach((section, bySize) -> bySize.forEach((size, n) -> {
            if (n != 0) {
                copy.computeIfAbsent(section, k -> new TreeMap<>()).put(size, n);
            }
        }));
        return Optional.of(new Lottery(s, copy));
    }

    @Override
    public synchronized boolean save(LotterySettings s, Instant now) {
        LotterySettings before = settings.get(s.roundId());
        if (before != null && before.locked(now)) {
            return false;
        }
        settings.put(s.roundId(), s);
        writes++;
        return true;
    }

    private boolean open(String roundId, Instant now) {
        LotterySettings s = settings.get(roundId);
        return s != null && s.takingEntries(now) && !closedAt.containsKey(roundId);
    }

    private void count(String roundId, FanEntry e, long by) {
        counts.computeIfAbsent(roundId, k -> new TreeMap<>()).computeIfAbsent(e.sectionId(), k -> new TreeMap<>())
                .merge(e.partySize(), by, Long::sum);
    }

    @Override
    public synchronized Outcome enter(String accountId, FanEntry entry, Instant now) {
        Map<String, FanEntry> round = claims.computeIfAbsent(entry.roundId(), k -> new HashMap<>());
        if (round.containsKey(accountId)) {
            return Outcome.ALREADY_ENTERED;
        }
        if (!open(entry.roundId(), now)) {
            return Outcome.CLOSED;
        }
        round.put(accountId, entry);
        count(entry.roundId(), entry, 1);
        writes++;
        return Outcome.DONE;
    }

    @Override
    public synchronized Optional<FanEntry> entryOf(String roundId, String accountId) {
        return Optional.ofNullable(claims.getOrDefault(roundId, Map.of()).get(accountId));
    }

    @Override
    public synchronized Outcome change(String accountId, FanEntry before, FanEntry after, Instant now) {
        if (!before.equals(entryOf(before.roundId(), accountId).orElse(null))) {
            return Outcome.STALE;
        }
        if (!open(before.roundId(), now)) {
            return Outcome.CLOSED;
        }
        claims.get(before.roundId()).put(accountId, after);
        count(before.roundId(), before, -1);
        count(before.roundId(), after, 1);
        writes++;
        return Outcome.DONE;
    }

    @Override
    public synchronized Outcome withdraw(String accountId, FanEntry entry, Instant now) {
        if (!entry.equals(entryOf(entry.roundId(), accountId).orElse(null))) {
            return Outcome.STALE;
        }
        if (!open(entry.roundId(), now)) {
            return Outcome.CLOSED;
        }
        claims.get(entry.roundId()).remove(accountId);
        count(entry.roundId(), entry, -1);
        writes++;
        return Outcome.DONE;
    }

    @Override
    public synchronized List<FanEntry> entriesOf(String accountId, int limit) {
        List<FanEntry> mine = new ArrayList<>();
        claims.values().forEach(round -> Optional.ofNullable(round.get(accountId)).ifPresent(mine::add));
        mine.sort(Comparator.comparing(FanEntry::enteredAt).reversed());
        return mine.subList(0, Math.min(limit, mine.size()));
    }

    @Override
    public synchronized List<LotteryEntry> entriesIn(String roundId, String sectionId) {
        return claims.getOrDefault(roundId, Map.of()).values().stream().filter(e -> e.sectionId().equals(sectionId))
                .map(FanEntry::forDraw).sorted(Comparator.comparing(LotteryEntry::entryId)).toList();
    }

    // ---- the draw workflow ----

    final Map<String, Instant> closedAt = new HashMap<>();
    final Map<String, String> digests = new HashMap<>();
    final Map<String, Instant> revealedAt = new HashMap<>();
    final Map<String, SortedMap<Integer, DrawSeed>> seeds = new HashMap<>();
    final Map<String, Map<String, SectionDraw>> sectionDraws = new HashMap<>();
    /** round → entry id → offer. */
    final Map<String, Map<String, Offer>> offers = new HashMap<>();
    int moves;

    @Override
    public synchronized boolean close(String roundId, Instant now) {
        LotterySettings s = settings.get(roundId);
        if (s == null || s.entriesCloseAt().isAfter(now) && !closedAt.containsKey(roundId)) {
            return false;
        }
        closedAt.putIfAbsent(roundId, now);
        return true;
    }

    final Map<String, String> drawWaits = new HashMap<>();

    @Override
    public synchronized boolean closeNow(String roundId, Instant now) {
        LotterySettings s = settings.get(roundId);
        if (s == null || s.entriesOpenAt().isAfter(now)) {
            return false;
        }
        closedAt.putIfAbsent(roundId, now);
        return true;
    }

    @Override
    public synchronized void keepDrawWait(String roundId, String waitToken) {
        drawWaits.put(roundId, waitToken);
    }

    @Override
    public synchronized Optional<String> drawWait(String roundId) {
        return Optional.ofNullable(drawWaits.get(roundId));
    }

    @Override
    public synchronized List<DrawEntry> offersIn(String roundId, String sectionId, String afterEntryId, int limit) {
        return drawEntries(roundId, sectionId).stream().filter(e -> e.offer() != null)
                .filter(e -> afterEntryId == null || e.entryId().compareTo(afterEntryId) > 0).limit(limit).toList();
    }

    @Override
    public synchronized String storeEntriesDigest(String roundId, String digest) {
        return digests.computeIfAbsent(roundId, k -> digest);
    }

    @Override
    public synchronized LotteryDraws draws(String roundId) {
        return new LotteryDraws(roundId, closedAt.get(roundId), digests.get(roundId), revealedAt.get(roundId),
                seeds.getOrDefault(roundId, new TreeMap<>()),
                new ArrayList<>(sectionDraws.getOrDefault(roundId, Map.of()).values()));
    }

    @Override
    public synchronized DrawSeed commitSeed(String roundId, DrawSeed seed) {
        return seeds.computeIfAbsent(roundId, k -> new TreeMap<>()).computeIfAbsent(seed.drawNumber(), k -> seed);
    }

    @Override
    public synchronized SectionDraw saveSectionDraw(SectionDraw draw) {
        return sectionDraws.computeIfAbsent(draw.roundId(), k -> new java.util.LinkedHashMap<>())
                .computeIfAbsent(draw.drawNumber() + "#" + draw.sectionId(), k -> draw);
    }

    @Override
    public synchronized void completeSectionDraw(SectionDraw done) {
        sectionDraws.get(done.roundId()).put(done.drawNumber() + "#" + done.sectionId(), done);
    }

    @Override
    public synchronized List<DrawEntry> drawEntries(String roundId, String sectionId) {
        return claims.getOrDefault(roundId, Map.of()).values().stream().filter(e -> e.sectionId().equals(sectionId))
                .sorted(Comparator.comparing(FanEntry::entryId))
                .map(e -> new DrawEntry(e.forDraw(), e.state(), offers.getOrDefault(roundId, Map.of()).get(e.entryId())))
                .toList();
    }

    @Override
    public synchronized Map<String, String> entrants(String roundId) {
        Map<String, String> out = new HashMap<>();
        claims.getOrDefault(roundId, Map.of()).forEach((account, e) -> out.put(e.entryId(), account));
        return out;
    }

    @Override
    public synchronized boolean moveEntry(String roundId, String accountId, DrawEntry from, EntryState to, Offer offer) {
        FanEntry e = claims.getOrDefault(roundId, Map.of()).get(accountId);
        if (e == null || !e.entryId().equals(from.entryId())) {
            return false;
        }
        Offer stored = offers.getOrDefault(roundId, Map.of()).get(e.entryId());
        if (e.state() == to) {
            return offer == null || stored != null && stored.holdId().equals(offer.holdId());
        }
        if (e.state() != from.state()) {
            return false;
        }
        claims.get(roundId).put(accountId, new FanEntry(roundId, e.entryId(), e.sectionId(), e.partySize(), to,
                e.enteredAt()));
        if (offer != null) {
            offers.computeIfAbsent(roundId, k -> new HashMap<>()).put(e.entryId(), offer);
        }
        moves++;
        return true;
    }

    @Override
    public synchronized Optional<Offer> offerOf(String roundId, String accountId) {
        FanEntry e = claims.getOrDefault(roundId, Map.of()).get(accountId);
        return e == null ? Optional.empty() : Optional.ofNullable(offers.getOrDefault(roundId, Map.of()).get(e.entryId()));
    }

    @Override
    public synchronized void reveal(String roundId, Instant now) {
        revealedAt.putIfAbsent(roundId, now);
    }
}
