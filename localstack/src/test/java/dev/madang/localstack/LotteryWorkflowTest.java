package dev.madang.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real statemachines/lottery.asl.json on the local Step Functions stand-in, its one function played by a scripted
 * Java function that records every task it is given: the draw started by the organiser or by the entry window's end,
 * every draw and redraw, the Map over sections, a failing section, a second start. What the
 * tasks do is tested with the use case; here it is the order and the shape of the calls.
 */
class LotteryWorkflowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MACHINE = "LotteryStateMachine";
    private static final String FUNCTION = "LotteryTasksFunction";

    private static LocalAws aws;
    private static SfnClient sfn;
    private static WorkflowRuns runs;
    private static String machineArn;

    /** Every task call, per round. */
    private static final Map<String, List<JsonNode>> calls = new ConcurrentHashMap<>();
    /** awaitClose calls (they carry the task token), per round. */
    private static final Map<String, BlockingQueue<JsonNode>> tokens = new ConcurrentHashMap<>();
    /** A test's own answer for a task of a round (absent: the default answer). */
    private static final Map<String, Map<String, Function<JsonNode, String>>> scripts = new ConcurrentHashMap<>();

    @BeforeAll
    static void startStack() {
        aws = LocalAws.start(LocalstackDir.localstackDir(), 0.01);
        aws.lambdas().register(FUNCTION, LotteryWorkflowTest::invoke);
        SamTemplate fixture = SamTemplate.parse(fixtureText(), LocalAws.templatePath());
        aws.provision(fixture, Map.of());
        machineArn = aws.stateMachineArn(MACHINE);
        sfn = aws.sfn();
        runs = new WorkflowRuns(sfn);
    }

    @AfterAll
    static void stopStack() {
        if (aws != null) {
            aws.close();
        }
    }

    /** Two lottery sections; draw 1 returns seats and asks for a redraw, draw 2 does not; deadlines a moment away. */
    private static String invoke(String eventJson) throws Exception {
        JsonNode event = JSON.readTree(eventJson);
        String round = event.path("roundId").asText();
        String task = event.path("task").asText();
        calls.computeIfAbsent(round, r -> new CopyOnWriteArrayList<>()).add(event);
        Function<JsonNode, String> scripted = scripts.getOrDefault(round, Map.of()).get(task);
        if (scripted != null) {
            return scripted.apply(event);
        }
        int draw = event.path("drawNumber").asInt();
        return switch (task) {
            case "awaitClose" -> {
                tokens.computeIfAbsent(round, r -> new LinkedBlockingQueue<>()).add(event);
                yield "{\"waiting\":true}";
            }
            case "closeEntries" -> "{\"sections\":[\"B\",\"C\"],\"entriesDigest\":\"digest-" + round + "\"}";
            case "commitSeed" -> "{\"commitment\":\"commitment-" + draw + "\"}";
            case "drawSection" -> "{\"sectionId\":\"" + event.path("sectionId").asText()
                    + "\",\"winners\":2,\"seatsOffered\":3,\"deadline\":\"" + Instant.now().plusMillis(500) + "\"}";
            case "expireOffers" -> draw == 1 ? "{\"seatsReturned\":2,\"redraw\":true,\"nextDrawNumber\":2}"
                    : "{\"seatsReturned\":0,\"redraw\":false,\"nextDrawNumber\":" + (draw + 1) + "}";
            case "tellEntrants" -> "{\"sectionId\":\"" + event.path("sectionId").asText()
                    + "\",\"winners\":2,\"losers\":5}";
            case "releaseSeats" -> "{\"released\":[\"B\",\"C\"]}";
            case "revealSeeds" -> "{}";
            default -> throw new IllegalStateException("unknown task " + task);
        };
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void the_definition_is_provisioned_with_its_function_substituted() {
        String definition = aws.provisioned().get(0).stateMachineDefinition(MACHINE);
        assertThat(definition).doesNotContain("${")
                .contains("arn:aws:lambda:ap-northeast-2:000000000000:function:" + FUNCTION + ":live");
    }

    @Test
    void draw_now_closes_the_entries_draws_twice_over_the_sections_then_reveals() throws Exception {
        String round = newRound();
        String execution = start(round, 300);
        JsonNode wait = awaitToken(round);
        assertThat(runs.describe(execution).status()).isEqualTo(ExecutionStatus.RUNNING);
        sfn.sendTaskSuccess(b -> b.taskToken(wait.path("taskToken").asText()).output("{\"drawNow\":true}"));

        DescribeExecutionResponse done = runs.awaitEnd(execution, Duration.ofSeconds(20));
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        List<String> tasks = tasks(round);
        System.out.println("lottery tasks: " + tasks);
        // the Map draws a draw's sections side by side: their order within one draw is not fixed
        assertThat(sectionsSorted(tasks)).containsExactly("awaitClose", "closeEntries",
                "commitSeed#1", "drawSection#1:B", "drawSection#1:C", "tellEntrants#1:B", "tellEntrants#1:C",
                "expireOffers#1", "commitSeed#2", "drawSection#2:B", "drawSection#2:C", "tellEntrants#2:B",
                "tellEntrants#2:C", "expireOffers#2", "releaseSeats", "revealSeeds");
        assertThat(runs.entered(execution)).contains("Await Payment Deadline", "Redraw?", "Next Draw", "Drawn")
                .doesNotContain("Lottery Failed");
        JsonNode output = JSON.readTree(done.output());
        assertThat(output.path("closed").path("entriesDigest").asText()).isEqualTo("digest-" + round);
        assertThat(output.path("drawNumber").asInt()).isEqualTo(2);
        assertThat(output.path("drawn")).hasSize(2);
        // each Map iteration answers its draw's result (Tell Entrants passes it on), which the Wait reads
        assertThat(output.path("drawn").get(0).path("deadline").asText()).isNotEmpty();
        assertThat(output.path("drawn").get(0).has("roundId")).isFalse();
        assertThat(output.path("released").path("sections")).hasSize(2);
    }

    @Test
    void the_entry_window_closing_starts_the_draw_by_itself() {
        String round = newRound();
        scripts.put(round, Map.of("expireOffers", e -> "{\"seatsReturned\":0,\"redraw\":false,\"nextDrawNumber\":2}"));
        String execution = start(round, 1); // nobody draws now: the wait times out when the window closes

        DescribeExecutionResponse done = runs.awaitEnd(execution, Duration.ofSeconds(20));
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(tasks(round)).startsWith("awaitClose", "closeEntries", "commitSeed#1").endsWith("expireOffers#1",
                "releaseSeats", "revealSeeds").doesNotContain("commitSeed#2");
    }

    @Test
    void starting_the_lottery_twice_draws_once() throws Exception {
        String round = newRound();
        scripts.put(round, Map.of("expireOffers", e -> "{\"seatsReturned\":0,\"redraw\":false,\"nextDrawNumber\":2}"));
        String first = start(round, 300);
        String second;
        try {
            second = start(round, 300); // the same name and input: the running execution answers
        } catch (ExecutionAlreadyExistsException refused) {
            second = null;
        }
        assertThat(second == null || second.equals(first)).as("second start: %s", second).isTrue();
        String token = awaitToken(round).path("taskToken").asText();
        sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}"));
        assertThat(runs.awaitEnd(first, Duration.ofSeconds(20)).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(tasks(round).stream().filter(t -> t.equals("closeEntries")).count()).isEqualTo(1);
        assertThat(tasks(round).stream().filter(t -> t.startsWith("drawSection")).count()).isEqualTo(2);
    }

    @Test
    void a_section_that_cannot_be_drawn_fails_the_execution_for_a_person_and_reveals_nothing() throws Exception {
        String round = newRound();
        scripts.put(round, Map.of("drawSection", e -> {
            if (e.path("sectionId").asText().equals("C")) {
                throw new IllegalStateException("the seats table is down");
            }
            return "{\"sectionId\":\"B\",\"winners\":1,\"seatsOffered\":1,\"deadline\":\"" + Instant.now() + "\"}";
        }));
        String execution = start(round, 300);
        String token = awaitToken(round).path("taskToken").asText();
        sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}"));

        DescribeExecutionResponse done = runs.awaitEnd(execution, Duration.ofSeconds(30));
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("LotteryFailed");
        assertThat(tasks(round).stream().filter(t -> t.equals("drawSection#1:C")).count())
                .as("Draw Section tried, then retried 4 times").isEqualTo(5);
        assertThat(tasks(round)).doesNotContain("tellEntrants#1:C", "expireOffers#1", "releaseSeats", "revealSeeds");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static String newRound() {
        return "R" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String start(String round, int closeWaitSeconds) {
        return sfn.startExecution(b -> b.stateMachineArn(machineArn).name("lottery-" + round)
                .input("{\"roundId\":\"" + round + "\",\"closeWaitSeconds\":" + closeWaitSeconds + "}")).executionArn();
    }

    private static JsonNode awaitToken(String round) throws InterruptedException {
        JsonNode request = tokens.computeIfAbsent(round, r -> new LinkedBlockingQueue<>()).poll(10, TimeUnit.SECONDS);
        assertThat(request).as("Await Close handed out a token").isNotNull();
        return request;
    }

    /** The same calls, with each run of one Map's iterations (draw and tell, per section) in order. */
    private static List<String> sectionsSorted(List<String> tasks) {
        List<String> sorted = new java.util.ArrayList<>(tasks);
        for (int i = 0; i < sorted.size(); ) {
            int j = i;
            while (j < sorted.size() && (sorted.get(j).startsWith("drawSection")
                    || sorted.get(j).startsWith("tellEntrants"))) {
                j++;
            }
            java.util.Collections.sort(sorted.subList(i, j));
            i = Math.max(j, i + 1);
        }
        return sorted;
    }

    /** The tasks called for a round, as task#draw:section where they have them. */
    private static List<String> tasks(String round) {
        return calls.getOrDefault(round, List.of()).stream().map(e -> e.path("task").asText()
                + (e.has("drawNumber") ? "#" + e.path("drawNumber").asInt() : "")
                + (e.has("sectionId") ? ":" + e.path("sectionId").asText() : "")).toList();
    }

    private static String fixtureText() {
        try (InputStream in = LotteryWorkflowTest.class.getResourceAsStream("/lottery-workflow/template.yaml")) {
            assertThat(in).as("test resource lottery-workflow/template.yaml").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
