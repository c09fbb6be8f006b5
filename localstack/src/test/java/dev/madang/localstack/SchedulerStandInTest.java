package dev.madang.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.localstack.ScheduleFiring.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ListSchedulesResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.scheduler.model.ValidationException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Scheduler stand-in driven through the real SDK v2 {@code SchedulerClient} over HTTP, firing into a real
 * {@link LambdaDispatcher} over the Lambda Invoke API, on a {@link ManualClock}.
 */
class SchedulerStandInTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final String ROLE = "arn:aws:iam::000000000000:role/scheduler";
    /** A Tuesday, 00:00 UTC (09:00 in Seoul). */
    static final Instant T0 = Instant.parse("2026-03-10T00:00:00Z");

    static LambdaDispatcher lambdas;
    static ManualClock clock;
    static SchedulerStandIn scheduler;
    static SchedulerClient client;
    /** Events received by the function "Recorder", in order. */
    static final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startLambdas() {
        lambdas = LambdaDispatcher.start(4);
    }

    @AfterAll
    static void stopLambdas() {
        if (lambdas != null) {
            lambdas.close();
        }
    }

    /** A stand-in of its own per test: its clock starts at {@link #T0} and only goes forward. */
    @BeforeEach
    void start() {
        clock = ManualClock.at(T0);
        scheduler = SchedulerStandIn.start(lambdas.endpoint(), clock);
        client = SchedulerClient.builder().endpointOverride(scheduler.endpoint()).region(Region.of(LocalAws.REGION))
                .credentialsProvider(LocalAws.credentials()).httpClient(UrlConnectionHttpClient.create()).build();
        received.clear();
        lambdas.register("Recorder", event -> {
            received.add(event);
            return "{\"ok\":true}";
        });
    }

    @AfterEach
    void stop() {
        client.close();
        scheduler.close();
    }

    static String fn(String name) {
        return TemplateProvisioner.functionArn(name);
    }

    /** Creates a schedule targeting the Recorder function, with the required fields filled in. */
    static String create(String name, String expression, Consumer<CreateScheduleRequest.Builder> more) {
        CreateScheduleRequest.Builder request = CreateScheduleRequest.builder().name(name)
                .scheduleExpression(expression)
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(fn("Recorder")).roleArn(ROLE).input("{\"schedule\":\"" + name + "\"}"));
        more.accept(request);
        return client.createSchedule(request.build()).scheduleArn();
    }

    // ------------------------------------------------------------------------------------------------------
    // the API
    // ------------------------------------------------------------------------------------------------------

    @Test
    void creates_gets_lists_updates_and_deletes_through_the_sdk() {
        String arn = create("dawn-release", "cron(* 2-4 * * ? *)", r -> r
                .scheduleExpressionTimezone("Asia/Seoul")
                .description("release cancelled seats at an unknowable minute")
                .startDate(Instant.parse("2026-03-11T00:00:00Z"))
                .endDate(Instant.parse("2026-04-01T00:00:00Z"))
                .target(t -> t.arn(fn("Recorder")).roleArn(ROLE).input("{\"kind\":\"dawn\"}")
                        .retryPolicy(p -> p.maximumRetryAttempts(0).maximumEventAgeInSeconds(60))));
        assertThat(arn).isEqualTo("arn:aws:scheduler:ap-northeast-2:000000000000:schedule/default/dawn-release");

        GetScheduleResponse got = client.getSchedule(r -> r.name("dawn-release"));
        assertThat(got.arn()).isEqualTo(arn);
        assertThat(got.name()).isEqualTo("dawn-release");
        assertThat(got.groupName()).isEqualTo("default");
        assertThat(got.scheduleExpression()).isEqualTo("cron(* 2-4 * * ? *)");
        assertThat(got.scheduleExpressionTimezone()).isEqualTo("Asia/Seoul");
        assertThat(got.state()).isEqualTo(ScheduleState.ENABLED);
        assertThat(got.description()).isEqualTo("release cancelled seats at an unknowable minute");
        assertThat(got.startDate()).isEqualTo(Instant.parse("2026-03-11T00:00:00Z"));
        assertThat(got.endDate()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(got.flexibleTimeWindow().mode()).isEqualTo(FlexibleTimeWindowMode.OFF);
        assertThat(got.target().arn()).isEqualTo(fn("Recorder"));
        assertThat(got.target().roleArn()).isEqualTo(ROLE);
        assertThat(got.target().input()).isEqualTo("{\"kind\":\"dawn\"}");
        assertThat(got.target().retryPolicy().maximumRetryAttempts()).isZero();
        assertThat(got.target().retryPolicy().maximumEventAgeInSeconds()).isEqualTo(60);
        assertThat(got.actionAfterCompletion()).isEqualTo(ActionAfterCompletion.NONE);
        assertThat(got.creationDate()).isEqualTo(T0);
        assertThat(got.lastModificationDate()).isEqualTo(T0);
        // the first occurrence: 02:00 in Seoul on or after the start date (2026-03-11 09:00 in Seoul)
        assertThat(scheduler.nextFireTime("dawn-release")).hasValue(Instant.parse("2026-03-11T17:00:00Z"));

        create("refresh", "rate(1 minute)", r -> { });
        ListSchedulesResponse all = client.listSchedules(r -> { });
        assertThat(all.schedules()).extracting(ScheduleSummary::name).containsExactly("dawn-release", "refresh");
        assertThat(all.schedules().get(0).arn()).isEqualTo(arn);
        assertThat(all.schedules().get(0).groupName()).isEqualTo("default");
        assertThat(all.schedules().get(0).target().arn()).isEqualTo(fn("Recorder"));
        assertThat(all.schedules().get(0).creationDate()).isEqualTo(T0);
        assertThat(all.nextToken()).isNull();

        clock.advance(Duration.ofMinutes(1));
        client.updateSchedule(r -> r.name("dawn-release").scheduleExpression("cron(0/10 2-4 * * ? *)")
                .scheduleExpressionTimezone("Asia/Seoul").state(ScheduleState.DISABLED)
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(fn("Recorder")).roleArn(ROLE)));
        GetScheduleResponse updated = client.getSchedule(r -> r.name("dawn-release"));
        assertThat(updated.scheduleExpression()).isEqualTo("cron(0/10 2-4 * * ? *)");
        assertThat(updated.state()).isEqualTo(ScheduleState.DISABLED);
        // an update replaces every field: what it leaves out is gone
        assertThat(updated.description()).isNull();
        assertThat(updated.startDate()).isNull();
        assertThat(updated.target().input()).isNull();
        assertThat(updated.target().retryPolicy().maximumRetryAttempts()).isEqualTo(185);
        assertThat(updated.creationDate()).isEqualTo(T0);
        assertThat(updated.lastModificationDate()).isEqualTo(T0.plusSeconds(60));
        assertThat(scheduler.nextFireTime("dawn-release")).isEmpty();

        assertThat(client.listSchedules(r -> r.state(ScheduleState.DISABLED)).schedules())
                .extracting(ScheduleSummary::name).containsExactly("dawn-release");
        assertThat(client.listSchedules(r -> r.namePrefix("ref")).schedules())
                .extracting(ScheduleSummary::name).containsExactly("refresh");

        client.deleteSchedule(r -> r.name("dawn-release"));
        assertThatThrownBy(() -> client.getSchedule(r -> r.name("dawn-release")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Schedule dawn-release does not exist.");
                });
        assertThat(client.listSchedules(r -> { }).schedules()).extracting(ScheduleSummary::name)
                .containsExactly("refresh");
        assertThat(scheduler.scheduleNames()).containsExactly("refresh");
    }

    @Test
    void lists_page_by_page() {
        for (int i = 1; i <= 5; i++) {
            create("s" + i, "rate(1 hour)", r -> { });
        }
        List<String> names = new ArrayList<>();
        int pages = 0;
        String token = null;
        do {
            String from = token;
            ListSchedulesResponse page = client.listSchedules(r -> r.maxResults(2).nextToken(from));
            page.schedules().forEach(s -> names.add(s.name()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(names).containsExactly("s1", "s2", "s3", "s4", "s5");
        assertThat(pages).isEqualTo(3);
        // the SDK's paginator walks the same pages
        assertThat(client.listSchedulesPaginator(r -> r.maxResults(2)).schedules().stream().count()).isEqualTo(5);
    }

    @Test
    void refuses_what_aws_refuses_with_its_typed_errors() {
        create("once", "rate(1 hour)", r -> { });
        assertThatThrownBy(() -> create("once", "rate(1 hour)", r -> { }))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.statusCode()).isEqualTo(409));
        for (String bad : List.of("cron(* * * * *)", "cron(0 10 * * MON *)", "rate(0 minutes)", "every minute",
                "at(2026-03-10T02:00:00Z)")) {
            assertThatThrownBy(() -> create("bad", bad, r -> { })).as(bad)
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        }
        assertThatThrownBy(() -> create("bad", "rate(1 hour)", r -> r.scheduleExpressionTimezone("Mars/Olympus")))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> create("bad name", "rate(1 hour)", r -> { }))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> create("bad", "rate(1 hour)", r -> r.target(t -> t.arn(fn("Recorder")))))
                .isInstanceOf(ValidationException.class); // no RoleArn
        assertThatThrownBy(() -> create("bad", "rate(1 hour)", r -> r.flexibleTimeWindow(w -> w
                .mode(FlexibleTimeWindowMode.FLEXIBLE)))).isInstanceOf(ValidationException.class); // no window size
        assertThatThrownBy(() -> create("bad", "rate(1 hour)", r -> r.startDate(T0.plusSeconds(60)).endDate(T0)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> create("bad", "rate(1 hour)", r -> r.groupName("nightly")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.updateSchedule(r -> r.name("absent").scheduleExpression("rate(1 hour)")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(fn("Recorder")).roleArn(ROLE)))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.deleteSchedule(r -> r.name("absent")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(scheduler.scheduleNames()).containsExactly("once");
    }

    // ------------------------------------------------------------------------------------------------------
    // firing
    // ------------------------------------------------------------------------------------------------------

    @Test
    void a_rate_schedule_fires_on_the_controlled_clock_from_its_creation() {
        Instant created = clock.instant();
        String arn = create("every-5", "rate(5 minutes)", r -> { });
        List<ScheduleFiring> fired = scheduler.advanceBy(Duration.ofHours(1));
        // at creation ("starts invoking immediately") and every 5 minutes to the hour inclusive
        assertThat(fired).hasSize(13);
        for (int i = 0; i < fired.size(); i++) {
            ScheduleFiring f = fired.get(i);
            assertThat(f.scheduleName()).isEqualTo("every-5");
            assertThat(f.scheduleArn()).isEqualTo(arn);
            assertThat(f.scheduledTime()).isEqualTo(created.plus(Duration.ofMinutes(5L * i)));
            assertThat(f.actualTime()).isEqualTo(f.scheduledTime());
            assertThat(f.targetArn()).isEqualTo(fn("Recorder"));
            assertThat(f.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(f.detail()).isEqualTo("{\"ok\":true}");
        }
        assertThat(received).hasSize(13).allMatch("{\"schedule\":\"every-5\"}"::equals);
        assertThat(scheduler.firings("every-5")).isEqualTo(fired);
        assertThat(clock.instant()).isEqualTo(created.plus(Duration.ofHours(1)));
        assertThat(scheduler.nextFireTime("every-5")).hasValue(created.plus(Duration.ofMinutes(65)));
        // nothing fires twice
        assertThat(scheduler.runDue()).isEmpty();
    }

    @Test
    void the_dawn_window_fires_180_times_a_night_in_seoul_with_the_scheduled_time_in_the_input() {
        // from 00:00 in Seoul on 2026-03-11, for one day
        clock.set(Instant.parse("2026-03-10T15:00:00Z"));
        create("dawn", "cron(* 2-4 * * ? *)", r -> r.scheduleExpressionTimezone("Asia/Seoul")
                .target(t -> t.arn(fn("Recorder")).roleArn(ROLE)
                        .input("{\"at\":\"<aws.scheduler.scheduled-time>\",\"by\":\"<aws.scheduler.schedule-arn>\"}")));
        List<ScheduleFiring> night = scheduler.advanceBy(Duration.ofDays(1));
        assertThat(night).hasSize(180).allMatch(ScheduleFiring::succeeded);
        assertThat(night.get(0).scheduledTime().atZone(SEOUL).toLocalTime()).isEqualTo(LocalTime.of(2, 0));
        assertThat(night.get(179).scheduledTime().atZone(SEOUL).toLocalTime()).isEqualTo(LocalTime.of(4, 59));
        assertThat(night).noneMatch(f -> f.scheduledTime().atZone(SEOUL).toLocalTime().equals(LocalTime.of(5, 0))
                || f.scheduledTime().atZone(SEOUL).toLocalTime().equals(LocalTime.of(1, 59)));
        assertThat(received).hasSize(180);
        JsonNode first = read(received.get(0));
        assertThat(first.get("at").asText()).isEqualTo("2026-03-10T17:00:00Z");
        assertThat(first.get("by").asText()).isEqualTo(scheduler.scheduleArn("dawn"));
        assertThat(read(received.get(179)).get("at").asText()).isEqualTo("2026-03-10T19:59:00Z");
    }

    @Test
    void an_at_schedule_fires_once_and_is_kept_or_deleted_after_completion() {
        // 12:00 in Seoul is 03:00 UTC
        create("kept", "at(2026-03-10T12:00:00)", r -> r.scheduleExpressionTimezone("Asia/Seoul"));
        create("dropped", "at(2026-03-10T12:30:00)", r -> r.scheduleExpressionTimezone("Asia/Seoul")
                .actionAfterCompletion(ActionAfterCompletion.DELETE));
        assertThat(scheduler.advanceTo(Instant.parse("2026-03-10T02:59:00Z"))).isEmpty();
        List<ScheduleFiring> fired = scheduler.advanceBy(Duration.ofDays(2));
        assertThat(fired).extracting(ScheduleFiring::scheduleName).containsExactly("kept", "dropped");
        assertThat(fired).extracting(ScheduleFiring::scheduledTime).containsExactly(
                Instant.parse("2026-03-10T03:00:00Z"), Instant.parse("2026-03-10T03:30:00Z"));
        assertThat(received).hasSize(2);
        assertThat(client.getSchedule(r -> r.name("kept")).state()).isEqualTo(ScheduleState.ENABLED);
        assertThat(scheduler.nextFireTime("kept")).isEmpty();
        assertThatThrownBy(() -> client.getSchedule(r -> r.name("dropped")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(scheduler.advanceBy(Duration.ofDays(30))).isEmpty();
    }

    @Test
    void a_disabled_schedule_never_fires_and_fires_from_its_enabling_on() {
        create("off", "rate(1 minute)", r -> r.state(ScheduleState.DISABLED));
        assertThat(scheduler.advanceBy(Duration.ofHours(2))).isEmpty();
        assertThat(received).isEmpty();
        Instant enabled = clock.instant();
        client.updateSchedule(r -> r.name("off").scheduleExpression("rate(1 minute)").state(ScheduleState.ENABLED)
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(fn("Recorder")).roleArn(ROLE)));
        // not the two hours it was disabled: from now on, every minute
        List<ScheduleFiring> fired = scheduler.advanceBy(Duration.ofMinutes(2));
        assertThat(fired).extracting(ScheduleFiring::scheduledTime).allMatch(t -> !t.isBefore(enabled))
                .hasSize(3);
    }

    @Test
    void start_and_end_dates_bound_the_occurrences() {
        Instant start = clock.instant().plus(Duration.ofMinutes(10));
        create("bounded", "rate(1 minute)", r -> r.startDate(start).endDate(start.plus(Duration.ofMinutes(10)))
                .actionAfterCompletion(ActionAfterCompletion.DELETE));
        List<ScheduleFiring> fired = scheduler.advanceBy(Duration.ofHours(1));
        assertThat(fired).hasSize(10);
        assertThat(fired.get(0).scheduledTime()).isEqualTo(start);
        assertThat(fired.get(9).scheduledTime()).isEqualTo(start.plus(Duration.ofMinutes(9)));
        // completed with ActionAfterCompletion DELETE
        assertThat(scheduler.scheduleNames()).doesNotContain("bounded");
    }

    @Test
    void records_what_came_of_each_invocation() {
        lambdas.register("Failing", event -> {
            throw new IllegalStateException("no seats to release");
        });
        create("fails", "rate(1 hour)", r -> r.target(t -> t.arn(fn("Failing")).roleArn(ROLE)));
        create("missing", "rate(1 hour)", r -> r.target(t -> t.arn(fn("NotRegistered")).roleArn(ROLE)));
        create("queue", "rate(1 hour)", r -> r.target(t -> t
                .arn("arn:aws:sqs:ap-northeast-2:000000000000:NotificationQueue").roleArn(ROLE).input("{}")));
        List<ScheduleFiring> fired = scheduler.runDue();
        assertThat(fired).extracting(ScheduleFiring::scheduleName, ScheduleFiring::outcome).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("fails", Outcome.FUNCTION_ERROR),
                org.assertj.core.groups.Tuple.tuple("missing", Outcome.TARGET_NOT_FOUND),
                org.assertj.core.groups.Tuple.tuple("queue", Outcome.UNSUPPORTED_TARGET));
        assertThat(fired).filteredOn(f -> f.scheduleName().equals("fails")).singleElement()
                .satisfies(f -> assertThat(f.detail()).contains("no seats to release"));
        // failures are not retried: the next firing is the next occurrence
        assertThat(scheduler.runDue()).isEmpty();
    }

    @Test
    void occurrences_older_than_the_maximum_event_age_are_not_invoked() {
        Instant created = clock.instant();
        create("late", "rate(1 minute)", r -> r.target(t -> t.arn(fn("Recorder")).roleArn(ROLE)
                .retryPolicy(p -> p.maximumEventAgeInSeconds(60).maximumRetryAttempts(0))));
        clock.set(created.plus(Duration.ofMinutes(10))); // ten minutes pass with nobody firing
        List<ScheduleFiring> fired = scheduler.runDue();
        assertThat(fired).hasSize(11);
        assertThat(fired).filteredOn(f -> f.outcome() == Outcome.EXPIRED).hasSize(9);
        assertThat(fired).filteredOn(ScheduleFiring::succeeded).extracting(ScheduleFiring::scheduledTime)
                .containsExactly(created.plus(Duration.ofMinutes(9)), created.plus(Duration.ofMinutes(10)));
        assertThat(fired).allMatch(f -> f.actualTime().equals(clock.instant()));
        assertThat(received).hasSize(2);
    }

    @Test
    void ticks_on_the_wall_clock_invoking_in_the_background() throws InterruptedException {
        CountDownLatch invoked = new CountDownLatch(1);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        lambdas.register("Live", event -> {
            events.add(event);
            invoked.countDown();
            return "{}";
        });
        try (SchedulerStandIn live = SchedulerStandIn.start(lambdas.endpoint(), Clock.systemUTC());
             SchedulerClient liveClient = SchedulerClient.builder().endpointOverride(live.endpoint())
                     .region(Region.of(LocalAws.REGION)).credentialsProvider(LocalAws.credentials())
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            liveClient.createSchedule(r -> r.name("now").scheduleExpression("rate(1 hour)")
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                    .target(t -> t.arn(fn("Live")).roleArn(ROLE).input("{\"live\":true}")));
            assertThat(live.isTicking()).isFalse();
            Thread.sleep(300);
            assertThat(events).isEmpty(); // not ticking: nothing fires
            live.startTicking(Duration.ofMillis(100));
            assertThat(invoked.await(10, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (live.firings().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(live.firings()).singleElement().satisfies(f -> {
                assertThat(f.outcome()).isEqualTo(Outcome.SUCCEEDED);
                assertThat(f.input()).isEqualTo("{\"live\":true}");
                assertThat(Duration.between(f.scheduledTime(), f.actualTime())).isLessThan(Duration.ofSeconds(5));
            });
            assertThat(events).containsExactly("{\"live\":true}");
            assertThatThrownBy(() -> live.advanceBy(Duration.ofMinutes(1))).isInstanceOf(IllegalStateException.class);
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }
}
