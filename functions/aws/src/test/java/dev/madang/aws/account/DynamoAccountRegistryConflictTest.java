package dev.madang.aws.account;

import dev.madang.domain.account.Account;
import dev.madang.domain.account.Profile;
import dev.madang.domain.account.SocialLink;
import dev.madang.domain.account.VerifiedIdentity;
import dev.madang.domain.common.DomainException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.time.LocalDate;
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

    static final Instant T = Instant.parse("2026-11-26T03:00:00Z");
    static final VerifiedIdentity IDENTITY = new VerifiedIdentity("홍길동", LocalDate.of(1990, 1, 2), null,
            VerifiedIdentity.hashDi("DI-hong"), T);
    /** A verified sign-up: its transaction is the account, then the e-mail, person and verification claims. */
    static final Account ACCOUNT = Account.newUser("01J00000000000000000000000", "fan@example.com",
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$dGFn", T, Profile.empty(), IDENTITY);
    static final String VERIFICATION = "iv-1";

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
        ScriptedDynamo dynamo = new ScriptedDynamo().then("None", "TransactionConflict", "None", "None")
                .then("None", "ConditionalCheckFailed", "None", "None");

        assertThatThrownBy(() -> new DynamoAccountRegistry(dynamo, "Accounts").create(ACCOUNT, VERIFICATION))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.type()).isEqualTo("email-taken"));
        assertThat(dynamo.requests).hasSize(2);
    }

    @Test
    void a_transaction_conflict_that_clears_lets_the_sign_up_through() {
        ScriptedDynamo dynamo = new ScriptedDynamo().then("TransactionConflict", "None", "None", "None").thenSucceed();

        new DynamoAccountRegistry(dynamo, "Accounts").create(ACCOUNT, VERIFICATION);

        assertThat(dynamo.requests).hasSize(2);
        TransactWriteItemsRequest request = dynamo.requests.get(1);
        assertThat(request.transactItems()).hasSize(4).allSatisfy(i ->
                assertThat(i.put().conditionExpression()).isEqualTo("attribute_not_exists(pk)"));
        assertThat(request.transactItems()).extracting(i -> i.put().item().get("pk").s()).containsExactly(
                "ACCOUNT#" + ACCOUNT.id(), "EMAIL#fan@example.com", "PERSON#" + IDENTITY.diHash(), "IDV#iv-1");
        assertThat(request.transactItems().subList(1, 4)).allSatisfy(i ->
                assertThat(i.put().item().get("accountId").s()).isEqualTo(ACCOUNT.id()));
    }

    @Test
    void lasting_conflicts_give_up_after_a_few_attempts_and_surface_as_a_dependency_failure() {
        ScriptedDynamo dynamo = new ScriptedDynamo();
        for (int i = 0; i < 6; i++) {
            dynamo.then("None", "None", "TransactionConflict", "None");
        }

        assertThatThrownBy(() -> new DynamoAccountRegistry(dynamo, "Accounts").create(ACCOUNT, VERIFICATION))
                .isInstanceOf(TransactionCanceledException.class);
        assertThat(dynamo.requests).hasSize(4);
    }

    @Test
    void a_taken_account_id_is_no_email_conflict() {
        ScriptedDynamo dynamo = new ScriptedDynamo().then("ConditionalCheckFailed", "None", "None", "None");

        assertThatThrownBy(() -> new DynamoAccountRegistry(dynamo, "Accounts").create(ACCOUNT, VERIFICATION))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(ACCOUNT.id());
    }

    @Test
    void each_claim_s_failed_condition_is_its_own_conflict_and_the_first_taken_is_reported() {
        record Case(List<String> reasons, String type) {
        }
        for (Case c : List.of(
                new Case(List.of("None", "ConditionalCheckFailed", "None", "None"), "email-taken"),
                new Case(List.of("None", "None", "ConditionalCheckFailed", "None"), "identity-already-linked"),
                new Case(List.of("None", "None", "None", "ConditionalCheckFailed"), "identity-verification-used"),
                new Case(List.of("None", "None", "ConditionalCheckFailed", "ConditionalCheckFailed"),
                        "identity-already-linked"))) {
            ScriptedDynamo dynamo = new ScriptedDynamo().then(c.reasons().toArray(String[]::new));
            assertThatThrownBy(() -> new DynamoAccountRegistry(dynamo, "Accounts").create(ACCOUNT, VERIFICATION))
                    .as(c.reasons().toString()).isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                        assertThat(e.type()).isEqualTo(c.type());
                    });
            assertThat(dynamo.requests).as("a condition is not retried").hasSize(1);
        }
    }

    @Test
    void a_social_account_claims_its_link_and_a_verified_one_needs_its_verification_id() {
        Account social = Account.newSocialUser("01J0000000000000000000000S", new SocialLink("kakao", "k-1"), T,
                Profile.empty());
        ScriptedDynamo dynamo = new ScriptedDynamo().then("None", "ConditionalCheckFailed");
        assertThatThrownBy(() -> new DynamoAccountRegistry(dynamo, "Accounts").create(social, null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.type()).isEqualTo("social-link-taken"));
        assertThat(dynamo.requests.get(0).transactItems()).extracting(i -> i.put().item().get("pk").s())
                .containsExactly("ACCOUNT#" + social.id(), "SOCIAL#kakao#k-1");

        ScriptedDynamo untouched = new ScriptedDynamo();
        DynamoAccountRegistry registry = new DynamoAccountRegistry(untouched, "Accounts");
        assertThatThrownBy(() -> registry.create(ACCOUNT, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> registry.create(social, "iv-1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(untouched.requests).isEmpty();
    }
}
