package dev.madang.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The EventBridge stand-in through the real SDK: template.yaml's catalog bus and the genre alerts' rule, provisioned,
 * route a matching PutEvents entry to the function registered in the Lambda dispatcher with the event envelope, and
 * nothing else; bad entries fail alone; the pattern subset matches as EventBridge does.
 */
class EventBridgeStandInTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static LocalAws aws;
    static final List<JsonNode> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
        aws.lambdas().register("GenreAlertsFunction", event -> {
            received.add(JSON.readTree(event));
            return "{}";
        });
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    static PutEventsRequestEntry entry(String bus, String source, String detailType, String detail) {
        return PutEventsRequestEntry.builder().eventBusName(bus).source(source).detailType(detailType).detail(detail)
                .build();
    }

    @Test
    void the_templates_rule_delivers_matching_events_to_its_function_and_nothing_else() throws Exception {
        assertThat(aws.eventBridgeStandIn().rules()).anySatisfy(r -> {
            assertThat(r.bus()).isEqualTo("CatalogEventBus");
            assertThat(r.targetArns()).containsExactly(aws.functionArn("GenreAlertsFunction") + ":live");
        });
        assertThat(aws.eventBridgeStandIn().awaitDeliveries(Duration.ofSeconds(10))).isTrue();
        received.clear();
        PutEventsResponse response = aws.eventBridge().putEvents(r -> r.entries(
                entry("CatalogEventBus", "madang.catalog", "Performance Scheduled",
                        "{\"performanceId\":\"P1\",\"genre\":\"MUSICAL\"}"),
                entry("CatalogEventBus", "madang.other", "Performance Scheduled", "{\"performanceId\":\"P2\"}"),
                entry("CatalogEventBus", "madang.catalog", "Round Moved", "{\"performanceId\":\"P3\"}"),
                entry("default", "madang.catalog", "Performance Scheduled", "{\"performanceId\":\"P4\"}")));
        assertThat(response.failedEntryCount()).isZero();
        assertThat(response.entries()).allSatisfy(e -> assertThat(e.eventId()).isNotBlank());
        assertThat(aws.eventBridgeStandIn().awaitDeliveries(Duration.ofSeconds(10))).isTrue();
        assertThat(received).singleElement().satisfies(event -> {
            assertThat(event.get("source").asText()).isEqualTo("madang.catalog");
            assertThat(event.get("detail-type").asText()).isEqualTo("Performance Scheduled");
            assertThat(event.get("detail").get("performanceId").asText()).isEqualTo("P1");
            assertThat(event.get("id").asText()).isEqualTo(response.entries().get(0).eventId());
            assertThat(event.get("account").asText()).isEqualTo(LocalAws.ACCOUNT_ID);
        });
        assertThat(aws.eventBridgeStandIn().deliveries()).anySatisfy(d -> assertThat(d.succeeded()).isTrue());
    }

    @Test
    void bad_entries_fail_alone_and_more_than_ten_is_refused() {
        PutEventsResponse response = aws.eventBridge().putEvents(r -> r.entries(
                entry("CatalogEventBus", "madang.catalog", "Sale Opening", "not json"),
                entry("NoSuchBus", "madang.catalog", "Sale Opening", "{}"),
                entry("CatalogEventBus", "madang.catalog", "Sale Opening", "{\"genre\":\"DANCE\"}")));
        assertThat(response.failedEntryCount()).isEqualTo(2);
        assertThat(response.entries().get(0).errorCode()).isEqualTo("MalformedDetail");
        assertThat(response.entries().get(1).errorCode()).isEqualTo("ResourceNotFoundException");
        assertThat(response.entries().get(2).eventId()).isNotBlank();
        List<PutEventsRequestEntry> eleven = java.util.Collections.nCopies(11,
                entry("default", "s", "d", "{}"));
        assertThatThrownBy(() -> aws.eventBridge().putEvents(r -> r.entries(eleven)))
                .isInstanceOfSatisfying(EventBridgeException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));
    }

    @Test
    void patterns_match_literals_nested_fields_prefix_exists_and_anything_but() throws Exception {
        JsonNode event = JSON.readTree("{\"source\":\"madang.catalog\",\"detail-type\":\"Sale Opening\","
                + "\"resources\":[\"r1\",\"r2\"],\"detail\":{\"genre\":\"MUSICAL\",\"seats\":10,\"tags\":[\"a\",\"b\"]}}");
        assertThat(EventBridgeStandIn.matches(JSON.readTree("{\"source\":[\"madang.catalog\"]}"), event)).isTrue();
        assertThat(EventBridgeStandIn.matches(JSON.readTree("{\"source\":[\"x\",\"madang.catalog\"],"
                + "\"detail\":{\"genre\":[\"MUSICAL\"],\"seats\":[10]}}"), event)).isTrue();
        assertThat(EventBridgeStandIn.matches(JSON.readTree("{\"detail\":{\"genre\":[\"DANCE\"]}}"), event)).isFalse();
        assertThat(EventBridgeStandIn.matches(JSON.readTree("{\"detail\":{\"tags\":[\"b\"]}}"), event)).isTrue();
        assertThat(EventBridgeStandIn.matches(JSON.readTree("{\"resources\":[\"r2\"]}"), event)).isTrue();
        assertThat(EventBridgeStandIn.matches(JSON.readTree("{\"source\":[{\"prefix\":\"madang.\"}]}"), event))
                .isTrue();
        assertThat(EventBridgeStandIn.matches(JSON.readTree("{\"detail\":{\"missing\":[{\"exists\":false}],"
                + "\"genre\":[{\"exists\":true}]}}"), event)).isTrue();
        assertThat(EventBridgeStandIn.matches(JSON.readTree("{\"detail\":{\"genre\":[{\"anything-but\":"
                + "[\"MUSICAL\"]}]}}"), event)).isFalse();
        assertThat(EventBridgeStandIn.matches(JSON.readTree("{\"detail\":{\"missing\":[\"x\"]}}"), event)).isFalse();
        assertThatThrownBy(() -> aws.eventBridgeStandIn().addRule(new EventBridgeStandIn.Rule("default", "numeric",
                JSON.readTree("{\"detail\":{\"seats\":[{\"numeric\":[\">\",5]}]}}"), List.of())))
                .hasMessageContaining("not an operator");
    }
}
