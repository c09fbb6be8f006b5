package dev.madang.benchmarks;

import dev.madang.domain.catalog.Genre;
import dev.madang.domain.recommendation.PerformanceProfile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A synthetic but shaped booking history for the recommender's offline evaluation: a catalog whose genres, tags,
 * casts and venues overlap as a real one's do, and fans whose bookings follow a taste of their own on top of a
 * heavy popularity skew (a few hits sell most tickets).
 *
 * <ul>
 *   <li>Genres in a Korean market's proportions (concerts and musicals most); each genre has its own pool of tags
 *   and performers, plus tags every genre uses ("family", "weekend"); performers' fame is Zipf-distributed, and a
 *   performance's appeal is its cast's fame times a log-normal factor of its own.</li>
 *   <li>Each fan loves one or two genres, a few performers of those, a few tags and two venues near home, and follows
 *   their genres with probability 0.6 each.</li>
 *   <li>A fan books 3 to 15 performances, each drawn without replacement with probability proportional to
 *   appeal^0.8 × exp(2·[a loved genre] + 1.5·|loved performers in the cast| + 0.7·|loved tags| + 0.3·[a home
 *   venue]), and views 5 more drawn the same way.</li>
 * </ul>
 *
 * The history is the same for the same seed.
 */
final class SyntheticBookings {

    record Fan(List<String> booked, List<String> viewed, Set<Genre> followed) {
    }

    private static final Map<Genre, Double> GENRE_SHARE = Map.of(Genre.CONCERT, 0.30, Genre.MUSICAL, 0.25,
            Genre.THEATRE, 0.15, Genre.CLASSICAL, 0.10, Genre.KIDS, 0.08, Genre.EXHIBITION, 0.07, Genre.DANCE, 0.05);
    private static final List<String> SHARED_TAGS = List.of("family", "date", "weekend", "premiere", "encore",
            "award", "original-cast", "last-run", "festival", "late-night");
    private static final int TAGS_PER_GENRE = 14;
    private static final int PERFORMERS_PER_GENRE = 80;
    private static final int VENUES = 30;

    final List<PerformanceProfile> catalog = new ArrayList<>();
    final List<Fan> fans = new ArrayList<>();
    private final double[] appeal;
    private final SplittableRandom random;

    SyntheticBookings(int performances, int fanCount, long seed) {
        random = new SplittableRandom(seed);
        appeal = new double[performances];
        Genre[] genres = Genre.values();
        for (int i = 0; i < performances; i++) {
            Genre genre = pickGenre();
            int castSize = genre == Genre.CONCERT ? 1 + random.nextInt(2) : genre == Genre.EXHIBITION ? 1 : 2
                    + random.nextInt(3);
            Set<String> cast = new LinkedHashSet<>();
            double fame = 0;
            while (cast.size() < castSize) {
                int rank = zipf(PERFORMERS_PER_GENRE, 0.9);
                if (cast.add(genre + "-performer-" + rank)) {
                    fame += 1.0 / Math.pow(rank, 0.9);
                }
            }
            Set<String> tags = new LinkedHashSet<>();
            while (tags.size() < 2) {
                tags.add(genre.name().toLowerCase() + "-tag-" + random.nextInt(TAGS_PER_GENRE));
            }
            tags.add(SHARED_TAGS.get(random.nextInt(SHARED_TAGS.size())));
            Set<String> venues = new LinkedHashSet<>();
            int venueCount = 1 + (random.nextDouble() < 0.3 ? 1 : 0);
            while (venues.size() < venueCount) {
                // each genre plays mostly in its own six halls
                int hall = random.nextDouble() < 0.8 ? genre.ordinal() * 4 + random.nextInt(6) : random.nextInt(VENUES);
                venues.add("venue-" + hall % VENUES);
            }
            catalog.add(new PerformanceProfile("perf-" + i, genre, tags, cast, venues));
            appeal[i] = fame / castSize * Math.exp(random.nextGaussian() * 0.8);
        }
        for (int f = 0; f < fanCount; f++) {
            fans.add(fan(genres));
        }
    }

