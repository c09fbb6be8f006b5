package dev.madang.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.localstack.SamTemplate.Function;
import dev.madang.localstack.SamTemplate.GetAtt;
import dev.madang.localstack.SamTemplate.Ref;
import dev.madang.localstack.SamTemplate.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator relies on in template.yaml (docs/operations.md): tracing, the alarms and where they go, the
 * on-sale dashboard, and every invoker reaching functions through their SnapStart alias.
 */
class OperationsTemplateTest {

    static final String ALARM = "AWS::CloudWatch::Alarm";

    static SamTemplate template;

    @BeforeAll
    static void load() {
        template = SamTemplate.loadRepositoryTemplate();
    }

    @Test
    void functions_and_state_machines_are_traced_and_the_http_api_is_not_pretended_to_be() {
        assertThat(template.globalsFunction()).containsEntry("Tracing", "Active");
        assertThat(template.functions()).allSatisfy(f ->
                assertThat(f.properties()).as(f.logicalId()).containsEntry("Tracing", "Active"));
        assertThat(template.stateMachines()).isNotEmpty().allSatisfy(m -> {
            assertThat(m.properties()).as(m.logicalId()).containsEntry("Tracing", Map.of("Enabled", true));
            assertThat(m.policies()).as("%s may write its traces", m.logicalId()).anySatisfy(p ->
                    assertThat(p.parameters().toString()).contains("xray:PutTraceSegments"));
        });
        // API Gateway traces REST APIs only; an HTTP API has no tracing setting to switch on
        assertThat(template.resource("HttpApi").orElseThrow().properties()).doesNotContainKey("TracingEnabled");
    }

