package dev.madang.domain.recommendation;

import dev.madang.domain.alerts.GenreFollows;
import dev.madang.domain.catalog.CatalogQuery;
import dev.madang.domain.catalog.Genre;
import dev.madang.domain.catalog.Performance;
import dev.madang.domain.catalog.Performances;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.Rounds;
import dev.madang.domain.common.Page;
import dev.madang.domain.order.OrderStatus;
import dev.madang.domain.order.RoundOrders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The scheduled job that computes every list (docs/recommendations.md): reads the listed performances, their rounds'
 * venues, the paid orders of each round (who booked what, in order), the genre follows and the fans' recent views
 * of performance pages; builds the
 * {@link Recommender}; stores each performance's similar list, each known fan's "for you" and what sells. Running it
 * again recomputes and replaces every list: nothing accumulates.
 */
public final class ComputingRecommendations {

    /** Views older than this say little about a fan's taste now. */
    static final Duration VIEWS_LOOKED_AT = Duration.ofDays(30);

    private final Performances performances;
    private final Rounds rounds;
    private final RoundOrders orders;
    private final GenreFollows follows;
    private final PerformanceViews views;
    private final RecommendationLists lists;
    private final Clock clock;

    public ComputingRecommendations(Performances performances, Rounds rounds, RoundOrders orders,
                                    GenreFollows follows, PerformanceViews views, RecommendationLists lists,
                                    Clock clock) {
        this.performances = performances;
        this.rounds = rounds;
        this.orders = orders;
        this.follows = follows;
        this.views = views;
        this.lists = lists;
        this.clock = clock;
    }

    /** What a run did. */
    public record Run(int performances, int recommendable, int fans, int bookings) {
    }

    public Run run() {
        Instant now = clock.instant();
        Map<String, Performance> listed = new LinkedHashMap<>();
        String cursor = null;
        do {
            Page<Performance> page = performances.list(new CatalogQuery(null, null, null, null, null,
                    CatalogQuery.MAX_LIMIT, cursor), now);
            page.items().forEach(p -> listed.put(p.id(), p));
            cursor = page.nextCursor();
        } while (cursor != null);

        List<PerformanceProfile> profiles = new ArrayList<>();
        // a fan's bookings in the order they were paid (order ids are time-ordered)
        Map<String, TreeMap<String, String>> bookedByFan = new HashMap<>();
        Map<String, Long> bookings = new HashMap<>();
        for (Performance p : listed.values()) {
            Set<String> venues = new HashSet<>();
            for (Round round : rounds.ofPerformance(p.id())) {
                venues.add(round.venueId());
                for (RoundOrders.PaidOrder order : orders.everPaidOn(round.id())) {
                    if (order.status() == OrderStatus.PAID) {
                        bookedByFan.computeIfAbsent(order.userId(), k -> new TreeMap<>())
                                .put(order.orderId(), p.id());
                        bookings.merge(p.id(), 1L, Long::sum);
                    }
                }
            }
            profiles.add(new PerformanceProfile(p.id(), p.genre(), new HashSet<>(p.tags()),
                    new HashSet<>(p.cast()), venues));
        }
        Set<String> comingUp = listed.values().stream()
                .filter(p -> p.saleStatus(now) != Performance.SaleStatus.ENDED).map(Performance::id)
                .collect(Collectors.toSet());
        Recommender recommender = new Recommender(profiles, bookings, comingUp::contains);

        for (PerformanceProfile p : profiles) {
            lists.saveSimilar(p.performanceId(), stored(recommender.similarTo(p.performanceId(),
                    Recommender.LIST_SIZE), listed, now));
        }
        Map<String, Set<Genre>> followed = followedGenres();
        Map<String, List<String>> viewed = views.since(now.minus(VIEWS_LOOKED_AT));
        Set<String> fans = new HashSet<>(bookedByFan.keySet());
        fans.addAll(followed.keySet());
        fans.addAll(viewed.keySet());
        for (String fan : fans) {
            List<String> booked = new ArrayList<>(bookedByFan.getOrDefault(fan, new TreeMap<>()).values());
            List<String> distinct = booked.stream().distinct().toList();
            FanSignals signals = new FanSignals(distinct, viewed.getOrDefault(fan, List.of()),
                    followed.getOrDefault(fan, Set.of()));
            lists.saveForFan(fan, stored(recommender.forFan(signals, Recommender.LIST_SIZE), listed, now));
        }
        lists.savePopular(stored(recommender.popular(Set.of(), Set.of(), Recommender.LIST_SIZE), listed, now));
        return new Run(listed.size(), comingUp.size(), fans.size(),
                (int) bookings.values().stream().mapToLong(Long::longValue).sum());
    }

    private Map<String, Set<Genre>> followedGenres() {
        Map<String, Set<Genre>> out = new HashMap<>();
        for (Genre genre : Genre.values()) {
            String cursor = null;
            do {
                Page<String> page = follows.followers(genre, 100, cursor);
                page.items().forEach(fan -> out.computeIfAbsent(fan, k -> EnumSet.noneOf(Genre.class)).add(genre));
                cursor = page.nextCursor();
            } while (cursor != null);
        }
        return out;
    }

    private static RecommendationLists.Stored stored(List<Recommender.Scored> scored, Map<String, Performance> listed,
                                                     Instant now) {
        List<RecommendationLists.Card> cards = scored.stream().map(s -> listed.get(s.performanceId()))
                .map(p -> new RecommendationLists.Card(p.id(), p.title(), p.genre().name(), p.posterUrl(),
                        p.run().firstRoundAt()))
                .toList();
        return new RecommendationLists.Stored(cards, now);
    }
}