    private Fan fan(Genre[] genres) {
        Set<Genre> loved = new HashSet<>();
        loved.add(pickGenre());
        if (random.nextDouble() < 0.5) {
            loved.add(pickGenre());
        }
        Set<String> performers = new HashSet<>();
        int lovedPerformers = 3 + random.nextInt(4);
        List<Genre> lovedList = new ArrayList<>(loved);
        while (performers.size() < lovedPerformers) {
            Genre g = lovedList.get(random.nextInt(lovedList.size()));
            performers.add(g + "-performer-" + zipf(PERFORMERS_PER_GENRE, 0.9));
        }
        Set<String> tags = new HashSet<>();
        while (tags.size() < 3) {
            Genre g = lovedList.get(random.nextInt(lovedList.size()));
            tags.add(random.nextDouble() < 0.7 ? g.name().toLowerCase() + "-tag-" + random.nextInt(TAGS_PER_GENRE)
                    : SHARED_TAGS.get(random.nextInt(SHARED_TAGS.size())));
        }
        Genre home = lovedList.get(0);
        Set<String> homeVenues = new HashSet<>(List.of("venue-" + (home.ordinal() * 4 + random.nextInt(6)) % VENUES,
                "venue-" + random.nextInt(VENUES)));
        double[] weight = new double[catalog.size()];
        for (int i = 0; i < catalog.size(); i++) {
            PerformanceProfile p = catalog.get(i);
            double affinity = 2.0 * (loved.contains(p.genre()) ? 1 : 0)
                    + 1.5 * p.cast().stream().filter(performers::contains).count()
                    + 0.7 * p.tags().stream().filter(tags::contains).count()
                    + 0.3 * (p.venueIds().stream().anyMatch(homeVenues::contains) ? 1 : 0);
            weight[i] = Math.pow(appeal[i], 0.8) * Math.exp(affinity);
        }
        int bookings = 3 + Math.min(12, (int) (-Math.log(1 - random.nextDouble()) * 4));
        List<String> booked = draw(weight, bookings);
        for (String id : booked) {
            weight[Integer.parseInt(id.substring("perf-".length()))] = 0;
        }
        List<String> viewed = draw(weight, 5);
        Set<Genre> followed = new HashSet<>();
        loved.forEach(g -> {
            if (random.nextDouble() < 0.6) {
                followed.add(g);
            }
        });
        return new Fan(booked, viewed, followed);
    }

    /** {@code n} distinct performances drawn by weight (the weights of those drawn are left as they were). */
    private List<String> draw(double[] weights, int n) {
        double[] w = weights.clone();
        List<String> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            double total = 0;
            for (double x : w) {
                total += x;
            }
            if (total <= 0) {
                break;
            }
            double r = random.nextDouble() * total;
            int i = 0;
            while (i < w.length - 1 && (r -= w[i]) > 0) {
                i++;
            }
            out.add(catalog.get(i).performanceId());
            w[i] = 0;
        }
        return out;
    }

    private Genre pickGenre() {
        double r = random.nextDouble();
        for (Genre g : Genre.values()) {
            r -= GENRE_SHARE.getOrDefault(g, 0.0);
            if (r < 0) {
                return g;
            }
        }
        return Genre.CONCERT;
    }

    /** A rank 1..n with probability proportional to 1/rank^s. */
    private int zipf(int n, double s) {
        double total = 0;
        for (int k = 1; k <= n; k++) {
            total += 1 / Math.pow(k, s);
        }
        double r = random.nextDouble() * total;
        for (int k = 1; k <= n; k++) {
            r -= 1 / Math.pow(k, s);
            if (r <= 0) {
                return k;
            }
        }
        return n;
    }
}
