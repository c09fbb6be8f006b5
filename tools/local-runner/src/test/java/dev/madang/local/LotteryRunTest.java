package dev.madang.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.lottery.DynamoLotteries;
import dev.madang.aws.lottery.LotteryWorkflowTasks;
import dev.madang.aws.lottery.StepFunctionsDrawWaits;
import dev.madang.aws.lottery.StepFunctionsLotteryWorkflows;
import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.Genre;
import dev.madang.domain.catalog.GradePrice;
import dev.madang.domain.catalog.ManagingPerformances;
import dev.madang.domain.catalog.ManagingVenues;
import dev.madang.domain.catalog.PerformanceDetails;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.SchedulingRounds;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.domain.catalog.Section;
import dev.madang.domain.catalog.SectionPlan;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Ids;
import dev.madang.domain.common.Page;
import dev.madang.domain.lottery.DrawEntry;
import dev.madang.domain.lottery.DrawingNow;
import dev.madang.domain.lottery.EnteringLotteries;
import dev.madang.domain.lottery.LotteryResult;
import dev.madang.domain.lottery.OpeningLotteries;
import dev.madang.domain.lottery.ReadingLotteryResults;
import dev.madang.domain.lottery.RunningLottery;
import dev.madang.localstack.LocalAws;
import dev.madang.workers.LotteryWiring;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The lottery as deployed, end to end on the local stack: the real statemachines/lottery.asl.json provisioned from
 * template.yaml, its one function served by the workers' real tasks ({@link LotteryWiring}), dynalite behind them.
 * The organiser opens the lottery (which starts its workflow), fans enter, the entry window closes by itself (the
 * workflow's wait times out), the seed is committed, both lottery
 * sections are drawn into offers (holds until the payment deadline), nobody pays, the offers expire, a redraw runs
 * among the losers if seats came back, and the seeds are revealed, each matching its published commitment.
 */
class LotteryRunTest {

    static LocalAws aws;
    static DynamoCatalog catalog;
    static DynamoLotteries lotteries;
    static RunningLottery running;

    @BeforeAll
    static void start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
        catalog = new DynamoCatalog(aws.dynamo(), aws.tableName("CatalogTable"), aws.tableName("SeatsTable"));
        lotteries = new DynamoLotteries(aws.dynamo(), aws.tableName("LotteryTable"));
        LotteryWiring.Tables tables = new LotteryWiring.Tables(aws.tableName("CatalogTable"),
                aws.tableName("SeatsTable"), aws.tableName("OrdersTable"), aws.tableName("LotteryTable"));
        LotteryWorkflowTasks tasks = LotteryWiring.tasks(aws.dynamo(), new LotteryWiring.Messaging(aws.sfn(),
                aws.sqs(), aws.queueUrl("NotificationQueue")), tables, Clock.systemUTC());
        aws.lambdas().register(LotteryWorkflowTasks.FUNCTION_ID, tasks::runJson);
        running = LotteryWiring.running(aws.dynamo(), tables, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void entries_close_by_themselves_and_the_draws_offer_seats_to_whole_parties_then_the_seeds_are_revealed()
            throws Exception {
        Instant now = Instant.now();
        Round round = lotteryRound();
        // entries open now and close in 4 s; winners may pay for 3 s; one redraw
        // opening the lottery starts its workflow, as the admin route does
        Instant closes = now.plusSeconds(4);
        StepFunctionsLotteryWorkflows workflows = new StepFunctionsLotteryWorkflows(aws.sfn(),
                aws.stateMachineArn("LotteryStateMachine"));
        new OpeningLotteries(catalog.rounds(), lotteries, workflows, Clock.systemUTC()).open(round.id(),
                new OpeningLotteries.Schedule(now.minusSeconds(1), closes, now.plusSeconds(7), 1));
        EnteringLotteries entering = new EnteringLotteries(catalog.rounds(), lotteries,
                () -> UUID.randomUUID().toString().replace("-", ""), Clock.systemUTC());
        int[] parties = {1, 2, 3, 4, 2, 1, 3, 2, 4, 1, 2, 3};
        for (int i = 0; i < parties.length; i++) {
            entering.enter(new EnteringLotteries.Entering("lottery-fan-" + i, true, round.id(), i % 2 == 0 ? "L" : "M",
                    parties[i]));
        }

        String execution = aws.stateMachineArn("LotteryStateMachine").replace(":stateMachine:", ":execution:") + ":"
                + StepFunctionsLotteryWorkflows.executionName(round.id(), closes);
        DescribeExecutionResponse done = awaitEnd(execution, Duration.ofSeconds(90));
        assertThat(done.status()).as("%s: %s", done.error(), done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);

        LotteryResult result = running.result(round.id());
        assertThat(result.revealed()).isTrue();
        assertThat(result.draws()).hasSizeGreaterThanOrEqualTo(1);
        int winners = 0;
        int seatsOffered = 0;
        for (LotteryResult.Draw draw : result.draws()) {
            for (LotteryResult.Section section : draw.sections()) {
                winners += section.offers().size();
                seatsOffered += section.offers().values().stream().mapToInt(List::size).sum();
                assertThat(section.offers().values().stream().mapToInt(List::size).sum())
                        .isLessThanOrEqualTo(section.freeSeats().size());
            }
        }
        LotteryResult.Draw first = result.draws().get(0);
        System.out.println("lottery run: entries=" + parties.length + " draws=" + result.draws().size()
                + " winners=" + winners + " seats_offered=" + seatsOffered);
        // the revealed seed is the one committed before the draw
        assertThat(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(HexFormat.of().parseHex(first.seedHex())))).isEqualTo(first.commitment());
        assertThat(seatsHeldTwice(round)).isZero();

        // each fan sees their entry's outcome, and a winner the offer that was held for them
        int withOffer = 0;
        for (int i = 0; i < parties.length; i++) {
            List<EnteringLotteries.MyEntry> mine = entering.mineWithOffers("lottery-fan-" + i);
            assertThat(mine).hasSize(1);
            EnteringLotteries.MyEntry entry = mine.get(0);
            if (entry.offer().isPresent()) {
                withOffer++;
                assertThat(entry.offer().get().seatIds()).hasSize(entry.entry().partySize());
                assertThat(entry.entry().state().name()).isIn("WON", "WON_EXPIRED", "PAID");
            } else {
                assertThat(entry.entry().state().name()).isEqualTo("LOST");
            }
        }
        assertThat(withOffer).isEqualTo(winners);

        // the organiser pages through each section's offers, two at a time, and sees every one exactly once
        ReadingLotteryResults reading = new ReadingLotteryResults(lotteries);
        Map<String, String> offerStates = new HashMap<>();
        for (String section : List.of("L", "M")) {
            String cursor = null;
            do {
                Page<DrawEntry> page = reading.offers(round.id(), section, cursor, 2);
                assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
                page.items().forEach(e -> assertThat(offerStates.put(e.entryId(), e.state().name())).isNull());
                cursor = page.nextCursor();
            } while (cursor != null);
        }
        assertThat(offerStates).hasSize(winners);
        assertThat(offerStates.values()).containsOnly("WON_EXPIRED");
    }

    @Test
    void draw_now_starts_the_draw_before_the_close_every_entrant_hears_and_unsold_seats_go_to_general_sale()
            throws Exception {
        Instant now = Instant.now();
        Round round = lotteryRound();
        // entries would close in 8 s; the organiser draws after 1 s; winners may pay until 10 s; no redraw
        Instant closes = now.plusSeconds(8);
        StepFunctionsLotteryWorkflows workflows = new StepFunctionsLotteryWorkflows(aws.sfn(),
                aws.stateMachineArn("LotteryStateMachine"));
        new OpeningLotteries(catalog.rounds(), lotteries, workflows, Clock.systemUTC()).open(round.id(),
                new OpeningLotteries.Schedule(now.minusSeconds(1), closes, now.plusSeconds(10), 0));
        EnteringLotteries entering = new EnteringLotteries(catalog.rounds(), lotteries,
                () -> UUID.randomUUID().toString().replace("-", ""), Clock.systemUTC());
        int[] parties = {2, 4, 3, 1, 4, 2, 3, 4};
        for (int i = 0; i < parties.length; i++) {
            entering.enter(new EnteringLotteries.Entering("early-fan-" + i, true, round.id(), i % 2 == 0 ? "L" : "M",
                    parties[i]));
        }
        // the workflow hands its wait token over as it starts; the organiser's route is DrawingNow as wired here
        await().atMost(Duration.ofSeconds(10)).until(() -> lotteries.drawWait(round.id()).isPresent());
        DrawingNow drawing = new DrawingNow(lotteries, new StepFunctionsDrawWaits(aws.sfn()), Clock.systemUTC());
        drawing.drawNow(round.id());
        Instant drewAt = Instant.now();
        assertThatThrownBy(() -> entering.enter(new EnteringLotteries.Entering("late-fan", true, round.id(), "L", 1)))
                .isInstanceOf(DomainException.class);

        String execution = aws.stateMachineArn("LotteryStateMachine").replace(":stateMachine:", ":execution:") + ":"
                + StepFunctionsLotteryWorkflows.executionName(round.id(), closes);
        // the seed is committed (the draw has begun) before the scheduled close
        await().atMost(Duration.ofSeconds(6)).until(() -> !lotteries.draws(round.id()).seeds().isEmpty());
        assertThat(Instant.now()).isBefore(closes);
        assertThat(lotteries.draws(round.id()).closedAt()).isBefore(drewAt.plusSeconds(1));
        DescribeExecutionResponse done = awaitEnd(execution, Duration.ofSeconds(60));
        assertThat(done.status()).as("%s: %s", done.error(), done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);

        // every entrant heard once: the winners with their offer, the rest that they lost
        LotteryResult result = running.result(round.id());
        assertThat(result.draws()).hasSize(1);
        Map<String, List<String>> offers = new HashMap<>();
        result.draws().get(0).sections().forEach(section -> offers.putAll(section.offers()));
        Map<String, JsonNode> news = new HashMap<>();
        for (JsonNode message : drainNotifications()) {
            if (message.path("roundId").asText().equals(round.id())) {
                assertThat(news.put(message.path("entryId").asText(), message)).as("one message per entry").isNull();
            }
        }
        assertThat(news).hasSize(parties.length);
        long won = news.values().stream().filter(n -> n.path("type").asText().equals("LOTTERY_WON")).count();
        assertThat(won).isEqualTo(offers.size()).isPositive();
        news.forEach((entryId, n) -> {
            if (offers.containsKey(entryId)) {
                assertThat(n.path("type").asText()).isEqualTo("LOTTERY_WON");
                assertThat(n.path("seatIds")).hasSize(offers.get(entryId).size());
            } else {
                assertThat(n.path("type").asText()).isEqualTo("LOTTERY_LOST");
                assertThat(n.has("holdId")).isFalse();
            }
            assertThat(n.path("accountId").asText()).startsWith("early-fan-");
        });
        System.out.println("lottery draw now: entries=" + parties.length + " won=" + won + " lost="
                + (news.size() - won) + " closed_before_schedule_s="
                + Duration.between(lotteries.draws(round.id()).closedAt(), closes).toSeconds());

        // nobody paid: after the deadline both lottery sections are sold by seat selection, their seats free again
        Round after = catalog.rounds().find(round.id()).orElseThrow();
        assertThat(after.sections().values()).extracting(SectionPlan::mode).containsOnly(BookingMode.SEAT_SELECTION);
        assertThat(seatsHeldTwice(round)).isZero();
        SeatLayout layout = catalog.venues().layout(after.venueId(), after.layoutVersion()).orElseThrow();
        assertThat(catalog.seatInventory().takenSeats(after, layout, Instant.now()).cardinality()).isZero();
    }

    /** Every message on the notification queue now, as JSON (the queue is the stack's own, drained). */
    private static List<JsonNode> drainNotifications() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String url = aws.queueUrl("NotificationQueue");
        List<JsonNode> out = new ArrayList<>();
        while (true) {
            List<Message> batch = aws.sqs().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            if (batch.isEmpty()) {
                return out;
            }
            for (Message m : batch) {
                out.add(json.readTree(m.body()));
                aws.sqs().deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
    }

    /** Seats whose stored item names more than one live hold cannot exist by construction; count the items instead. */
    private static long seatsHeldTwice(Round round) {
        Map<String, Integer> holdsPerSeat = new HashMap<>();
        for (Map<String, AttributeValue> item : aws.dynamo().scanPaginator(ScanRequest.builder()
                .tableName(aws.tableName("SeatsTable")).consistentRead(true).build()).items()) {
            if (item.get("pk").s().startsWith("SEAT#" + round.id() + "#") && item.containsKey("holdId")) {
                holdsPerSeat.merge(item.get("sk").s(), 1, Integer::sum);
            }
        }
        return holdsPerSeat.values().stream().filter(n -> n > 1).count();
    }

    private static DescribeExecutionResponse awaitEnd(String executionArn, Duration atMost) {
        List<DescribeExecutionResponse> last = new ArrayList<>();
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            DescribeExecutionResponse r = aws.sfn().describeExecution(b -> b.executionArn(executionArn));
            last.clear();
            last.add(r);
            return r.status() != ExecutionStatus.RUNNING;
        });
        return last.get(0);
    }

    /** Two lottery sections of 2 rows × 5 seats, on sale since yesterday. */
    private static Round lotteryRound() {
        Ids ids = new Ids(Clock.systemUTC());
        List<Section> sections = new ArrayList<>();
        for (String s : List.of("L", "M")) {
            List<Seat> seats = new ArrayList<>();
            int left = s.equals("L") ? 0 : 100; // two blocks side by side: no two seats on one spot
            for (int row = 1; row <= 2; row++) {
                for (int n = 1; n <= 5; n++) {
                    seats.add(new Seat(Seat.idOf(s, String.valueOf(row), n), s, String.valueOf(row), n,
                            left + n * 10, row * 10));
                }
            }
            sections.add(new Section(s, s, seats));
        }
        String venue = new ManagingVenues(catalog.venues(), ids).register("추첨 홀", null, sections).venue().id();
        String perf = new ManagingPerformances(catalog.performances(), ids).register(new PerformanceDetails("추첨 공연",
                Genre.CONCERT, List.of(), 90, 0, null, null)).id();
        return new SchedulingRounds(catalog.performances(), catalog.rounds(), catalog.venues(), ids, Clock.systemUTC())
                .schedule(perf, venue, new Round.Schedule(Instant.now().plus(Duration.ofDays(10)),
                                Instant.now().minus(Duration.ofDays(1)), 4, List.of(new GradePrice("R", 99_000))),
                        Map.of("L", new SectionPlan(BookingMode.LOTTERY, "R"),
                                "M", new SectionPlan(BookingMode.LOTTERY, "R")));
    }
}
