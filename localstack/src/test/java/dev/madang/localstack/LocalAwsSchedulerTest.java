package dev.madang.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.localstack.ScheduleFiring.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LocalAws provisions the schedules of template.yaml (SAM ScheduleV2 events) and of a fixture template (explicit
 * AWS::Scheduler::Schedule resources) into the Scheduler stand-in, and their firings reach the Java functions
 * registered with the Lambda dispatcher. The stack runs on a {@link ManualClock}; the tests run in order on it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalAwsSchedulerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    /** Midnight in Seoul. */
    static final Instant T0 = Instant.parse("2026-03-10T15:00:00Z");

    static ManualClock clock;
    static LocalAws aws;
    static Path fixture;
    static TemplateProvisioner.Provisioned real;
    static TemplateProvisioner.Provisioned fixtureProvisioned;
    /** What each registered function received, in order. */
    static final List<String> refreshes = new CopyOnWriteArrayList<>();
    static final List<String> expiries = new CopyOnWriteArrayList<>();
    static final List<String> releases = new CopyOnWriteArrayList<>();
    static final List<String> sweeps = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startAndProvision() throws URISyntaxException {
        fixture = Path.of(LocalAwsSchedulerTest.class.getResource("/scheduler/template.yaml").toURI());
        clock = ManualClock.at(T0);
        aws = LocalAws.start(clock);
        aws.lambdas().register("RefreshSeatMapsFunction", event -> {
            refreshes.add(event);
            return "{\"refreshed\":1}";
        });
        aws.lambdas().register("ExpireUnpaidOrdersFunction", event -> {
            expiries.add(event);
            return "{}";
        });
        aws.lambdas().register("DawnReleaseFunction", event -> {
            releases.add(event);
            return "{}";
        });
        aws.lambdas().register("SweepFunction", event -> {
            sweeps.add(event);
            return "{}";
        });
        aws.lambdas().register("TimeSalesFunction", event -> "{\"started\":0}");
        real = aws.provision(SamTemplate.load(LocalAws.templatePath()), Map.of());
        fixtureProvisioned = aws.provision(SamTemplate.load(fixture), Map.of());
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    @Order(1)
    void reads_the_templates_scheduleV2_events_as_sam_makes_schedules_of_them() {
        SamTemplate template = SamTemplate.load(LocalAws.templatePath());
        assertThat(template.schedules()).extracting(SamTemplate.Schedule::logicalId)
                .contains("RefreshSeatMapsFunctionEveryMinute", "ExpireUnpaidOrdersFunctionEveryMinute",
                        "DawnReleaseFunctionEveryMinuteBeforeDawn")
                .allMatch(id -> id.startsWith(template.schedule(id).function())); // named <Function><Event> as SAM does
        SamTemplate.Schedule refresh = template.schedule("RefreshSeatMapsFunctionEveryMinute");
        assertThat(refresh.function()).isEqualTo("RefreshSeatMapsFunction");
        assertThat(refresh.event()).isEqualTo("EveryMinute");
        assertThat(refresh.properties()).containsEntry("ScheduleExpression", "rate(1 minute)");
        // SAM points a function's events at its AutoPublishAlias, whose published versions SnapStart restores
        assertThat(refresh.target()).containsEntry("Arn", new SamTemplate.Ref("RefreshSeatMapsFunction.Alias"));

        SamTemplate fixtureTemplate = SamTemplate.load(fixture);
        assertThat(fixtureTemplate.schedules()).extracting(SamTemplate.Schedule::logicalId)
                .containsExactly("DawnReleaseSchedule", "PausedSchedule", "SweepFunctionHourly");
        assertThat(fixtureTemplate.schedule("DawnReleaseSchedule").function()).isEqualTo("DawnReleaseFunction");
        assertThat(fixtureTemplate.schedule("DawnReleaseSchedule").event()).isNull();
    }

    @Test
    @Order(2)
    void provisions_the_seat_map_refresh_and_the_unpaid_expiry_of_template_yaml() {
        assertThat(aws.scheduleName("RefreshSeatMapsFunctionEveryMinute")).isEqualTo("RefreshSeatMapsFunctionEveryMinute");
        assertThat(aws.scheduleArn("RefreshSeatMapsFunctionEveryMinute")).isEqualTo(
                "arn:aws:scheduler:ap-northeast-2:000000000000:schedule/default/RefreshSeatMapsFunctionEveryMinute");
        GetScheduleResponse refresh = aws.scheduler().getSchedule(r -> r.name("RefreshSeatMapsFunctionEveryMinute"));
        assertThat(refresh.scheduleExpression()).isEqualTo("rate(1 minute)");
        assertThat(refresh.scheduleExpressionTimezone()).isEqualTo("UTC");
        assertThat(refresh.state()).isEqualTo(ScheduleState.ENABLED);
        assertThat(refresh.description()).isEqualTo("Refresh seat-map snapshots");
        assertThat(refresh.flexibleTimeWindow().mode()).isEqualTo(FlexibleTimeWindowMode.OFF);
        assertThat(refresh.target().arn()).isEqualTo(aws.functionArn("RefreshSeatMapsFunction") + ":live")
                .isEqualTo("arn:aws:lambda:ap-northeast-2:000000000000:function:RefreshSeatMapsFunction:live");
        assertThat(refresh.target().roleArn()).isEqualTo(
                "arn:aws:iam::000000000000:role/RefreshSeatMapsFunctionEveryMinuteRole");
        assertThat(refresh.target().retryPolicy().maximumRetryAttempts()).isZero();
        assertThat(refresh.target().input()).isNull();

        GetScheduleResponse expire = aws.scheduler().getSchedule(r -> r.name("ExpireUnpaidOrdersFunctionEveryMinute"));
        assertThat(expire.target().arn()).isEqualTo(aws.functionArn("ExpireUnpaidOrdersFunction") + ":live");
        // what the stand-in does not do is said, not faked
        assertThat(real.notApplied()).contains("ExpireUnpaidOrdersFunctionEveryMinute: RetryPolicy allows 185 (the "
                + "default) retries; the local Scheduler makes none (a failed invocation is recorded)");
        assertThat(real.notApplied()).noneMatch(line -> line.startsWith("RefreshSeatMapsFunctionEveryMinute"));
        // provisioned, but nothing fires before it is asked to
        assertThat(aws.schedulerStandIn().isTicking()).isFalse();
        assertThat(aws.schedulerStandIn().firings()).isEmpty();
        assertThat(aws.schedulerStandIn().nextFireTime("RefreshSeatMapsFunctionEveryMinute")).hasValue(T0);
    }

    @Test
    @Order(3)
    void provisions_explicit_schedules_with_their_intrinsics_resolved() {
        GetScheduleResponse dawn = aws.scheduler().getSchedule(r -> r.name(aws.scheduleName("DawnReleaseSchedule")));
        assertThat(dawn.scheduleExpression()).isEqualTo("cron(* 2-4 * * ? *)"); // !Sub of a parameter
        assertThat(dawn.scheduleExpressionTimezone()).isEqualTo("Asia/Seoul");
        assertThat(dawn.state()).isEqualTo(ScheduleState.ENABLED);
        assertThat(dawn.flexibleTimeWindow().mode()).isEqualTo(FlexibleTimeWindowMode.OFF); // a bare OFF
        assertThat(dawn.target().arn()).isEqualTo(aws.functionArn("DawnReleaseFunction"));
        assertThat(dawn.target().roleArn()).isEqualTo("arn:aws:iam::000000000000:role/DawnReleaseRole");
        assertThat(dawn.target().input()).isEqualTo("{\"release\":\"dawn\",\"at\":\"<aws.scheduler.scheduled-time>\"}");
        assertThat(dawn.target().retryPolicy().maximumEventAgeInSeconds()).isEqualTo(60);

        assertThat(aws.scheduler().getSchedule(r -> r.name("PausedSchedule")).state())
                .isEqualTo(ScheduleState.DISABLED);
        GetScheduleResponse sweep = aws.scheduler().getSchedule(r -> r.name("SweepFunctionHourly"));
        assertThat(sweep.flexibleTimeWindow().mode()).isEqualTo(FlexibleTimeWindowMode.FLEXIBLE);
        assertThat(sweep.flexibleTimeWindow().maximumWindowInMinutes()).isEqualTo(5);
        assertThat(sweep.target().input()).isEqualTo("{\"sweep\":true}");
        assertThat(fixtureProvisioned.notApplied())
                .contains("SweepFunctionHourly: FlexibleTimeWindow FLEXIBLE: fires locally at the start of its window");

        int templates = SamTemplate.load(LocalAws.templatePath()).schedules().size();
        assertThat(aws.scheduler().listSchedules(r -> { }).schedules()).extracting(ScheduleSummary::name)
                .hasSize(templates + 3).isSorted()
                .contains("DawnReleaseSchedule", "ExpireUnpaidOrdersFunctionEveryMinute", "PausedSchedule",
                        "RefreshSeatMapsFunctionEveryMinute", "SweepFunctionHourly");
        // provisioning again updates what exists
        aws.provision(fixture);
        assertThat(aws.scheduler().listSchedules(r -> { }).schedules()).hasSize(templates + 3);
    }

    @Test
    @Order(4)
    void the_template_schedule_invokes_the_registered_refresh_function_every_minute() {
        List<ScheduleFiring> fired = aws.schedulerStandIn().advanceBy(Duration.ofMinutes(3));
        // 00:00, 00:01, 00:02, 00:03 each
        assertThat(fired).filteredOn(f -> f.scheduleName().equals("RefreshSeatMapsFunctionEveryMinute"))
                .extracting(ScheduleFiring::scheduledTime)
                .containsExactly(T0, T0.plusSeconds(60), T0.plusSeconds(120), T0.plusSeconds(180));
        assertThat(fired).filteredOn(f -> f.scheduleName().equals("ExpireUnpaidOrdersFunctionEveryMinute"))
                .hasSize(4);
        // and the fixture's hourly sweep, created at 00:00 exactly
        assertThat(fired).filteredOn(f -> f.scheduleName().equals("SweepFunctionHourly"))
                .extracting(ScheduleFiring::scheduledTime).containsExactly(T0);
        // and template.yaml's time-sale job, every 10 minutes from its creation at 00:00
        assertThat(fired).filteredOn(f -> f.scheduleName().equals("TimeSalesFunctionEveryTenMinutes"))
                .extracting(ScheduleFiring::scheduledTime).containsExactly(T0);
        assertThat(fired).hasSize(10).allMatch(ScheduleFiring::succeeded);
        assertThat(refreshes).hasSize(4).allMatch("{}"::equals); // no Input: the dispatcher hands over {}
        assertThat(expiries).hasSize(4);
        assertThat(fired).filteredOn(f -> f.scheduleName().equals("RefreshSeatMapsFunctionEveryMinute"))
                .allSatisfy(f -> {
                    assertThat(f.targetArn()).isEqualTo(aws.functionArn("RefreshSeatMapsFunction") + ":live");
                    assertThat(f.detail()).isEqualTo("{\"refreshed\":1}");
                });
    }

    @Test
    @Order(5)
    void the_dawn_release_fires_each_minute_from_two_to_five_in_seoul_with_its_input() {
        // the night holds the fixture's dawn release and the hourly sweep only: template.yaml's schedules go (its own
        // dawn release is tested as deployed by tools/local-runner's DawnReleaseScheduleTest)
        for (SamTemplate.Schedule own : SamTemplate.load(LocalAws.templatePath()).schedules()) {
            aws.scheduler().deleteSchedule(r -> r.name(own.logicalId()));
        }
        Instant six = T0.plus(Duration.ofHours(6)); // 06:00 in Seoul
        List<ScheduleFiring> night = aws.schedulerStandIn().advanceTo(six);

        List<ScheduleFiring> dawn = night.stream().filter(f -> f.scheduleName().equals("DawnReleaseSchedule")).toList();
        assertThat(dawn).hasSize(180).allMatch(ScheduleFiring::succeeded);
        assertThat(dawn.get(0).scheduledTime().atZone(SEOUL).toLocalTime()).isEqualTo(LocalTime.of(2, 0));
        assertThat(dawn.get(179).scheduledTime().atZone(SEOUL).toLocalTime()).isEqualTo(LocalTime.of(4, 59));
        assertThat(dawn).allMatch(f -> f.actualTime().equals(f.scheduledTime()));
        assertThat(releases).hasSize(180);
        JsonNode first = read(releases.get(0));
        assertThat(first.get("release").asText()).isEqualTo("dawn");
        assertThat(first.get("at").asText()).isEqualTo("2026-03-10T17:00:00Z"); // 02:00 in Seoul
        // the hourly sweep at 01:00 ... 06:00; the paused schedule never
        assertThat(night).filteredOn(f -> f.scheduleName().equals("SweepFunctionHourly"))
                .extracting(f -> f.scheduledTime().atZone(SEOUL).getHour()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(sweeps).hasSize(1 + 6).allMatch("{\"sweep\":true}"::equals);
        assertThat(night).noneMatch(f -> f.scheduleName().equals("PausedSchedule"));
        assertThat(night).hasSize(186);
        assertThat(aws.schedulerStandIn().firings()).hasSize(10 + 186);
        assertThat(aws.schedulerStandIn().firings()).noneMatch(f -> f.outcome() != Outcome.SUCCEEDED);
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }
}
