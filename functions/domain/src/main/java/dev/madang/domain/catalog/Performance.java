package dev.madang.domain.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A performance (공연) as fans find it in the catalog. The run summary (first and last round, earliest sale opening)
 * is kept on the performance so that listing and filtering never touch the rounds.
 */
public record Performance(
        String id,
        String title,
        Genre genre,
        List<String> tags,
        List<String> cast,
        int runtimeMinutes,
        int ageLimit,
        String description,
        String posterUrl,
        RunSummary run,
        long version) {

    public Performance {
        tags = List.copyOf(tags);
        cast = cast == null ? List.of() : List.copyOf(cast);
    }

    /** The dates of the run; null fields until the first round is scheduled. */
    public record RunSummary(Instant firstRoundAt, Instant lastRoundAt, Instant firstSaleOpensAt) {

        public static final RunSummary NONE = new RunSummary(null, null, null);

        RunSummary including(Round round) {
            return new RunSummary(
                    min(firstRoundAt, round.startsAt()),
                    max(lastRoundAt, round.startsAt()),
                    min(firstSaleOpensAt, round.saleOpensAt()));
        }

        private static Instant min(Instant a, Instant b) {
            return a == null || b.isBefore(a) ? b : a;
        }

        private static Instant max(Instant a, Instant b) {
            return a == null || b.isAfter(a) ? b : a;
        }
    }

    public SaleStatus saleStatus(Instant now) {
        if (run.firstRoundAt() == null) {
            return SaleStatus.NOT_SCHEDULED;
        }
        if (!run.lastRoundAt().isAfter(now)) {
            return SaleStatus.ENDED;
        }
        return run.firstSaleOpensAt().isAfter(now) ? SaleStatus.COMING_SOON : SaleStatus.ON_SALE;
    }

    Performance withRound(Round round) {
        return new Performance(id, title, genre, tags, cast, runtimeMinutes, ageLimit, description, posterUrl,
                run.including(round), version);
    }

    Performance withRunSummary(RunSummary summary) {
        return new Performance(id, title, genre, tags, cast, runtimeMinutes, ageLimit, description, posterUrl, summary, version);
    }

    Performance withDetails(PerformanceDetails d) {
        return new Performance(id, d.title(), d.genre(), d.tags(), d.cast(), d.runtimeMinutes(), d.ageLimit(), d.description(),
                d.posterUrl(), run, version);
    }

    public enum SaleStatus { NOT_SCHEDULED, COMING_SOON, ON_SALE, ENDED }
}
