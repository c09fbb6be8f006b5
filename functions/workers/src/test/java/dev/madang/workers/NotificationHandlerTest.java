package dev.madang.workers;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.aws.account.DynamoAccounts;
import dev.madang.domain.account.Account;
import dev.madang.domain.account.Profile;
import dev.madang.domain.common.Ids;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notification consumer given Lambda's SQS event (src/test/resources/events/sqs-notifications.json), wired by
 * {@link WorkerBeans} on DynamoDB and the SES stand-in: the known message is delivered, the unknown one is answered as
 * a batch item failure, and the same event again sends no second e-mail.
 */
class NotificationHandlerTest extends WorkerFixture {

    @Test
    void delivers_what_it_knows_reports_what_it_does_not_and_delivers_once() throws Exception {
        String accountId = new Ids(Clock.systemUTC()).next();
        String email = "worker-" + accountId.toLowerCase() + "@example.com";
        new DynamoAccounts(aws.dynamo(), aws.tableName("AccountsTable")).accounts().create(Account.newUser(accountId,
                email, "hash", Instant.now(), Profile.empty(), null), null);
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> event = json.readValue(json.writeValueAsString(event("sqs-notifications.json"))
                .replace("ACCOUNT_ID", accountId), new TypeReference<>() { });
        WorkerBeans beans = new WorkerBeans();
        NotificationHandler handler = new NotificationHandler(beans.delivering(aws.dynamo(), aws.ses(),
                aws.functionEnvironment("NotificationFunction").get("NOTIFICATION_SENDER"),
                aws.tableName("AccountsTable"), aws.tableName("CatalogTable"), aws.tableName("SeatsTable"),
                aws.tableName("OrdersTable")));

        Map<String, Object> first = handler.handleRequest(event, null);
        Map<String, Object> again = handler.handleRequest(event, null);

        List<Map<String, String>> expected = List.of(Map.of("itemIdentifier", "8d6f3c2a-1b4e-4f0a-9a51-6b1f0c0f2a02"));
        assertThat(first).containsEntry("batchItemFailures", expected);
        assertThat(again).containsEntry("batchItemFailures", expected);
        assertThat(aws.sesStandIn().messagesTo(email)).singleElement()
                .satisfies(m -> assertThat(m.subject()).startsWith("예매가 확정되었습니다"));
    }
}
