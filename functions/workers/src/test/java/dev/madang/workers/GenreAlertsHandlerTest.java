package dev.madang.workers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.aws.alerts.DynamoGenreFollows;
import dev.madang.domain.catalog.Genre;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The genre fan-out given the catalog bus's event (src/test/resources/events/catalog-sale-opening.json), wired by
 * {@link WorkerBeans}: every follower of the genre, read in pages, gets one GENRE_SALE_OPENING message; nobody else.
 */
class GenreAlertsHandlerTest extends WorkerFixture {

    static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void a_sale_opening_tells_every_follower_of_the_genre_once_and_nobody_else() throws Exception {
        String queue = aws.queueUrl("NotificationQueue");
        DynamoGenreFollows follows = new DynamoGenreFollows(aws.dynamo(), aws.tableName("AlertsTable"));
        List<String> followers = new ArrayList<>();
        for (int i = 0; i < 1_203; i++) { // more than two pages of followers
            followers.add("classical-fan-" + i);
            follows.follow("classical-fan-" + i, Genre.CLASSICAL, Instant.now());
        }
        follows.follow("dance-fan", Genre.DANCE, Instant.now());
        GenreAlertsHandler handler = new GenreAlertsHandler(new WorkerBeans().genreAlerts(aws.dynamo(), aws.sqs(),
                aws.tableName("AlertsTable"), queue));

        Map<String, Object> result = handler.handleRequest(event("catalog-sale-opening.json"), null);

        assertThat(result).containsEntry("told", 1_203).containsEntry("detailType", "Sale Opening");
        List<JsonNode> messages = new ArrayList<>();
        for (List<Message> batch; !(batch = aws.sqs().receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)
                .waitTimeSeconds(0)).messages()).isEmpty(); ) {
            for (Message m : batch) {
                messages.add(MAPPER.readTree(m.body()));
                aws.sqs().deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle()));
            }
        }
        List<JsonNode> mine = messages.stream().filter(m -> m.path("type").asText().equals("GENRE_SALE_OPENING"))
                .toList();
        assertThat(mine).extracting(m -> m.get("accountId").asText()).containsExactlyInAnyOrderElementsOf(followers);
        assertThat(mine).allSatisfy(m -> {
            assertThat(m.get("performanceId").asText()).isEqualTo("01JEXAMPLEPERFORMANCE00000");
            assertThat(m.get("genre").asText()).isEqualTo("CLASSICAL");
            assertThat(m.get("opensAt").asText()).isEqualTo("2026-12-20T11:00:00Z");
        });

        Map<String, Object> other = new java.util.HashMap<>(event("catalog-sale-opening.json"));
        other.put("detail-type", "Round Moved");
        assertThatThrownBy(() -> handler.handleRequest(other, null)).hasMessageContaining("not a catalog announcement");
    }
}
