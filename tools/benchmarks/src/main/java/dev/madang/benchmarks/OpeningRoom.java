package dev.madang.benchmarks;

import dev.madang.aws.queue.WaitingRoomKeys;
import dev.madang.domain.queue.AdmissionGate;
import dev.madang.domain.queue.ArrivalCounts;
import dev.madang.domain.queue.QueuePlace;
import dev.madang.domain.queue.QueueTokens;
import dev.madang.domain.queue.WaitingLine;
import dev.madang.domain.queue.WaitingRoom;
import dev.madang.domain.queue.WaitingRooms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A simulated opening of a round's waiting room, in memory, through the real {@link WaitingLine} (one per API
 * instance, each with its own once-a-second view) on a {@link CountingRooms} store that charges every write to the
 * partition key {@code DynamoWaitingRooms} would write ({@link WaitingRoomKeys}) in the second it is made, and counts
 * the read requests the adapter would send. Time is a movable clock; nothing sleeps.
 *
 * <p>Fans arrive as a Poisson process at {@code arrivalsPerS} for {@code arrivalS} seconds, from {@code earlyS}
 * seconds before the opening (default 0: from the opening). Each enters on a random instance, then polls every
 * {@code pollAfter} the line asks for (2 s), each poll on a random instance, until a poll answers ADMITTED. The
 * moment of that answer is when the fan starts booking. Two ways to find it:
 * <ul>
 *   <li>{@link #run} with {@code polls = true}: every poll is made through {@link WaitingLine#poll};</li>
 *   <li>{@code polls = false} (the 30-seed hot-key sweep, where 18 million polls per seed would take too long):
 *       entering is still the real {@link WaitingLine#enter} (every write, and an admission on entering when the
 *       line is already past the place), but a waiting fan's admission is taken to be its first poll (entry + 2 s,
 *       + 4 s, ...) at which the cursor, {@link WaitingRoom#admittedBy}, exceeds the people ahead of its place as
 *       {@link ArrivalCounts#ahead} counts them from every arrival. That is what a poll answers once the view has
 *       the place's second in full (a view is at most 1 s old and the cursor is many seconds behind the arrivals),
 *       so it differs from the first way only for fans let in within a second or two of their arrival.</li>
 * </ul>
 */
final class OpeningRoom {

    static final String ROUND = "RND01OPENING";
    /** The opening, at a whole second so that the simulation's seconds are the keys' seconds. */
    static final Instant OPENS_AT = Instant.parse("2026-12-05T11:00:00Z");
    /** The pause between polls the line asks for (WaitingLine.POLL_EVERY; every real answer says 2 s). */
    static final double POLL_EVERY_S = 2.0;

    record Settings(double arrivalsPerS, int arrivalS, double earlyS, int admissionsPerS, int runS, int instances,
                    long seed, boolean polls) {
    }

    /** One fan let in: who, when the poll (or the entry) said so, and the admission it carried. */
    record Admitted(String userId, double at, String admission) {
    }

    record Outcome(Settings settings, long arrivals, long polls, long enters, long readsOnPolls, long itemReadsOnPolls,
                   long readsOnEnters, long steadyPolls, long steadyReadsOnPolls, List<Admitted> admitted,
                   long admittedOnEntering, long[] admittedPerSecond, CountingRooms store) {
    }

    private OpeningRoom() {
    }

    static WaitingRoom room(int admissionsPerS) {
        return new WaitingRoom(ROUND, true, false, OPENS_AT, admissionsPerS, OPENS_AT, 0, List.of(),
                OPENS_AT.minus(Duration.ofHours(1)));
    }

    static Instant at(double t) {
        return OPENS_AT.plusNanos(Math.round(t * 1e9));
    }

    static Outcome run(Settings s) {
        MovableClock clock = new MovableClock(at(-s.earlyS() - 1));
        CountingRooms store = new CountingRooms(clock);
        store.save(room(s.admissionsPerS()));
        StandInTokens tokens = new StandInTokens();
        List<WaitingLine> lines = new ArrayList<>(s.instances());
        for (int i = 0; i < s.instances(); i++) {
            lines.add(new WaitingLine(store, tokens, clock, new SplittableRandom(s.seed() * 1_000_003L + i)));
        }
        SplittableRandom arrivalsRandom = new SplittableRandom(s.seed());
        SplittableRandom routing = new SplittableRandom(s.seed() ^ 0x9E3779B97F4A7C15L);

        int expected = (int) (s.arrivalsPerS() * s.arrivalS() * 1.02) + 1_000;
        String[] tokenOf = new String[expected];
        double[] nextPoll = new double[expected];
        int[] queue = new int[expected]; // fans waiting, in order of their next poll (every poll is 2 s after the last)
        int head = 0;
        int tail = 0;
        List<Admitted> admitted = new ArrayList<>();
        long[] admittedPerSecond = new long[s.runS()];
        long admittedOnEntering = 0;
        long polls = 0;
        long enters = 0;
        long readsOnPolls = 0;
        long itemReadsOnPolls = 0;
        long readsOnEnters = 0;
        long steadyPolls = 0;
        long steadyReadsOnPolls = 0;
        QueuePlace[] placeOf = s.polls() ? null : new QueuePlace[expected];

        double start = -s.earlyS();
        double end = start + s.arrivalS();
        double nextArrival = start + exponential(arrivalsRandom, s.arrivalsPerS());
        int fans = 0;
        while (true) {
            boolean arrival = nextArrival < end && (!s.polls() || head == tail || nextArrival <= nextPoll[queue[head]]);
            double t = arrival ? nextArrival : (s.polls() && head < tail ? nextPoll[queue[head]] : Double.MAX_VALUE);
            if (t >= s.runS()) {
                break;
            }
            clock.set(at(t));
            WaitingLine line = lines.get(routing.nextInt(lines.size()));
            if (arrival) {
                if (fans == tokenOf.length) {
                    throw new IllegalStateException("more arrivals than room for them; raise the margin");
                }
                int fan = fans++;
                long reads = store.reads();
                WaitingLine.Entered entered = line.enter(userId(fan), ROUND);
                readsOnEnters += store.reads() - reads;
                enters++;
                nextArrival += exponential(arrivalsRandom, s.arrivalsPerS());
                if (entered.position().status() == WaitingLine.Status.ADMITTED) {
                    admittedOnEntering++;
                    admit(admitted, admittedPerSecond, userId(fan), t, entered.position().admission());
                } else if (s.polls()) {
                    tokenOf[fan] = entered.token();
                    nextPoll[fan] = t + pollAfter(entered.position());
                    if (tail == queue.length) {
                        System.arraycopy(queue, head, queue, 0, tail - head);
                        tail -= head;
                        head = 0;
                    }
                    queue[tail++] = fan;
                } else {
                    placeOf[fan] = tokens.readPlace(entered.token()).orElseThrow();
                    nextPoll[fan] = t; // here: when the fan entered
                }
                continue;
            }
            int fan = queue[head++];
            long reads = store.reads();
            long items = store.itemReads();
            WaitingLine.Position position = line.poll(userId(fan), ROUND, tokenOf[fan]);
            long r = store.reads() - reads;
            readsOnPolls += r;
            itemReadsOnPolls += store.itemReads() - items;
            polls++;
            if (t >= 10) {
                steadyPolls++;
                steadyReadsOnPolls += r;
            }
            switch (position.status()) {
                case ADMITTED -> admit(admitted, admittedPerSecond, userId(fan), t, position.admission());
                case WAITING -> {
                    nextPoll[fan] = t + pollAfter(position);
                    if (tail > 0 && nextPoll[fan] < nextPoll[queue[tail - 1]]) {
                        throw new IllegalStateException("polls out of order: the line asked for different pauses");
                    }
                    if (tail == queue.length) { // the fans that left the front make room at the back
                        System.arraycopy(queue, head, queue, 0, tail - head);
                        tail -= head;
                        head = 0;
                    }
                    queue[tail++] = fan;
                }
                case EXPIRED -> throw new IllegalStateException("a turn expired within the run");
            }
        }
        if (!s.polls()) {
            admitted = admittedByTurn(s, store, fans, placeOf, nextPoll, admitted, admittedPerSecond);
        }
        return new Outcome(s, fans, polls, enters, readsOnPolls, itemReadsOnPolls, readsOnEnters, steadyPolls,
                steadyReadsOnPolls, admitted, admittedOnEntering, admittedPerSecond, store);
    }

    /**
     * Without polls: each waiting fan is let in at its first poll (every 2 s from its entry) at which the cursor has
     * passed the people ahead of it, counted from every arrival (the view's counts once they have settled).
     */
    private static List<Admitted> admittedByTurn(Settings s, CountingRooms store, int fans, QueuePlace[] placeOf,
                                                 double[] enteredAt, List<Admitted> onEntering,
                                                 long[] admittedPerSecond) {
        WaitingRoom room = room(s.admissionsPerS());
        ArrivalCounts counts = new ArrivalCounts(store.arrivalsPerSecond(ROUND));
        double poll = POLL_EVERY_S;
        List<Admitted> out = new ArrayList<>(onEntering);
        for (int fan = 0; fan < fans; fan++) {
            QueuePlace place = placeOf[fan];
            if (place == null) {
                continue; // admitted on entering
            }
            double ahead = counts.ahead(place);
            double entered = enteredAt[fan];
            Instant turn = room.reaches(ahead);
            double turnS = turn.equals(Instant.MAX) ? Double.MAX_VALUE
                    : Duration.between(OPENS_AT, turn).toNanos() / 1e9;
            double k = Math.max(1, Math.ceil((turnS - entered) / poll));
            double t = entered + k * poll;
            while (!(room.admittedBy(at(t)) > ahead)) { // the cursor's own rounding decides, as a poll's would
                t += poll;
                if (t >= s.runS()) {
                    break;
                }
            }
            if (t < s.runS()) {
                out.add(new Admitted(userId(fan), t, null));
                admittedPerSecond[(int) t]++;
            }
        }
        out.sort((a, b) -> Double.compare(a.at(), b.at()));
        return out;
    }

    private static void admit(List<Admitted> admitted, long[] perSecond, String userId, double t, String admission) {
        admitted.add(new Admitted(userId, t, admission));
        if (t >= 0) {
            perSecond[(int) t]++;
        }
    }

    private static double pollAfter(WaitingLine.Position position) {
        return position.pollAfter().toNanos() / 1e9;
    }

    static String userId(int fan) {
        return "F" + fan;
    }

    private static double exponential(SplittableRandom random, double rate) {
        return -Math.log(1 - random.nextDouble()) / rate;
    }


    /** The booking routes' gate on one hold-function instance: its own view of the room, as deployed. */
    static AdmissionGate gate(CountingRooms store, QueueTokens tokens, Clock clock, long seed) {
        return new AdmissionGate(new WaitingLine(store, tokens, clock, new SplittableRandom(seed)), tokens, clock);
    }

    /** A clock the simulation moves. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * The tokens' content without a signature (a stand-in: the in-memory model counts keys and reads, not CPU). A
     * place is {@code P|round|account|second|offset|enteredAt epoch ms|nanos within the ms}; an admission
     * {@code A|round|account|expiry epoch ms}.
     */
    static final class StandInTokens implements QueueTokens {

        @Override
        public String signPlace(QueuePlace p) {
            return "P|" + p.roundId() + "|" + p.userId() + "|" + p.second() + "|" + p.offset() + "|"
                    + p.enteredAt().toEpochMilli() + "|" + p.enteredAt().getNano() % 1_000_000;
        }

        @Override
        public Optional<QueuePlace> readPlace(String token) {
            String[] f = token.split("\\|");
            if (f.length != 7 || !f[0].equals("P")) {
                return Optional.empty();
            }
            return Optional.of(new QueuePlace(f[1], f[2], Long.parseLong(f[3]), Double.parseDouble(f[4]),
                    Instant.ofEpochMilli(Long.parseLong(f[5])).plusNanos(Long.parseLong(f[6]))));
        }

        @Override
        public String signAdmission(RoomAdmission a) {
            return "A|" + a.roundId() + "|" + a.userId() + "|" + a.expiresAt().toEpochMilli();
        }

        @Override
        public Optional<RoomAdmission> readAdmission(String token) {
            String[] f = token.split("\\|");
            if (f.length != 4 || !f[0].equals("A")) {
                return Optional.empty();
            }
            return Optional.of(new RoomAdmission(f[2], f[1], Instant.ofEpochMilli(Long.parseLong(f[3]))));
        }
    }

    /**
     * The waiting room's storage in memory, doing what {@code DynamoWaitingRooms} does, with the same partition keys:
     * every write (a place, an arrival's shard counter, a window's roll-up, impressions) is charged to its key in the
     * clock's second, and every read counted as the requests the adapter would send (GetItem for the room,
     * BatchGetItem of up to 100 keys for the arrival counts) and the items they ask for.
     */
    static final class CountingRooms implements WaitingRooms {

        private final Clock clock;
        private final Map<String, WaitingRoom> rooms = new HashMap<>();
        private final Map<String, QueuePlace> places = new HashMap<>();
        private final Map<String, long[]> counters = new HashMap<>(); // shard items and roll-ups: s0..s9
        private final Map<String, Long> impressions = new HashMap<>();
        private long reads;
        private long itemReads;
        private long writes;
        // writes per key in the clock's current second; when the second changes, its busiest key is kept
        private long second = Long.MIN_VALUE;
        private final Map<String, Integer> thisSecond = new HashMap<>();
        private int maxWrites;
        private String busiestKey = "";
        private long busiestSecond;
        private final TreeMap<Long, Integer> busiestPerSecond = new TreeMap<>();
        private final Map<String, Integer> maxByPattern = new TreeMap<>();

        CountingRooms(Clock clock) {
            this.clock = clock;
        }

        long reads() {
            return reads;
        }

        long itemReads() {
            return itemReads;
        }

        long writes() {
            return writes;
        }

        /** The busiest key's writes in any one second (the second in progress included). */
        int maxKeyWritesPerS() {
            roll(Long.MAX_VALUE);
            return maxWrites;
        }

        String busiestKey() {
            roll(Long.MAX_VALUE);
            return busiestKey;
        }

        /** The busiest key's second, from the opening. */
        long busiestSecond() {
            roll(Long.MAX_VALUE);
            return busiestSecond - OPENS_AT.getEpochSecond();
        }

        /** The busiest write count per pattern of key (PLACE, ARRIVALS shard, ARRIVALS total, IMPRESSIONS). */
        Map<String, Integer> maxByPattern() {
            roll(Long.MAX_VALUE);
            return maxByPattern;
        }

        /** Every arrival counted, per second: what a view has once every second has settled. */
        Map<Long, Long> arrivalsPerSecond(String roundId) {
            Map<Long, Long> out = new HashMap<>();
            String prefix = "ARRIVALS#" + roundId + "#";
            counters.forEach((key, seconds) -> {
                String[] parts = key.substring(prefix.length()).split("#");
                if (parts.length != 2) {
                    return; // a roll-up: the same counts again
                }
                long window = Long.parseLong(parts[0]);
                for (int i = 0; i < WaitingRoomKeys.WINDOW_SECONDS; i++) {
                    if (seconds[i] > 0) {
                        out.merge(window * WaitingRoomKeys.WINDOW_SECONDS + i, seconds[i], Long::sum);
                    }
                }
            });
            return out;
        }

        private void write(String key) {
            writes++;
            long now = clock.instant().getEpochSecond();
            if (now != second) {
                roll(now);
            }
            thisSecond.merge(key, 1, Integer::sum);
        }

        private void roll(long next) {
            if (next == second) {
                return;
            }
            int busiest = 0;
            for (Map.Entry<String, Integer> e : thisSecond.entrySet()) {
                int n = e.getValue();
                busiest = Math.max(busiest, n);
                maxByPattern.merge(pattern(e.getKey()), n, Math::max);
                if (n > maxWrites) {
                    maxWrites = n;
                    busiestKey = e.getKey();
                    busiestSecond = second;
                }
            }
            if (!thisSecond.isEmpty()) {
                busiestPerSecond.merge(second, busiest, Math::max);
            }
            thisSecond.clear();
            if (next != Long.MAX_VALUE) {
                second = next;
            }
        }

        private static String pattern(String key) {
            if (key.startsWith("ARRIVALS#")) {
                return key.split("#").length == 4 ? "arrival_shard" : "arrival_total";
            }
            return key.startsWith("PLACE#") ? "place" : key.startsWith("IMPRESSIONS#") ? "impressions" : "room";
        }

        @Override
        public Optional<WaitingRoom> room(String roundId) {
            reads++;
            itemReads++;
            return Optional.ofNullable(rooms.get(roundId));
        }

        @Override
        public void save(WaitingRoom room) {
            write(WaitingRoomKeys.room(room.roundId()));
            rooms.put(room.roundId(), room);
        }

        @Override
        public QueuePlace enter(QueuePlace place, int shard) {
            String key = WaitingRoomKeys.place(place.roundId(), place.userId());
            // one transaction: the place (put if absent) and the shard's counter; a cancelled one is billed too
            write(key);
            write(shardKey(place, shard));
            QueuePlace stored = places.get(key);
            if (stored != null) {
                reads++; // the adapter reads the stored place back
                itemReads++;
                return stored;
            }
            places.put(key, place);
            count(place, shard);
            return place;
        }

        @Override
        public boolean reenter(QueuePlace old, QueuePlace fresh, int shard) {
            String key = WaitingRoomKeys.place(fresh.roundId(), fresh.userId());
            write(key);
            write(shardKey(fresh, shard));
            if (!old.equals(places.get(key))) {
                return false;
            }
            places.put(key, fresh);
            count(fresh, shard);
            return true;
        }

        private static String shardKey(QueuePlace p, int shard) {
            return WaitingRoomKeys.shard(p.roundId(), WaitingRoomKeys.window(p.second()), shard);
        }

        private void count(QueuePlace p, int shard) {
            long[] s = counters.computeIfAbsent(shardKey(p, shard), k -> new long[WaitingRoomKeys.WINDOW_SECONDS]);
            s[(int) Math.floorMod(p.second(), WaitingRoomKeys.WINDOW_SECONDS)]++;
        }

        @Override
        public Map<Long, Long> arrivals(String roundId, Collection<Long> seconds, long settledBefore) {
            int w = WaitingRoomKeys.WINDOW_SECONDS;
            TreeSet<Long> windows = new TreeSet<>();
            seconds.forEach(sec -> windows.add(WaitingRoomKeys.window(sec)));
            Map<Long, long[]> perWindow = new HashMap<>();
            List<Long> settled = windows.stream().filter(x -> (x + 1) * w <= settledBefore).toList();
            batchGet(settled.size());
            for (long x : settled) {
                long[] total = counters.get(WaitingRoomKeys.total(roundId, x));
                if (total != null) {
                    perWindow.put(x, total);
                }
            }
            List<Long> toSum = windows.stream().filter(x -> !perWindow.containsKey(x)).toList();
            batchGet(toSum.size() * WaitingLine.SHARDS);
            for (long x : toSum) {
                long[] sum = new long[w];
                for (int shard = 0; shard < WaitingLine.SHARDS; shard++) {
                    long[] these = counters.get(WaitingRoomKeys.shard(roundId, x, shard));
                    for (int i = 0; these != null && i < w; i++) {
                        sum[i] += these[i];
                    }
                }
                perWindow.put(x, sum);
                if ((x + 1) * w <= settledBefore) {
                    String key = WaitingRoomKeys.total(roundId, x); // the roll-up: a conditional put, once
                    write(key);
                    counters.putIfAbsent(key, sum.clone());
                }
            }
            Map<Long, Long> out = new HashMap<>();
            for (long sec : seconds) {
                long n = perWindow.get(WaitingRoomKeys.window(sec))[(int) Math.floorMod(sec, w)];
                if (n > 0) {
                    out.put(sec, n);
                }
            }
            return out;
        }

        private void batchGet(int keys) {
            reads += (keys + 99) / 100;
            itemReads += keys;
        }

        @Override
        public void addImpressions(String roundId, Map<String, Long> byAd) {
            byAd.forEach((ad, n) -> {
                write(WaitingRoomKeys.impressions(roundId));
                impressions.merge(ad, n, Long::sum);
            });
        }

        @Override
        public Map<String, Long> impressions(String roundId) {
            return Map.copyOf(impressions);
        }
    }
}
