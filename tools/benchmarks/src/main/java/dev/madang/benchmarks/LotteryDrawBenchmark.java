package dev.madang.benchmarks;

import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.lottery.DynamoLotteries;
import dev.madang.aws.lottery.LotteryWorkflowTasks;
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
import dev.madang.domain.catalog.Section;
import dev.madang.domain.catalog.SectionPlan;
import dev.madang.domain.common.Ids;
import dev.madang.domain.lottery.DrawResult;
import dev.madang.domain.lottery.DrawingLottery;
import dev.madang.domain.lottery.EnteringLotteries;
import dev.madang.domain.lottery.LotteryEntry;
import dev.madang.domain.lottery.LotteryResult;
import dev.madang.domain.lottery.LotteryWorkflows;
import dev.madang.domain.lottery.OpeningLotteries;
import dev.madang.domain.lottery.RunningLottery;
import dev.madang.domain.lottery.SectionDraw;
import dev.madang.localstack.LocalAws;
import dev.madang.workers.LotteryWiring;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 11's draw benchmark on the local stack (dynalite): a round whose lottery sections hold 10,000 seats (4
 * sections of 50 rows × 50 by default), 100,000 entries (-Dbench.entries) of parties of 1–4 spread evenly over the
 * sections, entered through the real {@link EnteringLotteries} on {@link DynamoLotteries}; then the real
 * statemachines/lottery.asl.json runs the draw with the workers' real tasks ({@link LotteryWiring}) registered on the
 * local Lambda endpoint, as LotteryRunTest does. Prints one key=value per line.
 *
 * <p>Timing: the entry window is opened for real (close 2 s after opening, payment deadline 1 s later, no redraw), but
 * entries are written with a clock held 1 s after opening, since loading 100,000 entries takes minutes; the execution
 * is started after loading, exactly as {@link OpeningLotteries} starts it ({@link StepFunctionsLotteryWorkflows},
 * same name and input, a 1 s close wait). So the payment deadline has passed when the offers are made: the Wait state
 * ends at once and every offer expires unpaid. That changes nothing the figures measure.
 *
 * <p>Figures: {@code draw_s} is the wall time from the close task's start to the reveal task's end (execution
 * history); {@code ddb_requests_per_entry} counts every DynamoDB request of the workflow's tasks (their own client,
 * counted by an SDK interceptor) divided by the entries; {@code reproduced} re-runs {@link DrawingLottery#draw} from
 * the revealed seed, the section's entries at close and the published free seats, and compares the winners with
 * the stored ones.
 */
public final class LotteryDrawBenchmark {

    public static void main(String[] args) throws Exception {
        run(Integer.getInteger("bench.entries", 100_000), Integer.getInteger("bench.sections", 4),
                Integer.getInteger("bench.rows", 50), Integer.getInteger("bench.perRow", 50),
                Integer.getInteger("bench.clients", 16), Long.getLong("bench.seed", 11L))
                .forEach((k, v) -> System.out.println(k + "=" + v));
    }

    static Map<String, Object> run(int entries, int sectionCount, int rows, int perRow, int clients, long seed)
            throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        try (LocalAws aws = LocalAws.start().provision(LocalAws.templatePath())) {
            DynamoCatalog catalog = new DynamoCatalog(aws.dynamo(), aws.tableName("CatalogTable"),
                    aws.tableName("SeatsTable"));
            DynamoLotteries lotteries = new DynamoLotteries(aws.dynamo(), aws.tableName("LotteryTable"));
            LotteryWiring.Tables tables = new LotteryWiring.Tables(aws.tableName("CatalogTable"),
                    aws.tableName("SeatsTable"), aws.tableName("OrdersTable"), aws.tableName("LotteryTable"));
            RequestCounter counter = new RequestCounter();
            DynamoDbClient counted = counter.client(aws);
            LotteryWorkflowTasks tasks = LotteryWiring.tasks(counted, new LotteryWiring.Messaging(aws.sfn(), aws.sqs(),
                    aws.queueUrl("NotificationQueue")), tables, Clock.systemUTC());
            aws.lambdas().register(LotteryWorkflowTasks.FUNCTION_ID, tasks::runJson);
            RunningLottery running = LotteryWiring.running(aws.dynamo(), tables, Clock.systemUTC());

            List<String> sectionIds = new ArrayList<>();
            for (int i = 0; i < sectionCount; i++) {
                sectionIds.add("S" + (char) ('A' + i));
            }
            Round round = lotteryRound(catalog, sectionIds, rows, perRow);

            // open for real; the workflow is started after loading (below), as OpeningLotteries starts it
            Instant opened = Instant.now();
            Instant closes = opened.plusSeconds(2);
            LotteryWorkflows later = new LotteryWorkflows() {
                @Override
                public void start(String roundId, Instant entriesCloseAt, long closeWaitSeconds) {
                }

                @Override
                public void cancel(String roundId, Instant entriesCloseAt) {
                }
            };
            new OpeningLotteries(catalog.rounds(), lotteries, later, Clock.systemUTC()).open(round.id(),
                    new OpeningLotteries.Schedule(opened.minusSeconds(1), closes, closes.plusSeconds(1), 0));

            Clock entryClock = Clock.fixed(opened.plusSeconds(1), ZoneOffset.UTC);
            EnteringLotteries entering = new EnteringLotteries(catalog.rounds(), lotteries,
                    () -> java.util.UUID.randomUUID().toString().replace("-", ""), entryClock);
            Random random = new Random(seed);
            int[] party = new int[entries];
            for (int i = 0; i < entries; i++) {
                party[i] = 1 + random.nextInt(4);
            }
            AtomicInteger next = new AtomicInteger();
            AtomicLong retries = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long loadStarted = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                pool.execute(() -> {
                    for (int i; (i = next.getAndIncrement()) < entries; ) {
                        EnteringLotteries.Entering e = new EnteringLotteries.Entering("fan-" + i, true, round.id(),
                                sectionIds.get(i % sectionIds.size()), party[i]);
                        for (int attempt = 1; ; attempt++) {
                            try {
                                entering.enter(e);
                                break;
                            } catch (RuntimeException conflict) { // a TransactionConflict on the counter item
                                if (attempt >= 10) {
                                    throw conflict;
                                }
                                retries.incrementAndGet();
                            }
                        }
                    }
                });
            }
            pool.shutdown();
            if (!pool.awaitTermination(2, TimeUnit.HOURS)) {
                throw new IllegalStateException("loading did not finish");
            }
            double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
            if (Instant.now().isBefore(closes)) {
                Thread.sleep(Duration.between(Instant.now(), closes).toMillis() + 100);
            }

            counter.start();
            StepFunctionsLotteryWorkflows workflows = new StepFunctionsLotteryWorkflows(aws.sfn(),
                    aws.stateMachineArn("LotteryStateMachine"));
            workflows.start(round.id(), closes, 1);
            String execution = aws.stateMachineArn("LotteryStateMachine").replace(":stateMachine:", ":execution:")
                    + ":" + StepFunctionsLotteryWorkflows.executionName(round.id(), closes);
            DescribeExecutionResponse done = awaitEnd(aws, execution, Duration.ofMinutes(60));
            counter.stop();
            if (done.status() != ExecutionStatus.SUCCEEDED) {
                throw new IllegalStateException("the lottery workflow ended " + done.status() + ": " + done.error()
                        + " " + done.cause());
            }
            List<HistoryEvent> history = new ArrayList<>();
            aws.sfn().getExecutionHistoryPaginator(r -> r.executionArn(execution)).events().forEach(history::add);

            LotteryResult result = running.result(round.id());
            LotteryResult.Draw first = result.draws().get(0);
            byte[] seedBytes = HexFormat.of().parseHex(first.seedHex());
            Map<String, Seat> seatsById = new HashMap<>();
            catalog.venues().layout(round.venueId(), round.layoutVersion()).orElseThrow().sections()
                    .forEach(s -> s.seats().forEach(seat -> seatsById.put(seat.id(), seat)));
            int winners = 0;
            int seatsAssigned = 0;
            int split = 0;
            int enteredAtClose = 0;
            boolean reproduced = true;
            Map<String, Integer> offersPerSeat = new HashMap<>();
            Map<String, String> offerHolder = new HashMap<>();
            var draws = lotteries.draws(round.id());
            for (LotteryResult.Section section : first.sections()) {
                List<LotteryEntry> atClose = lotteries.entriesIn(round.id(), section.sectionId());
                enteredAtClose += atClose.size();
                DrawResult again = DrawingLottery.draw(atClose,
                        section.freeSeats().stream().map(seatsById::get).toList(), seedBytes);
                reproduced &= again.winners().equals(section.winners())
                        && again.entriesDigest().equals(section.entriesDigest());
                SectionDraw stored2 = draws.sectionDraw(first.drawNumber(), section.sectionId()).orElseThrow();
                for (Map.Entry<String, List<String>> offer : section.offers().entrySet()) {
                    winners++;
                    seatsAssigned += offer.getValue().size();
                    if (!together(offer.getValue().stream().map(seatsById::get).toList())) {
                        split++;
                    }
                    for (String seat : offer.getValue()) {
                        offersPerSeat.merge(seat, 1, Integer::sum);
                        offerHolder.put(seat, stored2.holdIds().get(offer.getKey()));
                    }
                }
            }
            long oversold = offersPerSeat.values().stream().filter(n -> n > 1).count()
                    + storedMismatch(aws, round, offerHolder);

            out.put("scenario", entries + " entries (parties 1-4, uniform; spread evenly) on " + sectionCount * rows
                    * perRow + " seats (" + sectionCount + " lottery sections of " + rows + " rows x " + perRow
                    + "), one draw, real lottery.asl.json + LotteryWiring tasks, dynalite");
            out.put("entries", enteredAtClose);
            out.put("entry_load_s", String.format("%.1f", loadSeconds));
            out.put("entry_load_retries", retries.get());
            out.put("winners", winners);
            out.put("seats_assigned", seatsAssigned);
            out.put("oversold", oversold);
            out.put("parties_split", split);
            out.put("parties_seated_together_pct", winners == 0 ? "n/a"
                    : String.format("%.1f", 100.0 * (winners - split) / winners));
            out.put("reproduced", reproduced);
            out.put("draw_s", String.format("%.1f", drawSeconds(history)));
            out.put("ddb_requests_per_entry", String.format("%.2f",
                    (double) counter.total(union(RequestCounter.READS, RequestCounter.WRITES)) / entries));
            out.put("ddb_requests_by_operation", counter.byOperation());
            out.put("sfn_state_transitions", history.stream().filter(e -> e.typeAsString().endsWith("StateEntered"))
                    .count());
            out.put("workflow_s", String.format("%.1f",
                    Duration.between(done.startDate(), done.stopDate()).toMillis() / 1e3));
        }
        return out;
    }

    /** From the close task's start to the reveal task's end: every draw step, the payment wait (0 here) included. */
    private static double drawSeconds(List<HistoryEvent> history) {
        Instant from = null;
        Instant to = null;
        for (HistoryEvent e : history) {
            if (e.stateEnteredEventDetails() != null && "Close Entries".equals(e.stateEnteredEventDetails().name())
                    && from == null) {
                from = e.timestamp();
            }
            if (e.stateExitedEventDetails() != null && "Reveal Seeds".equals(e.stateExitedEventDetails().name())) {
                to = e.timestamp();
            }
        }
        if (from == null || to == null) {
            throw new IllegalStateException("no Close Entries / Reveal Seeds states in the history");
        }
        return Duration.between(from, to).toMillis() / 1e3;
    }

    /** One row, consecutive numbers (a party of one is always together). */
    static boolean together(List<Seat> seats) {
        List<Seat> sorted = seats.stream().sorted(java.util.Comparator.comparingInt(Seat::number)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            if (!sorted.get(i).row().equals(sorted.get(0).row())
                    || sorted.get(i).number() != sorted.get(i - 1).number() + 1) {
                return false;
            }
        }
        return true;
    }

    /** Stored seat items of the round held by a hold that is not the offer of that seat, or offered seats not held. */
    private static long storedMismatch(LocalAws aws, Round round, Map<String, String> offerHolder) {
        Map<String, String> stored = new HashMap<>();
        Map<String, Integer> itemsPerSeat = new HashMap<>();
        for (Map<String, AttributeValue> item : aws.dynamo().scanPaginator(ScanRequest.builder()
                .tableName(aws.tableName("SeatsTable")).consistentRead(true).build()).items()) {
            if (item.get("pk").s().startsWith("SEAT#" + round.id() + "#") && item.containsKey("holdId")) {
                stored.put(item.get("sk").s(), item.get("holdId").s());
                itemsPerSeat.merge(item.get("sk").s(), 1, Integer::sum);
            }
        }
        long mismatches = itemsPerSeat.values().stream().filter(n -> n > 1).count();
        Set<String> all = new java.util.HashSet<>(stored.keySet());
        all.addAll(offerHolder.keySet());
        for (String seat : all) {
            if (!java.util.Objects.equals(stored.get(seat), offerHolder.get(seat))) {
                mismatches++;
            }
        }
        return mismatches;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return u;
    }

    private static DescribeExecutionResponse awaitEnd(LocalAws aws, String executionArn, Duration atMost)
            throws InterruptedException {
        Instant until = Instant.now().plus(atMost);
        while (Instant.now().isBefore(until)) {
            DescribeExecutionResponse r = aws.sfn().describeExecution(b -> b.executionArn(executionArn));
            if (r.status() != ExecutionStatus.RUNNING) {
                return r;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the lottery workflow did not end within " + atMost);
    }

    /** {@code sections} LOTTERY sections of rows × perRow seats, side by side, on sale since yesterday. */
    private static Round lotteryRound(DynamoCatalog catalog, List<String> sectionIds, int rows, int perRow) {
        Ids ids = new Ids(Clock.systemUTC());
        List<Section> sections = new ArrayList<>();
        Map<String, SectionPlan> plans = new HashMap<>();
        for (int s = 0; s < sectionIds.size(); s++) {
            String id = sectionIds.get(s);
            List<Seat> seats = new ArrayList<>();
            for (int row = 1; row <= rows; row++) {
                for (int n = 1; n <= perRow; n++) {
                    seats.add(new Seat(Seat.idOf(id, String.valueOf(row), n), id, String.valueOf(row), n,
                            s * (perRow + 5) * 10 + n * 10, row * 10));
                }
            }
            sections.add(new Section(id, id, seats));
            plans.put(id, new SectionPlan(BookingMode.LOTTERY, "R"));
        }
        String venue = new ManagingVenues(catalog.venues(), ids).register("Lottery Bench Hall", null, sections)
                .venue().id();
        String perf = new ManagingPerformances(catalog.performances(), ids).register(new PerformanceDetails(
                "Lottery benchmark", Genre.CONCERT, List.of(), 120, 0, null, null)).id();
        return new SchedulingRounds(catalog.performances(), catalog.rounds(), catalog.venues(), ids, Clock.systemUTC())
                .schedule(perf, venue, new Round.Schedule(Instant.now().plus(Duration.ofDays(10)),
                                Instant.now().minus(Duration.ofDays(1)), 4, List.of(new GradePrice("R", 99_000))),
                        plans);
    }
}
