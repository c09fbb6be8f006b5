package dev.madang.aws.account;

import dev.madang.domain.account.Account;
import dev.madang.domain.common.DomainException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cancellation reasons the local DynamoDB never produces: on AWS a sign-up that meets another transaction in
 * flight on the same e-mail is cancelled with TransactionConflict (dynalite queues them instead). A stub client
 * answers with scripted cancellations.
 */
class DynamoAccountRegistryConflictTest {

    static final Account ACCOUNT = Account.newUser("01J00000000000000000000000", "fan@example.com",
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$dGFn", Instant.parse("2026-11-26T03:00:00Z"));

    /** Answers each transactWriteItems call with the next scripted outcome: a cancellation, or (null) success. */
    static final class ScriptedDynamo implements DynamoDbClient {

        final List<TransactionCanceledException> script = new ArrayList<>();
        final List<TransactWriteItemsRequest> requests = new ArrayList<>();

        ScriptedDynamo then(String... reasons) {
            script.add(cancelled(reasons));
            return this;
        }

        ScriptedDynamo thenSucceed() {
            script.add(null);
            return this;
        }

        @Override
        public TransactWriteItemsResponse transactWriteItems(Consumer<TransactWriteItemsRequest.Builder> request) {
            TransactWriteItemsRequest.Builder builder = TransactWriteItemsRequest.builder();
            request.accept(builder);
            requests.add(builder.build());
            TransactionCanceledException next = script.remove(0);
            if (next != null) {
                throw next;
            }
            return TransactWriteItemsResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    static TransactionCanceledException cancelled(String... reasons) {
        return TransactionCanceledException.builder().message("Transaction cancelled")
                .cancellationReasons(java.util.Arrays.stream(reasons)
                        .map(r -> CancellationReason.builder().code(r).build()).toList())
                .build();
    }

    @Test
    void a_transaction_conflict_is_retried_and_then_meets_the_other_sign_up_as_email_taken() {
        ScriptedDynamo dynamo = new ScriptedDynamo().then("None", "TransactionConflict")
                .then("None", "ConditionalCheckFailed");

        assertThatThrownBy(() -> new DynamoAccountRegistry(dynamo, "Accounts").create(ACCOUNT))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.type()).isEqualTo("email-taken"));
        assertThat(dynamo.requests).hasSize(2);
    }

    @Test
    void a_transaction_conflict_that_clears_lets_the_sign_up_through() {
        ScriptedDynamo dynamo = new ScriptedDynamo().then("TransactionConflict", "None").thenSucceed();

        new DynamoAccountRegistry(dynamo, "Accounts").create(ACCOUNT);

        assertThat(dynamo.requests).hasSize(2);
        TransactWriteItemsRequest request = dynamo.requests.get(1);
        assertThat(request.transactItems()).hasSize(2).allSatisfy(i ->
                assertThat(i.put().conditionExpression()).isEqualTo("attribute_not_exists(pk)"));
        assertThat(request.transactItems().get(0).put().item().get("pk").s()).isEqualTo("ACCOUNT#" + ACCOUNT.id());
        assertThat(request.transactItems().get(1).put().item().get("pk").s()).isEqualTo("EMAIL#fan@example.com");
    }

    @Test
    void lasting_conflicts_give_up_after_a_few_attempts_and_surface_as_a_dependency_failure() {
        ScriptedDynamo dynamo = new ScriptedDynamo();
        for (int i = 0; i < 6; i++) {
            dynamo.then("None", "TransactionConflict");
        }

        assertThatThrownBy(() -> new DynamoAccountRegistry(dynamo, "Accounts").create(ACCOUNT))
                .isInstanceOf(TransactionCanceledException.class);
        assertThat(dynamo.requests).hasSize(4);
    }

    @Test
    void a_taken_account_id_is_no_email_conflict() {
        ScriptedDynamo dynamo = new ScriptedDynamo().then("ConditionalCheckFailed", "None");

        assertThatThrownBy(() -> new DynamoAccountRegistry(dynamo, "Accounts").create(ACCOUNT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(ACCOUNT.id());
    }
}
