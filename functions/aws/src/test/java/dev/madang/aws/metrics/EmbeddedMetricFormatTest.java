package dev.madang.aws.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.domain.common.BusinessMetrics.Metric;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The lines CloudWatch reads: one JSON object per value, with the EMF directive under {@code _aws}. */
class EmbeddedMetricFormatTest {

    static final Instant NOW = Instant.parse("2026-12-04T11:00:00Z");
    final List<String> lines = new ArrayList<>();
    final EmbeddedMetricFormat metrics = new EmbeddedMetricFormat(lines::add, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void a_plain_count_is_one_dimensionless_metric_in_the_madang_namespace() throws Exception {
        metrics.record(Metric.OrdersPaid, 1);

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).doesNotContain("\n");
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        assertThat(line.path("_aws").path("Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
        JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("Madang");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[]]");
        assertThat(directive.path("Metrics").toString()).isEqualTo("[{\"Name\":\"OrdersPaid\",\"Unit\":\"Count\"}]");
        assertThat(line.path("OrdersPaid").asDouble()).isEqualTo(1.0);
    }

    @Test
    void dimensions_add_a_second_dimension_set_and_their_values_as_fields() throws Exception {
        metrics.record(Metric.WaitingRoomLength, 1234, Map.of("RoundId", "R1"));

        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[],[\"RoundId\"]]");
        assertThat(directive.path("Metrics").get(0).path("Name").asText()).isEqualTo("WaitingRoomLength");
        assertThat(line.path("RoundId").asText()).isEqualTo("R1");
        assertThat(line.path("WaitingRoomLength").asDouble()).isEqualTo(1234.0);
    }
}