    @Test
    void every_function_publishes_a_snapstart_alias_and_the_state_machines_invoke_it() {
        assertThat(template.functions()).allSatisfy(f -> assertThat(f.properties()).as(f.logicalId())
                .containsEntry("AutoPublishAlias", "live")
                .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions")));
        // what every function repeated lives in Globals; workers only name their own artifact
        assertThat(template.globalsFunction()).containsKeys("Handler", "CodeUri", "Runtime", "Architectures");
        for (Resource r : template.resourcesOfType(SamTemplate.FUNCTION)) {
            assertThat(r.properties()).as(r.logicalId()).doesNotContainKeys("Handler", "Runtime", "Architectures",
                    "SnapStart", "AutoPublishAlias");
        }
        for (SamTemplate.StateMachine m : template.stateMachines()) {
            m.substitutions().forEach((name, value) -> {
                if (value instanceof Ref || value instanceof GetAtt) {
                    String target = TemplateSections.logicalIdOf(value);
                    if (template.resource(target).map(r -> r.type().equals(SamTemplate.FUNCTION)).orElse(false)) {
                        assertThat(value).as("%s %s: the alias, not $LATEST (never snapshotted)", m.logicalId(), name)
                                .isEqualTo(new Ref(target + ".Alias"));
                    }
                }
            });
        }
        // schedules, as SAM makes them of ScheduleV2 events, target the alias too
        assertThat(template.schedules()).filteredOn(s -> s.function() != null).isNotEmpty().allSatisfy(s ->
                assertThat(s.target().get("Arn")).as(s.logicalId()).isEqualTo(new Ref(s.function() + ".Alias")));
    }

    @Test
    void every_alarm_tells_the_alarm_topic_which_may_mail_someone() {
        List<Resource> alarms = template.resourcesOfType(ALARM);
        assertThat(alarms).hasSizeGreaterThanOrEqualTo(17);
        assertThat(alarms).allSatisfy(a -> assertThat(a.properties()).as(a.logicalId())
                .containsEntry("AlarmActions", List.of(new Ref("AlarmTopic")))
                .containsEntry("OKActions", List.of(new Ref("AlarmTopic")))
                .containsEntry("TreatMissingData", "notBreaching")
                .containsKey("AlarmDescription"));
        assertThat(template.resource("AlarmTopic").orElseThrow().type()).isEqualTo("AWS::SNS::Topic");
        Resource mail = template.resource("AlarmEmailSubscription").orElseThrow();
        assertThat(mail.attributes()).containsEntry("Condition", "HasAlarmEmail");
        assertThat(mail.properties()).containsEntry("Protocol", "email")
                .containsEntry("Endpoint", new Ref("AlarmEmail"))
                .containsEntry("TopicArn", new Ref("AlarmTopic"));
        assertThat(template.parameters().get("AlarmEmail").defaultValue()).isEmpty();
        SamTemplate.Resolver noMail = template.resolver(Map.of(), Map.of(), new SamTemplateTest.NamesAreLogicalIds());
        assertThat(noMail.condition("HasAlarmEmail")).isFalse();
        assertThat(template.resolver(Map.of("AlarmEmail", "ops@madang.dev"), Map.of(),
                new SamTemplateTest.NamesAreLogicalIds()).condition("HasAlarmEmail")).isTrue();
    }

    @Test
    void the_api_5xx_rate_and_the_hold_functions_throttles_and_concurrency_are_alarmed() {
        Map<String, Object> rate = alarm("Api5xxRateAlarm");
        assertThat(metricStats(rate)).contains("AWS/ApiGateway 5xx ApiId=HttpApi", "AWS/ApiGateway Count ApiId=HttpApi");

        assertThat(singleMetric(alarm("HoldSeatsThrottlesAlarm")))
                .isEqualTo("AWS/Lambda Throttles FunctionName=HoldSeatsFunction");
        Map<String, Object> concurrency = alarm("HoldSeatsConcurrencyAlarm");
        assertThat(singleMetric(concurrency)).isEqualTo("AWS/Lambda ConcurrentExecutions FunctionName=HoldSeatsFunction");
        // below the reserved concurrency, or it could never fire before the throttles do
        Object reserved = template.function("HoldSeatsFunction").properties().get("ReservedConcurrentExecutions");
        assertThat(((Number) concurrency.get("Threshold")).intValue()).isLessThan(((Number) reserved).intValue());
    }

    @Test
    void every_state_machine_alarms_on_failed_and_timed_out_executions() {
        Set<String> alarmed = alarmedMetrics();
        for (SamTemplate.StateMachine m : template.stateMachines()) {
            assertThat(alarmed).contains("AWS/States ExecutionsFailed StateMachineArn=" + m.logicalId(),
                    "AWS/States ExecutionsTimedOut StateMachineArn=" + m.logicalId());
        }
    }

    @Test
    void every_dead_letter_queue_and_every_table_has_its_alarm() {
        Set<String> alarmed = alarmedMetrics();
        for (SamTemplate.Queue q : template.queues()) {
            if (template.isDeadLetterQueue(q.logicalId())) {
                assertThat(alarmed).contains("AWS/SQS ApproximateNumberOfMessagesVisible QueueName=" + q.logicalId());
            }
        }
        for (SamTemplate.Table t : template.tables()) {
            assertThat(alarmed).contains("AWS/DynamoDB ReadThrottleEvents TableName=" + t.logicalId(),
                    "AWS/DynamoDB WriteThrottleEvents TableName=" + t.logicalId());
        }
    }

    @Test
    void pg_errors_are_counted_from_the_toss_retry_lines_of_every_function_calling_toss() {
        Set<String> filtered = new LinkedHashSet<>();
        for (Resource filter : template.resourcesOfType("AWS::Logs::MetricFilter")) {
            Map<String, Object> p = filter.properties();
            assertThat(p.get("FilterPattern")).as(filter.logicalId()).isEqualTo("\"Toss\" \"; retry\"");
            assertThat(p.get("MetricTransformations")).as(filter.logicalId()).isEqualTo(List.of(Map.of(
                    "MetricNamespace", "Madang", "MetricName", "PgErrors", "MetricValue", "1", "Unit", "Count")));
            String group = TemplateSections.logicalIdOf(p.get("LogGroupName"));
            filtered.add(template.logGroups().stream().filter(g -> g.logicalId().equals(group)).findFirst()
                    .orElseThrow().function());
        }
        List<String> callingToss = new ArrayList<>();
        for (Function f : template.functions()) {
            if (f.environment().containsKey("TOSS_BASE_URL")) {
                callingToss.add(f.logicalId());
            }
        }
        assertThat(callingToss).contains("OrdersFunction", "ConfirmPaymentFunction", "RoundRefundFunction");
        assertThat(filtered).containsExactlyInAnyOrderElementsOf(callingToss);
        assertThat(singleMetric(alarm("PgErrorsAlarm"))).isEqualTo("Madang PgErrors");
    }

    @Test
    void the_on_sale_dashboard_is_json_showing_the_alarms_the_hold_function_and_the_workflow() throws Exception {
        List<Resource> dashboards = template.resourcesOfType("AWS::CloudWatch::Dashboard");
        assertThat(dashboards).singleElement().satisfies(d -> assertThat(d.logicalId()).isEqualTo("OnSaleDashboard"));
        SamTemplate.Resolver resolver = template.resolver(Map.of(), TemplateProvisioner.PSEUDO_PARAMETERS,
                new SamTemplateTest.NamesAreLogicalIds());
        String body = resolver.resolveString(dashboards.get(0).properties().get("DashboardBody"));
        JsonNode widgets = new ObjectMapper().readTree(body).get("widgets");
        assertThat(widgets).isNotEmpty();
        List<String> shown = new ArrayList<>();
        widgets.forEach(w -> shown.add(w.get("properties").toString()));
        assertThat(String.join("\n", shown)).contains("arn-of-Api5xxRateAlarm", "arn-of-PgErrorsAlarm",
                "name-of-HoldSeatsFunction", "name-of-PaymentStateMachine", "name-of-SeatsTable", "PgErrors",
                "queuename-of-NotificationDeadLetterQueue");
    }

    // ------------------------------------------------------------------------------------------------------

    private static Map<String, Object> alarm(String logicalId) {
        Resource r = template.resource(logicalId).orElseThrow();
        assertThat(r.type()).isEqualTo(ALARM);
        return r.properties();
    }

    /** Every metric some alarm watches, described as {@link #singleMetric} does. */
    private static Set<String> alarmedMetrics() {
        Set<String> alarmed = new LinkedHashSet<>();
        for (Resource a : template.resourcesOfType(ALARM)) {
            if (a.properties().containsKey("Metrics")) {
                alarmed.addAll(metricStats(a.properties()));
            } else {
                alarmed.add(singleMetric(a.properties()));
            }
        }
        return alarmed;
    }

    /** {@code Namespace MetricName Dim=LogicalId...} of an alarm on one metric. */
    private static String singleMetric(Map<String, Object> alarm) {
        return describe(alarm.get("Namespace"), alarm.get("MetricName"), alarm.get("Dimensions"));
    }

    /** The same for every {@code MetricStat} of a metric-math alarm. */
    private static List<String> metricStats(Map<String, Object> alarm) {
        List<String> out = new ArrayList<>();
        for (Object query : (List<?>) alarm.get("Metrics")) {
            Object stat = ((Map<?, ?>) query).get("MetricStat");
            if (stat instanceof Map<?, ?> s && s.get("Metric") instanceof Map<?, ?> metric) {
                out.add(describe(metric.get("Namespace"), metric.get("MetricName"), metric.get("Dimensions")));
            }
        }
        return out;
    }

    private static String describe(Object namespace, Object name, Object dimensions) {
        StringBuilder out = new StringBuilder(namespace + " " + name);
        if (dimensions instanceof List<?> list) {
            for (Object d : list) {
                Map<?, ?> dimension = (Map<?, ?>) d;
                out.append(' ').append(dimension.get("Name")).append('=')
                        .append(TemplateSections.logicalIdOf(dimension.get("Value")));
            }
        }
        return out.toString();
    }
}
