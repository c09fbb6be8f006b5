package dev.madang.aws.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.madang.domain.common.BusinessMetrics;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Business metrics as CloudWatch Embedded Metric Format lines: a Lambda function's stdout goes to CloudWatch Logs,
 * which turns each such JSON line into metric values in the {@value #NAMESPACE} namespace, with no API call and no
 * added latency on the request.
 *
 * <p>Every value is published without dimensions (what a dashboard or an alarm watches) and, when the
 * call names dimensions, also with all of them (e.g. {@code RoundId}); dimension values also stay in the line as
 * searchable log fields.
 */
public final class EmbeddedMetricFormat implements BusinessMetrics {

    public static final String NAMESPACE = "Madang";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Consumer<String> out;
    private final Clock clock;

    public EmbeddedMetricFormat(Consumer<String> out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** Lines on the process's stdout, where Lambda collects them. */
    public static EmbeddedMetricFormat onStdout() {
        PrintStream stdout = System.out;
        return new EmbeddedMetricFormat(stdout::println, Clock.systemUTC());
    }

    @Override
    public void record(Metric metric, double value, Map<String, String> dimensions) {
        out.accept(line(metric, value, dimensions));
    }

    String line(Metric metric, double value, Map<String, String> dimensions) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode directive = root.putObject("_aws").put("Timestamp", clock.millis())
                .putArray("CloudWatchMetrics").addObject().put("Namespace", NAMESPACE);
        ArrayNode dimensionSets = directive.putArray("Dimensions");
        dimensionSets.addArray(); // the plain metric
        Map<String, String> sorted = new TreeMap<>(dimensions);
        if (!sorted.isEmpty()) {
            ArrayNode all = dimensionSets.addArray();
            sorted.forEach((name, dimensionValue) -> {
                all.add(name);
                root.put(name, dimensionValue);
            });
        }
        directive.putArray("Metrics").addObject().put("Name", metric.name()).put("Unit", "Count");
        root.put(metric.name(), value);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an EMF line could not be written", e);
        }
    }
}
