package dev.madang.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * TransactWriteItems / TransactGetItems as added to dynalite by localstack/patches/dynalite+4.0.0.patch:
 * all-or-nothing, cancellation reasons, validation, idempotency and isolation against concurrent writers.
 */
class DynaliteTransactionsTest {

    /** Hash key {@code pk} (S), GSI {@code byEmail} on {@code email}. */
    private static final String MAIN = "Main";
    /** Hash key {@code pk} (S) and range key {@code sk} (S): a second table for cross-table transactions. */
    private static final String LEDGER = "Ledger";

    private static Dynalite dynalite;
    private static DynamoDbClient ddb;

    @BeforeAll
    static void start() {
        dynalite = Dynalite.start(LocalstackDir.localstackDir());
        ddb = DynamoDbClient.builder()
                .endpointOverride(dynalite.endpoint())
                .region(Region.AP_NORTHEAST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
                .httpClient(UrlConnectionHttpClient.create())
                // a retried request would hide what the server did with the first one
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        ddb.createTable(t -> t.tableName(MAIN)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr("pk"), attr("email"))
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byEmail")
                        .keySchema(KeySchemaElement.builder().attributeName("email").keyType(KeyType.HASH).build())
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build()));
        ddb.createTable(t -> t.tableName(LEDGER)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr("pk"), attr("sk"))
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
    }

    @AfterAll
    static void stop() {
        if (ddb != null) {
            ddb.close();
        }
        if (dynalite != null) {
            dynalite.close();
        }
    }

    // ---------------------------------------------------------------- all or nothing

    @Test
    void allItemsSucceed_allAreWritten_acrossTablesAndIndexes() {
        String id = uid();
        ddb.transactWriteItems(t -> t.transactItems(
                putNew(MAIN, Map.of("pk", s("A#" + id), "email", s(id + "@a.example"))),
                putNew(MAIN, Map.of("pk", s("B#" + id))),
                putNew(LEDGER, Map.of("pk", s("L#" + id), "sk", s("0001"), "amount", n(5)))));

        assertThat(get(MAIN, "A#" + id)).containsEntry("email", s(id + "@a.example"));
        assertThat(get(MAIN, "B#" + id)).isNotNull();
        assertThat(ddb.getItem(g -> g.tableName(LEDGER)
                .key(Map.of("pk", s("L#" + id), "sk", s("0001")))).item()).containsEntry("amount", n(5));
        assertThat(ddb.query(q -> q.tableName(MAIN).indexName("byEmail")
                .keyConditionExpression("email = :e")
                .expressionAttributeValues(Map.of(":e", s(id + "@a.example")))).items())
                .extracting(item -> item.get("pk")).containsExactly(s("A#" + id));
    }

    @Test
    void oneFailedConditionCheck_writesNothing_andReasonsAreInRequestOrder() {
        String id = uid();
        ddb.putItem(p -> p.tableName(MAIN).item(Map.of("pk", s("W#" + id), "n", n(10))));

        TransactionCanceledException e = catchThrowableOfType(TransactionCanceledException.class,
                () -> ddb.transactWriteItems(t -> t.transactItems(
                        putNew(MAIN, Map.of("pk", s("X#" + id))),
                        putNew(LEDGER, Map.of("pk", s("Y#" + id), "sk", s("1"))),
                        TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(MAIN)
                                .key(key("Z#" + id)).conditionExpression("attribute_exists(pk)").build()).build(),
                        TransactWriteItem.builder().update(Update.builder().tableName(MAIN).key(key("W#" + id))
                                .updateExpression("SET n = n + :one")
                                .expressionAttributeValues(Map.of(":one", n(1))).build()).build())));

        assertThat(e).isNotNull();
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.getMessage()).contains("Transaction cancelled, please refer cancellation reasons for specific "
                + "reasons [None, None, ConditionalCheckFailed, None]");
        assertThat(e.cancellationReasons()).extracting(CancellationReason::code)
                .containsExactly("None", "None", "ConditionalCheckFailed", "None");
        assertThat(e.cancellationReasons().get(2).message()).isEqualTo("The conditional request failed");
        assertThat(e.cancellationReasons().get(0).message()).isNull();

        assertThat(get(MAIN, "X#" + id)).isNull();
        assertThat(ddb.getItem(g -> g.tableName(LEDGER).key(Map.of("pk", s("Y#" + id), "sk", s("1")))).hasItem())
                .isFalse();
        assertThat(get(MAIN, "W#" + id)).containsEntry("n", n(10));
    }

    @Test
    void returnValuesOnConditionCheckFailure_allOld_returnsTheItemInTheReason() {
        String id = uid();
        Map<String, AttributeValue> existing = Map.of("pk", s("R#" + id), "state", s("HELD"));
        ddb.putItem(p -> p.tableName(MAIN).item(existing));

        TransactionCanceledException e = catchThrowableOfType(TransactionCanceledException.class,
                () -> ddb.transactWriteItems(t -> t.transactItems(
                        putNew(MAIN, Map.of("pk", s("S#" + id))),
                        TransactWriteItem.builder().update(Update.builder().tableName(MAIN).key(key("R#" + id))
                                .updateExpression("SET #s = :sold")
                                .conditionExpression("#s = :free")
                                .expressionAttributeNames(Map.of("#s", "state"))
                                .expressionAttributeValues(Map.of(":sold", s("SOLD"), ":free", s("FREE")))
                                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                                .build()).build())));

        assertThat(e.cancellationReasons()).extracting(CancellationReason::code)
                .containsExactly("None", "ConditionalCheckFailed");
        assertThat(e.cancellationReasons().get(1).item()).isEqualTo(existing);
        assertThat(e.cancellationReasons().get(0).hasItem()).isFalse();
        assertThat(get(MAIN, "S#" + id)).isNull();
        assertThat(get(MAIN, "R#" + id)).isEqualTo(existing);
    }

    @Test
    void putUpdateAndDeleteMixed_withConditions() {
        String id = uid();
        ddb.putItem(p -> p.tableName(MAIN).item(Map.of("pk", s("U#" + id), "n", n(1), "tmp", s("x"),
                "email", s("old-" + id + "@a.example"))));
        ddb.putItem(p -> p.tableName(MAIN).item(Map.of("pk", s("D#" + id), "state", s("EXPIRED"))));

        ddb.transactWriteItems(t -> t.transactItems(
                putNew(MAIN, Map.of("pk", s("P#" + id), "v", s("new"))),
                TransactWriteItem.builder().update(Update.builder().tableName(MAIN).key(key("U#" + id))
                        .updateExpression("SET n = n + :two, email = :e, tags = list_append(if_not_exists(tags, :empty), :t) REMOVE tmp")
                        .conditionExpression("n = :one")
                        .expressionAttributeValues(Map.of(":one", n(1), ":two", n(2), ":e", s("new-" + id + "@a.example"),
                                ":empty", AttributeValue.fromL(List.of()), ":t", AttributeValue.fromL(List.of(s("vip")))))
                        .build()).build(),
                TransactWriteItem.builder().delete(Delete.builder().tableName(MAIN).key(key("D#" + id))
                        .conditionExpression("#s = :expired")
                        .expressionAttributeNames(Map.of("#s", "state"))
                        .expressionAttributeValues(Map.of(":expired", s("EXPIRED"))).build()).build(),
                // an Update of a missing item creates it, as UpdateItem does
                TransactWriteItem.builder().update(Update.builder().tableName(MAIN).key(key("C#" + id))
                        .updateExpression("ADD hits :one")
                        .expressionAttributeValues(Map.of(":one", n(1))).build()).build()));

        assertThat(get(MAIN, "P#" + id)).containsEntry("v", s("new"));
        assertThat(get(MAIN, "U#" + id))
                .containsEntry("n", n(3))
                .containsEntry("tags", AttributeValue.fromL(List.of(s("vip"))))
                .doesNotContainKey("tmp");
        assertThat(get(MAIN, "D#" + id)).isNull();
        assertThat(get(MAIN, "C#" + id)).containsEntry("hits", n(1));
        // the GSI followed the update
        assertThat(queryEmail("old-" + id + "@a.example")).isEmpty();
        assertThat(queryEmail("new-" + id + "@a.example")).hasSize(1);
    }

    @Test
    void updateThatFailsAtRunTime_cancelsWithValidationErrorReason() {
        String id = uid();
        ddb.putItem(p -> p.tableName(MAIN).item(Map.of("pk", s("T#" + id), "n", s("not a number"))));

        TransactionCanceledException e = catchThrowableOfType(TransactionCanceledException.class,
                () -> ddb.transactWriteItems(t -> t.transactItems(
                        putNew(MAIN, Map.of("pk", s("T2#" + id))),
                        TransactWriteItem.builder().update(Update.builder().tableName(MAIN).key(key("T#" + id))
                                .updateExpression("SET n = n + :one")
                                .expressionAttributeValues(Map.of(":one", n(1))).build()).build())));

        assertThat(e.cancellationReasons()).extracting(CancellationReason::code)
                .containsExactly("None", "ValidationError");
        assertThat(get(MAIN, "T2#" + id)).isNull();
    }

    // ---------------------------------------------------------------- the sign-up pattern

    @Test
    void uniqueEmail_secondSignUpWithSameEmailFailsEntirely() {
        String email = uid() + "@same.example";
        String first = uid();
        String second = uid();

        signUp(email, first);
        TransactionCanceledException e = catchThrowableOfType(TransactionCanceledException.class,
                () -> signUp(email, second));

        assertThat(e.cancellationReasons()).extracting(CancellationReason::code)
                .containsExactly("ConditionalCheckFailed", "None");
        assertThat(get(MAIN, "EMAIL#" + email)).containsEntry("userId", s(first));
        assertThat(get(MAIN, "USER#" + first)).containsEntry("email", s(email));
        assertThat(get(MAIN, "USER#" + second)).isNull();
    }

    @Test
    @Timeout(60)
    void raceOnOneEmail_exactlyOneOf32SignUpsWins() throws Exception {
        String email = uid() + "@race.example";
        int threads = 32;
        List<String> userIds = IntStream.range(0, threads).mapToObj(i -> uid()).toList();
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger won = new AtomicInteger();
        AtomicInteger lostOnEmail = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (String userId : userIds) {
                futures.add(pool.submit(() -> {
                    go.await();
                    try {
                        signUp(email, userId);
                        won.incrementAndGet();
                    } catch (TransactionCanceledException e) {
                        if (e.cancellationReasons().get(0).code().equals("ConditionalCheckFailed")
                                && e.cancellationReasons().get(1).code().equals("None")) {
                            lostOnEmail.incrementAndGet();
                        } else {
                            unexpected.add(e);
                        }
                    } catch (RuntimeException e) {
                        unexpected.add(e);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(55, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(unexpected).isEmpty();
        assertThat(won.get()).isEqualTo(1);
        assertThat(lostOnEmail.get()).isEqualTo(threads - 1);
        String winner = get(MAIN, "EMAIL#" + email).get("userId").s();
        for (String userId : userIds) {
            if (userId.equals(winner)) {
                assertThat(get(MAIN, "USER#" + userId)).containsEntry("email", s(email));
            } else {
                assertThat(get(MAIN, "USER#" + userId)).as("user %s lost the race", userId).isNull();
            }
        }
    }

    // ---------------------------------------------------------------- TransactGetItems

    @Test
    void transactGetItems_returnsItemsInRequestOrder_emptyForMissing_withProjection() {
        String id = uid();
        ddb.putItem(p -> p.tableName(MAIN).item(Map.of("pk", s("G1#" + id), "v", s("one"), "w", s("x"))));
        ddb.putItem(p -> p.tableName(LEDGER).item(Map.of("pk", s("G2#" + id), "sk", s("a"), "v", s("two"))));

        List<ItemResponse> responses = ddb.transactGetItems(t -> t.transactItems(
                getItem(LEDGER, Map.of("pk", s("G2#" + id), "sk", s("a"))),
                getItem(MAIN, key("G-missing#" + id)),
                TransactGetItem.builder().get(Get.builder().tableName(MAIN).key(key("G1#" + id))
                        .projectionExpression("#v").expressionAttributeNames(Map.of("#v", "v")).build()).build()))
                .responses();

        assertThat(responses).hasSize(3);
        assertThat(responses.get(0).item()).containsEntry("v", s("two"));
        assertThat(responses.get(1).hasItem()).isFalse();
        assertThat(responses.get(2).item()).isEqualTo(Map.of("v", s("one")));
    }

    // ---------------------------------------------------------------- request validation

    @Test
    void sameItemTwice_isAValidationException() {
        String id = uid();
        assertThatThrownBy(() -> ddb.transactWriteItems(t -> t.transactItems(
                putNew(MAIN, Map.of("pk", s("DUP#" + id))),
                TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(MAIN)
                        .key(key("DUP#" + id)).conditionExpression("attribute_not_exists(pk)").build()).build())))
                .isInstanceOfSatisfying(DynamoDbException.class, DynaliteTransactionsTest::isValidationException)
                .hasMessageContaining("Transaction request cannot include multiple operations on one item");
        assertThat(get(MAIN, "DUP#" + id)).isNull();

        assertThatThrownBy(() -> ddb.transactGetItems(t -> t.transactItems(
                getItem(MAIN, key("DUP#" + id)), getItem(MAIN, key("DUP#" + id)))))
                .isInstanceOfSatisfying(DynamoDbException.class, DynaliteTransactionsTest::isValidationException)
                .hasMessageContaining("Transaction request cannot include multiple operations on one item");
    }

    @Test
    void moreThan100Items_isAValidationException_100IsFine() {
        String id = uid();
        List<TransactWriteItem> items = IntStream.range(0, 101)
                .mapToObj(i -> putNew(MAIN, Map.of("pk", s("MANY#" + id + "#" + i))))
                .toList();

        assertThatThrownBy(() -> ddb.transactWriteItems(t -> t.transactItems(items)))
                .isInstanceOfSatisfying(DynamoDbException.class, DynaliteTransactionsTest::isValidationException)
                .hasMessageContaining("at 'transactItems' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 100");
        assertThat(get(MAIN, "MANY#" + id + "#0")).isNull();

        ddb.transactWriteItems(t -> t.transactItems(items.subList(0, 100)));
        assertThat(get(MAIN, "MANY#" + id + "#99")).isNotNull();
        assertThat(get(MAIN, "MANY#" + id + "#100")).isNull();
    }

    @Test
    void missingTable_isResourceNotFound_andNothingIsWritten() {
        String id = uid();
        assertThatThrownBy(() -> ddb.transactWriteItems(t -> t.transactItems(
                putNew(MAIN, Map.of("pk", s("NT#" + id))),
                putNew("NoSuchTable", Map.of("pk", s("NT#" + id))))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(get(MAIN, "NT#" + id)).isNull();
    }

    @Test
    void moreThanOneOperationInOneTransactItem_isAValidationException() {
        String id = uid();
        assertThatThrownBy(() -> ddb.transactWriteItems(t -> t.transactItems(TransactWriteItem.builder()
                .put(Put.builder().tableName(MAIN).item(key("TWO#" + id)).build())
                .delete(Delete.builder().tableName(MAIN).key(key("TWO#" + id)).build())
                .build())))
                .isInstanceOfSatisfying(DynamoDbException.class, DynaliteTransactionsTest::isValidationException);
        assertThat(get(MAIN, "TWO#" + id)).isNull();
    }

    @Test
    void clientRequestToken_repeatIsANoOp_differentParametersAreRejected() {
        String id = uid();
        ddb.putItem(p -> p.tableName(MAIN).item(Map.of("pk", s("TOK#" + id), "n", n(0))));
        TransactWriteItem increment = TransactWriteItem.builder().update(Update.builder().tableName(MAIN)
                .key(key("TOK#" + id)).updateExpression("ADD n :one")
                .expressionAttributeValues(Map.of(":one", n(1))).build()).build();
        String token = UUID.randomUUID().toString();

        ddb.transactWriteItems(t -> t.clientRequestToken(token).transactItems(increment));
        ddb.transactWriteItems(t -> t.clientRequestToken(token).transactItems(increment));
        assertThat(get(MAIN, "TOK#" + id)).containsEntry("n", n(1));

        assertThatThrownBy(() -> ddb.transactWriteItems(t -> t.clientRequestToken(token)
                .transactItems(putNew(MAIN, Map.of("pk", s("TOK2#" + id))))))
                .isInstanceOf(IdempotentParameterMismatchException.class);
        assertThat(get(MAIN, "TOK2#" + id)).isNull();

        // without a token of its own the SDK generates a fresh one per call: both apply
        ddb.transactWriteItems(t -> t.transactItems(increment));
        ddb.transactWriteItems(t -> t.transactItems(increment));
        assertThat(get(MAIN, "TOK#" + id)).containsEntry("n", n(3));
    }

    // ---------------------------------------------------------------- isolation

    /**
     * 16 threads move one unit at a time between two counters with transactions (in both directions, so the
     * requests name the items in both orders), 4 threads do conditional single-item UpdateItems on the same two
     * items (a read-modify-write of another attribute: a lock-free transaction would lose their writes or they
     * would overwrite the transaction's), and 4 threads read both counters with TransactGetItems. Every read
     * and the final state must show A + B unchanged, and the final counters must match the count of successful
     * moves exactly.
     */
    @Test
    @Timeout(60) // a deadlock would hang forever; the test takes 3-15 s depending on machine load
    void concurrentTransactionsPlainWritesAndReads_neverSeeAHalfAppliedTransaction() throws Exception {
        String id = uid();
        String a = "CNT-A#" + id;
        String b = "CNT-B#" + id;
        int start = 4; // small, so that moves out of an empty counter get cancelled and the failure path runs
        ddb.putItem(p -> p.tableName(MAIN).item(Map.of("pk", s(a), "n", n(start), "touches", n(0))));
        ddb.putItem(p -> p.tableName(MAIN).item(Map.of("pk", s(b), "n", n(start), "touches", n(0))));

        int movers = 16;
        int movesPerThread = 20;
        int touchers = 4;
        int touchesPerThread = 30;
        int readers = 4;

        AtomicInteger movedAtoB = new AtomicInteger();
        AtomicInteger movedBtoA = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        AtomicInteger touched = new AtomicInteger();
        AtomicInteger touchRejected = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        AtomicBoolean writersDone = new AtomicBoolean();
        CountDownLatch go = new CountDownLatch(1);

        ExecutorService pool = Executors.newFixedThreadPool(movers + touchers + readers);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < movers; t++) {
                writers.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < movesPerThread; i++) {
                        boolean aToB = ThreadLocalRandom.current().nextBoolean();
                        String from = aToB ? a : b;
                        String to = aToB ? b : a;
                        try {
                            ddb.transactWriteItems(tx -> tx.transactItems(
                                    TransactWriteItem.builder().update(Update.builder().tableName(MAIN).key(key(from))
                                            .updateExpression("SET n = n - :one")
                                            .conditionExpression("n >= :one")
                                            .expressionAttributeValues(Map.of(":one", n(1))).build()).build(),
                                    TransactWriteItem.builder().update(Update.builder().tableName(MAIN).key(key(to))
                                            .updateExpression("SET n = n + :one")
                                            .conditionExpression("attribute_exists(n)")
                                            .expressionAttributeValues(Map.of(":one", n(1))).build()).build()));
                            (aToB ? movedAtoB : movedBtoA).incrementAndGet();
                        } catch (TransactionCanceledException e) {
                            List<String> codes = e.cancellationReasons().stream().map(CancellationReason::code).toList();
                            if (codes.equals(List.of("ConditionalCheckFailed", "None"))) {
                                cancelled.incrementAndGet();
                            } else {
                                unexpected.add(e);
                            }
                        } catch (RuntimeException e) {
                            unexpected.add(e);
                        }
                    }
                    return null;
                }));
            }
            for (int t = 0; t < touchers; t++) {
                writers.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < touchesPerThread; i++) {
                        String target = ThreadLocalRandom.current().nextBoolean() ? a : b;
                        try {
                            // conditional single-item write racing with the transactions on the same item
                            ddb.updateItem(u -> u.tableName(MAIN).key(key(target))
                                    .updateExpression("SET touches = touches + :one")
                                    .conditionExpression("n >= :zero")
                                    .expressionAttributeValues(Map.of(":one", n(1), ":zero", n(0))));
                            touched.incrementAndGet();
                        } catch (ConditionalCheckFailedException e) {
                            touchRejected.incrementAndGet();
                        } catch (RuntimeException e) {
                            unexpected.add(e);
                        }
                    }
                    return null;
                }));
            }
            List<Future<?>> readerFutures = new ArrayList<>();
            for (int t = 0; t < readers; t++) {
                readerFutures.add(pool.submit(() -> {
                    go.await();
                    while (!writersDone.get()) {
                        try {
                            List<ItemResponse> r = ddb.transactGetItems(g -> g.transactItems(
                                    getItem(MAIN, key(a)), getItem(MAIN, key(b)))).responses();
                            long na = Long.parseLong(r.get(0).item().get("n").n());
                            long nb = Long.parseLong(r.get(1).item().get("n").n());
                            reads.incrementAndGet();
                            if (na + nb != 2L * start || na < 0 || nb < 0) {
                                violations.add("read A=" + na + " B=" + nb);
                            }
                        } catch (RuntimeException e) {
                            unexpected.add(e);
                        }
                    }
                    return null;
                }));
            }

            go.countDown();
            for (Future<?> f : writers) {
                f.get(55, TimeUnit.SECONDS);
            }
            writersDone.set(true);
            for (Future<?> f : readerFutures) {
                f.get(5, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(unexpected).isEmpty();
        assertThat(violations).isEmpty();

        int moves = movedAtoB.get() + movedBtoA.get();
        assertThat(moves + cancelled.get()).isEqualTo(movers * movesPerThread);
        assertThat(moves).as("successful moves").isPositive();
        assertThat(cancelled.get()).as("moves cancelled because the source was empty").isPositive();
        assertThat(reads.get()).as("transactional reads").isPositive();
        assertThat(touched.get()).isEqualTo(touchers * touchesPerThread);
        assertThat(touchRejected.get()).isZero();

        Map<String, AttributeValue> finalA = get(MAIN, a);
        Map<String, AttributeValue> finalB = get(MAIN, b);
        long na = Long.parseLong(finalA.get("n").n());
        long nb = Long.parseLong(finalB.get("n").n());
        assertThat(na + nb).isEqualTo(2L * start);
        // no transaction was lost or applied twice
        assertThat(na).isEqualTo(start - movedAtoB.get() + movedBtoA.get());
        // and no single-item write was lost under the transactions
        assertThat(Long.parseLong(finalA.get("touches").n()) + Long.parseLong(finalB.get("touches").n()))
                .isEqualTo(touched.get());
        System.err.printf("isolation: %d moves (%d A->B, %d B->A), %d cancelled, %d plain updates, %d reads%n",
                moves, movedAtoB.get(), movedBtoA.get(), cancelled.get(), touched.get(), reads.get());
    }

    // ---------------------------------------------------------------- the launcher

    @Test
    void start_withoutNodeModules_failsNamingNpmCi(@TempDir Path emptyDir) {
        assertThatThrownBy(() -> Dynalite.start(emptyDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("npm ci --prefix localstack");
    }

    @Test
    void close_stopsTheServer() {
        Dynalite second = Dynalite.start(LocalstackDir.localstackDir());
        URI endpoint = second.endpoint();
        assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
        assertThat(canConnect(endpoint)).isTrue();
        second.close();
        assertThat(canConnect(endpoint)).isFalse();
        second.close(); // idempotent
    }

    private static boolean canConnect(URI endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void isValidationException(DynamoDbException e) {
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(e.statusCode()).isEqualTo(400);
    }

    private static void signUp(String email, String userId) {
        ddb.transactWriteItems(t -> t.transactItems(
                putNew(MAIN, Map.of("pk", s("EMAIL#" + email), "userId", s(userId))),
                putNew(MAIN, Map.of("pk", s("USER#" + userId), "email", s(email)))));
    }

    private static TransactWriteItem putNew(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    private static TransactGetItem getItem(String table, Map<String, AttributeValue> key) {
        return TransactGetItem.builder().get(Get.builder().tableName(table).key(key).build()).build();
    }

    private static Map<String, AttributeValue> get(String table, String pk) {
        var response = ddb.getItem(g -> g.tableName(table).key(key(pk)).consistentRead(true));
        return response.hasItem() ? response.item() : null;
    }

    private static List<Map<String, AttributeValue>> queryEmail(String email) {
        return ddb.query(q -> q.tableName(MAIN).indexName("byEmail").keyConditionExpression("email = :e")
                .expressionAttributeValues(Map.of(":e", s(email)))).items();
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", s(pk));
    }

    private static AttributeDefinition attr(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static String uid() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
