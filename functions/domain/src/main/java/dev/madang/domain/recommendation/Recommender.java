package dev.madang.domain.recommendation;

import dev.madang.domain.catalog.Genre;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Content-based recommendations over the catalog, with a little popularity (the model is explained in
 * docs/recommendations.md).
 *
 * <p>Each performance is a vector over its features: its genre, each tag, each cast member, each venue. A feature's
 * weight is its kind's weight (cast counts most: fans follow performers) times its rarity in the catalog
 * (an inverse document frequency: "musical" says less than one actor's name), and every vector has length 1, so the
 * dot product of two is their cosine similarity.
 *
 * <ul>
 *   <li><b>Similar performances</b> of one: the others by cosine with it.</li>
 *   <li><b>For you</b>: a taste vector, the sum of the fan's booked performances' vectors (the more recent, the more
 *   weight), their viewed ones' (less) and their followed genres; candidates are the performances that share a
 *   feature with it (an inverted index, so a fan is never scored against the whole catalog), ranked by cosine with
 *   the taste plus a small popularity prior, the fan's own bookings left out.</li>
 *   <li><b>A new fan</b> (nothing booked or viewed): what sells most in their followed genres, else overall.</li>
 * </ul>
 */
public final class Recommender {

    /** How many performances a list holds: what one page shows and one stored item keeps. */
    public static final int LIST_SIZE = 10;

    static final double GENRE = 1.0;
    static final double TAG = 1.0;
    static final double CAST = 1.5;
    static final double VENUE = 0.5;
    static final double BOOKED = 3.0;
    /** Each older booking counts this much of the next newer one: tastes drift. */
    static final double BOOKING_DECAY = 0.85;
    static final double VIEWED = 1.0;
    static final double FOLLOWED_GENRE = 0.5;
    /** The popularity prior's share of a score (cosine is at most 1). */
    static final double POPULARITY = 0.15;

    /** A recommended performance and its score (higher first). */
    public record Scored(String performanceId, double score) {
    }

    private final Map<String, PerformanceProfile> profiles = new LinkedHashMap<>();
    private final Map<String, SparseVector> vectors = new HashMap<>();
    private final Map<String, List<String>> byFeature = new HashMap<>();
    private final Map<String, Double> idf = new HashMap<>();
    private final Map<String, Long> bookings;
    private final double maxLogBookings;
    private final Predicate<String> recommendable;

    /**
     * @param catalog  the performances that may be recommended (and those a fan's signals name)
     * @param bookings how often each was booked recently (absent: never), for the popularity prior and the fallback
     */
    public Recommender(Collection<PerformanceProfile> catalog, Map<String, Long> bookings) {
        this(catalog, bookings, id -> true);
    }

    /**
     * @param recommendable which of the catalog's performances may be recommended (say, those not over yet); the others
     *                      still shape similarity and a fan's taste
     */
    public Recommender(Collection<PerformanceProfile> catalog, Map<String, Long> bookings,
                       Predicate<String> recommendable) {
        this.recommendable = recommendable;
        Map<String, Integer> documentFrequency = new HashMap<>();
        Map<String, Map<String, Double>> raw = new HashMap<>();
        for (PerformanceProfile p : catalog) {
            profiles.put(p.performanceId(), p);
            Map<String, Double> features = features(p);
            raw.put(p.performanceId(), features);
            features.keySet().forEach(f -> documentFrequency.merge(f, 1, Integer::sum));
        }
        int n = Math.max(1, profiles.size());
        documentFrequency.forEach((f, df) -> idf.put(f, Math.log(1.0 + (double) n / df)));
        raw.forEach((id, features) -> {
            Map<String, Double> weighted = new HashMap<>();
            features.forEach((f, w) -> weighted.put(f, w * idf.get(f)));
            vectors.put(id, SparseVector.of(weighted).normalised());
            features.keySet().forEach(f -> byFeature.computeIfAbsent(f, k -> new ArrayList<>()).add(id));
        });
        this.bookings = Map.copyOf(bookings);
        this.maxLogBookings = Math.log1p(bookings.values().stream().mapToLong(Long::longValue).max().orElse(0));
    }

    private static Map<String, Double> features(PerformanceProfile p) {
        Map<String, Double> f = new HashMap<>();
        f.put("genre:" + p.genre(), GENRE);
        p.tags().forEach(t -> f.put("tag:" + t.toLowerCase(Locale.ROOT), TAG));
        p.cast().forEach(c -> f.put("cast:" + c, CAST));
        p.venueIds().forEach(v -> f.put("venue:" + v, VENUE));
        return f;
    }

    /** The {@code k} performances most like this one (itself left out); empty for one the catalog does not hold. */
    public List<Scored> similarTo(String performanceId, int k) {
        SparseVector of = vectors.get(performanceId);
        if (of == null) {
            return List.of();
        }
        return best(candidates(of), of, Set.of(performanceId), k, 0);
    }

    /** The {@code k} performances for this fan, never one they booked. */
    public List<Scored> forFan(FanSignals fan, int k) {
        Set<String> booked = new HashSet<>(fan.booked());
        if (fan.isNew()) {
            return popular(fan.followedGenres(), booked, k);
        }
        SparseVector taste = taste(fan);
        List<Scored> ranked = best(candidates(taste), taste, booked, k, POPULARITY);
        if (ranked.size() >= k) {
            return ranked;
        }
        // a taste that reaches few performances: fill with what sells
        Set<String> shown = new HashSet<>(booked);
        ranked.forEach(s -> shown.add(s.performanceId()));
        List<Scored> filled = new ArrayList<>(ranked);
        filled.addAll(popular(fan.followedGenres(), shown, k - ranked.size()));
        return filled;
    }

    /**
     * The {@code k} most booked performances in {@code genres} (all genres when empty), leaving out {@code excluding};
     * topped up from other genres when the genres hold too few. The popularity baseline of the offline evaluation.
     */
    public List<Scored> popular(Set<Genre> genres, Set<String> excluding, int k) {
        Comparator<PerformanceProfile> mostBooked = Comparator
                .comparingLong((PerformanceProfile p) -> bookings.getOrDefault(p.performanceId(), 0L)).reversed()
                .thenComparing(PerformanceProfile::performanceId);
        List<Scored> out = new ArrayList<>();
        profiles.values().stream()
                .filter(p -> !excluding.contains(p.performanceId()) && recommendable.test(p.performanceId()))
                .sorted(Comparator.comparing((PerformanceProfile p) -> genres.isEmpty() || genres.contains(p.genre())
                        ? 0 : 1).thenComparing(mostBooked))
                .limit(k)
                .forEach(p -> out.add(new Scored(p.performanceId(), bookings.getOrDefault(p.performanceId(), 0L))));
        return out;
    }

    /** How many performances the recommender knows. */
    public int catalogSize() {
        return profiles.size();
    }

    private SparseVector taste(FanSignals fan) {
        SparseVector.Sum sum = new SparseVector.Sum();
        double weight = BOOKED;
        for (int i = fan.booked().size() - 1; i >= 0; i--) {
            SparseVector v = vectors.get(fan.booked().get(i));
            if (v != null) {
                sum.add(v, weight);
            }
            weight *= BOOKING_DECAY;
        }
        for (String viewed : fan.viewed()) {
            SparseVector v = vectors.get(viewed);
            if (v != null) {
                sum.add(v, VIEWED);
            }
        }
        for (Genre genre : fan.followedGenres()) {
            String feature = "genre:" + genre;
            sum.add(feature, FOLLOWED_GENRE * idf.getOrDefault(feature, 1.0));
        }
        return sum.toVector().normalised();
    }

    /** Every performance sharing at least one feature with {@code v}. */
    private Set<String> candidates(SparseVector v) {
        Set<String> out = new HashSet<>();
        v.weights().keySet().forEach(f -> out.addAll(byFeature.getOrDefault(f, List.of())));
        return out;
    }

    private List<Scored> best(Set<String> candidates, SparseVector to, Set<String> excluding, int k,
                              double popularityShare) {
        return candidates.stream()
                .filter(id -> !excluding.contains(id) && recommendable.test(id))
                .map(id -> new Scored(id, vectors.get(id).dot(to) + popularityShare * popularity(id)))
                .sorted(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::performanceId))
                .limit(k)
                .toList();
    }

    /** Bookings on a log scale, 0 to 1: a hit sells a hundred times more than most, not a hundred times better. */
    private double popularity(String id) {
        return maxLogBookings == 0 ? 0 : Math.log1p(bookings.getOrDefault(id, 0L)) / maxLogBookings;
    }
}
