package dev.madang.aws.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.domain.order.CloseReason;
import dev.madang.localstack.LocalAws;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payment state machine hands Close Order a reason by name ({@code $.closeReason}, set by its Mark states);
 * {@link PaymentWorkflowTasks} turns that name into a {@link CloseReason}. A name the enum lacks would fail every such close,
 * so the two are checked against each other here, from the real ASL file.
 */
class CloseReasonsMatchTheWorkflowTest {

    @Test
    void every_reason_the_workflow_names_is_a_close_reason_and_the_workflow_names_each_of_its_own() throws IOException {
        Path asl = LocalAws.templatePath().getParent().resolve("statemachines/payment.asl.json");
        JsonNode states = new ObjectMapper().readTree(asl.toFile()).path("States");
        Set<String> named = new TreeSet<>();
        states.fields().forEachRemaining(state -> {
            JsonNode s = state.getValue();
            if ("Pass".equals(s.path("Type").asText()) && "$.closeReason".equals(s.path("ResultPath").asText())) {
                named.add(s.path("Result").asText());
            }
        });
        Set<String> reasons = new TreeSet<>(Arrays.stream(CloseReason.values()).map(Enum::name).toList());
        System.out.println("close reasons named by the workflow: " + named);

        assertThat(reasons).containsAll(named);
        // the two the webhook side writes are the enum's only names the workflow does not use
        Set<String> notFromWorkflow = new TreeSet<>(reasons);
        notFromWorkflow.removeAll(named);
        assertThat(notFromWorkflow).containsExactly("LATE_DEPOSIT", "REFUND_OWED");
    }
}
