package dev.madang.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the local AWS stack, provisions the repository's template.yaml and the fixture template
 * (src/test/resources/fixture), and checks what the engines now hold.
 */
class TemplateProvisionerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static LocalAws aws;
    static Path fixture;

    @BeforeAll
    static void startAndProvision() throws URISyntaxException {
        fixture = Path.of(TemplateProvisionerTest.class.getResource("/fixture/template.yaml").toURI());
        long started = System.nanoTime();
        aws = LocalAws.start();
        long provisioning = System.nanoTime();
        aws.provision(LocalAws.templatePath()).provision(fixture);
        System.err.printf("LocalAws started in %d ms, both templates provisioned in %d ms%n",
                (provisioning - started) / 1_000_000, (System.nanoTime() - provisioning) / 1_000_000);
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    // --------------------------------------------------------------------------------------------------
    // the real template
    // --------------------------------------------------------------------------------------------------

    @Test
    void creates_the_catalog_table_with_its_keys_and_index() {
        TableDescription t = aws.dynamo().describeTable(r -> r.tableName(aws.tableName("CatalogTable"))).table();
        assertThat(t.tableName()).isEqualTo("CatalogTable");
        assertThat(t.keySchema()).containsExactly(key("pk", KeyType.HASH), key("sk", KeyType.RANGE));
        assertThat(t.globalSecondaryIndexes()).singleElement().satisfies(gsi -> {
            assertThat(gsi.indexName()).isEqualTo("gsi1");
            assertThat(gsi.keySchema()).containsExactly(key("gsi1pk", KeyType.HASH), key("gsi1sk", KeyType.RANGE));
            assertThat(gsi.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        });
        if (t.billingModeSummary() != null) {
            assertThat(t.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        }
    }

    @Test
    void creates_the_seats_table_and_records_the_ttl_it_cannot_apply() {
        TableDescription t = aws.dynamo().describeTable(r -> r.tableName("SeatsTable")).table();
        assertThat(t.keySchema()).containsExactly(key("pk", KeyType.HASH), key("sk", KeyType.RANGE));
        assertThat(t.globalSecondaryIndexes()).isEmpty();
        TemplateProvisioner.Provisioned real = provisionedFrom(LocalAws.templatePath());
        assertThat(real.timeToLiveAttributes()).containsOnly(Map.entry("SeatsTable", "expiresAtEpoch"),
                Map.entry("AccountsTable", "expiresAtEpoch"), Map.entry("WaitingRoomTable", "expiresAtEpoch"),
                Map.entry("CommunityTable", "expiresAtEpoch"), Map.entry("AlertsTable", "expiresAtEpoch"));
        assertThat(real.notApplied()).anySatisfy(line -> assertThat(line).startsWith("SeatsTable: TimeToLive"));
    }

    @Test
    void creates_the_notification_queue_with_its_dead_letter_queue() {
        String url = aws.queueUrl("NotificationQueue");
        assertThat(url).isEqualTo(aws.sqsEndpoint() + "/000000000000/NotificationQueue");
        Map<String, String> attributes = aws.sqs().getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
        assertThat(attributes).containsEntry("VisibilityTimeout", "60")
                .containsEntry("QueueArn", "arn:aws:sqs:ap-northeast-2:000000000000:NotificationQueue");
        JsonNode redrive = json(attributes.get("RedrivePolicy"));
        assertThat(redrive.get("deadLetterTargetArn").asText())
                .isEqualTo("arn:aws:sqs:ap-northeast-2:000000000000:NotificationDeadLetterQueue");
        assertThat(redrive.get("maxReceiveCount").asInt()).isEqualTo(5);
        assertThat(aws.queueUrl("NotificationDeadLetterQueue")).endsWith("/NotificationDeadLetterQueue");
    }

    @Test
    void creates_the_web_bucket_and_records_what_it_cannot_apply() {
        assertThat(aws.bucketName("WebBucket")).as("S3 allows no capitals").isEqualTo("webbucket");
        aws.s3().headBucket(r -> r.bucket("webbucket"));
        TemplateProvisioner.Provisioned real = provisionedFrom(LocalAws.templatePath());
        assertThat(real.notApplied())
                .anySatisfy(line -> assertThat(line).startsWith("webbucket: BucketEncryption not applied"))
                .anySatisfy(line -> assertThat(line).startsWith("webbucket: PublicAccessBlockConfiguration"))
                .anySatisfy(line -> assertThat(line).startsWith("webbucket: VersioningConfiguration not applied"))
                .anySatisfy(line -> assertThat(line).startsWith("WebBucketPolicy: bucket policy not enforced"))
                .anySatisfy(line -> assertThat(line).startsWith("WebOriginAccessControl: origin access control"))
                .anySatisfy(line -> assertThat(line).startsWith("WebDistribution: not provisioned"));
        assertThat(real.resolver().resolve(new SamTemplate.GetAtt("WebBucket", "RegionalDomainName")))
                .isEqualTo("webbucket.s3.ap-northeast-2.amazonaws.com");
        assertThat(real.resolver().resolve(new SamTemplate.Ref("WebBucket"))).isEqualTo("webbucket");
    }

    @Test
    void resolves_a_functions_environment_to_local_values() {
        Map<String, String> env = aws.functionEnvironment("GetRoundFunction");
        assertThat(env).containsEntry("CATALOG_TABLE", "CatalogTable")
                .containsEntry("SEATS_TABLE", "SeatsTable")
                .containsEntry("NOTIFICATION_QUEUE_URL", aws.queueUrl("NotificationQueue"))
                .containsEntry("QUARKUS_PROFILE", "prod")
                .containsEntry("JWT_AUDIENCE", "madang-api")
                .as("JwtIssuer (which the JWKS location is made from too) has no default and was given no value")
                .doesNotContainKeys("JWT_ISSUER", "MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        assertThat(aws.functionEnvironment("RefreshSeatMapsFunction"))
                .containsEntry("QUARKUS_LAMBDA_HANDLER", "refreshSeatMaps")
                .containsEntry("SEATS_TABLE", "SeatsTable");
    }

    @Test
    void the_api_environment_is_the_union_of_the_api_functions_plus_endpoints() {
        Map<String, String> env = aws.apiEnvironment();
        assertThat(env).containsEntry("CATALOG_TABLE", "CatalogTable")
                .containsEntry("NOTIFICATION_QUEUE_URL", aws.queueUrl("NotificationQueue"))
                .containsEntry(LocalAws.ENDPOINT_DYNAMODB, aws.dynamoEndpoint().toString())
                .containsEntry(LocalAws.ENDPOINT_SQS, aws.sqsEndpoint().toString())
                .containsEntry(LocalAws.ENDPOINT_SFN, aws.sfnEndpoint().toString())
                .containsEntry("AWS_REGION", "ap-northeast-2")
                .containsKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")
                .doesNotContainKeys("QUARKUS_LAMBDA_HANDLER", "FIXTURE_TABLE");
    }

    @Test
    void parameter_values_reach_the_environment() {
        SamTemplate template = SamTemplate.load(LocalAws.templatePath());
        try {
            TemplateProvisioner.Provisioned p = aws.provision(template, Map.of(
                    "JwtIssuer", "http://127.0.0.1:1/issuer", "SigningKeysSecretArn", "arn:keys"));
            assertThat(p.functionEnvironment("AdminVenuesFunction"))
                    .containsEntry("JWT_ISSUER", "http://127.0.0.1:1/issuer")
                    .containsEntry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "http://127.0.0.1:1/issuer/.well-known/jwks.json");
            assertThat(p.functionEnvironment("AuthFunction")).containsEntry("SIGNING_KEYS_SECRET_ID", "arn:keys")
                    .doesNotContainKey("PROVIDER_SECRETS_ID"); // a parameter without a value: left out
            assertThat(aws.functionEnvironment("AdminVenuesFunction"))
                    .containsEntry("JWT_ISSUER", "http://127.0.0.1:1/issuer");
        } finally {
            aws.provision(template, Map.of());
        }
    }

    // --------------------------------------------------------------------------------------------------
    // the fixture template
    // --------------------------------------------------------------------------------------------------

    @Test
    void creates_secondary_indexes_with_their_projections() {
        TableDescription t = aws.dynamo().describeTable(r -> r.tableName(aws.tableName("FixtureTable"))).table();
        Map<String, GlobalSecondaryIndexDescription> byName = new java.util.TreeMap<>();
        t.globalSecondaryIndexes().forEach(i -> byName.put(i.indexName(), i));
        assertThat(byName).containsOnlyKeys("byStatus", "byCreatedAt");
        assertThat(byName.get("byStatus").keySchema())
                .containsExactly(key("status", KeyType.HASH), key("createdAt", KeyType.RANGE));
        assertThat(byName.get("byStatus").projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
        assertThat(byName.get("byStatus").projection().nonKeyAttributes()).containsExactly("title");
        assertThat(byName.get("byCreatedAt").keySchema()).containsExactly(key("createdAt", KeyType.HASH));
        assertThat(byName.get("byCreatedAt").projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
    }

    @Test
    void a_message_received_too_often_moves_to_the_dead_letter_queue() {
        String work = aws.queueUrl("FixtureWorkQueue");
        String dlq = aws.queueUrl("FixtureDeadLetterQueue");
        aws.sqs().sendMessage(r -> r.queueUrl(work).messageBody("poison"));
        for (int i = 0; i < 3; i++) {
            List<Message> got = aws.sqs().receiveMessage(r -> r.queueUrl(work).visibilityTimeout(0)
                    .waitTimeSeconds(1)).messages();
            assertThat(got).as("receive %d", i + 1).singleElement()
                    .satisfies(m -> assertThat(m.body()).isEqualTo("poison"));
        }
        assertThat(aws.sqs().receiveMessage(r -> r.queueUrl(work).waitTimeSeconds(1)).messages())
                .as("after maxReceiveCount (3) receives the message is no longer on the work queue").isEmpty();
        List<Message> dead = aws.sqs().receiveMessage(r -> r.queueUrl(dlq).waitTimeSeconds(2)).messages();
        assertThat(dead).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("poison"));
    }

    @Test
    void a_fifo_queue_gets_the_fifo_suffix_and_its_attributes() {
        String url = aws.queueUrl("FixtureOrderedQueue");
        assertThat(url).endsWith("/FixtureOrderedQueue.fifo");
        Map<String, String> attributes = aws.sqs().getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
        assertThat(attributes).containsEntry("FifoQueue", "true").containsEntry("ContentBasedDeduplication", "true");
        assertThat(json(attributes.get("RedrivePolicy")).get("deadLetterTargetArn").asText())
                .endsWith(":FixtureOrderedDeadLetterQueue.fifo");
    }

    @Test
    void creates_the_state_machines_with_substitutions_resolved() {
        String arn = aws.stateMachineArn("FixtureFlowStateMachine");
        assertThat(arn).isEqualTo("arn:aws:states:ap-northeast-2:000000000000:stateMachine:FixtureFlowStateMachine");
        String definition = aws.sfn().describeStateMachine(r -> r.stateMachineArn(arn)).definition();
        assertThat(definition).doesNotContain("${")
                .contains("\"Resource\": \"arn:aws:lambda:ap-northeast-2:000000000000:function:FixtureEchoFunction\"")
                .contains("\"table\": \"FixtureTable\"")
                .contains("\"greeting\": \"hello from ap-northeast-2\"");
        assertThat(aws.sfn().listStateMachines(r -> { }).stateMachines())
                .extracting(s -> s.name()).contains("FixtureFlowStateMachine", "FixtureNoopStateMachine");
    }

    @Test
    void an_execution_runs_through_the_bridge_to_a_registered_function() throws Exception {
        aws.lambdas().register("FixtureEchoFunction", event -> "{\"echoed\":" + event + "}");
        String executionArn = aws.sfn().startExecution(r -> r
                .stateMachineArn(aws.stateMachineArn("FixtureFlowStateMachine"))
                .input("{\"order\":\"o-1\"}")).executionArn();
        DescribeExecutionResponse done = awaitEnd(executionArn);
        assertThat(done.status()).as("%s %s", done.error(), done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode echoed = json(done.output()).get("echoed");
        assertThat(echoed.get("input").get("order").asText()).isEqualTo("o-1");
        assertThat(echoed.get("table").asText()).isEqualTo("FixtureTable");
        assertThat(echoed.get("queueUrl").asText()).isEqualTo(aws.queueUrl("FixtureWorkQueue"));
        assertThat(echoed.get("greeting").asText()).isEqualTo("hello from ap-northeast-2");
        assertThat(echoed.get("where").asText()).isEqualTo("local");
        assertThat(echoed.get("joined").asText()).isEqualTo("a-hello-c");
        assertThat(echoed.get("noop").asText()).isEqualTo(aws.stateMachineArn("FixtureNoopStateMachine"));
    }

    @Test
    void resolves_the_fixture_functions_environment() {
        Map<String, String> env = aws.functionEnvironment("FixtureEchoFunction");
        assertThat(env).containsEntry("FIXTURE_TABLE", "FixtureTable")
                .containsEntry("QUARKUS_LAMBDA_HANDLER", "echo")
                .containsEntry("WORK_QUEUE_URL", aws.queueUrl("FixtureWorkQueue"))
                .containsEntry("WORK_QUEUE_ARN", "arn:aws:sqs:ap-northeast-2:000000000000:FixtureWorkQueue")
                .containsEntry("TABLE_ARN", "arn:aws:dynamodb:ap-northeast-2:000000000000:table/FixtureTable")
                .containsEntry("FLOW_ARN", aws.stateMachineArn("FixtureFlowStateMachine"))
                .containsEntry("REGION_AND_STACK", "ap-northeast-2/madang-local/${Literal}")
                .containsEntry("MAX_ITEMS", "25")
                .doesNotContainKeys("NEEDS_UNSET", "MAYBE");
        assertThat(aws.functionArn("FixtureEchoFunction"))
                .isEqualTo("arn:aws:lambda:ap-northeast-2:000000000000:function:FixtureEchoFunction");
    }

    @Test
    void provisioning_again_changes_nothing() throws Exception {
        String queue = aws.queueUrl("FixtureWorkQueue");
        String machine = aws.stateMachineArn("FixtureFlowStateMachine");
        aws.s3().putObject(r -> r.bucket(aws.bucketName("WebBucket")).key("kept.txt"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("still here"));
        aws.provision(fixture).provision(LocalAws.templatePath());
        assertThat(aws.s3().listBuckets().buckets()).extracting(b -> b.name()).containsExactly("webbucket");
        assertThat(aws.s3().getObjectAsBytes(r -> r.bucket("webbucket").key("kept.txt")).asUtf8String())
                .isEqualTo("still here");
        assertThat(aws.queueUrl("FixtureWorkQueue")).isEqualTo(queue);
        assertThat(aws.stateMachineArn("FixtureFlowStateMachine")).isEqualTo(machine);
        assertThat(aws.dynamo().listTables().tableNames())
                .containsExactlyInAnyOrder("CatalogTable", "SeatsTable", "AccountsTable", "OrdersTable", "LotteryTable",
                        "WaitingRoomTable", "AlertsTable", "CommunityTable", "FixtureTable");
        // the fixture's four and template.yaml's, each once
        assertThat(aws.sqs().listQueues().queueUrls())
                .hasSize(4 + SamTemplate.load(LocalAws.templatePath()).queues().size());
        assertThat(aws.provisioned()).hasSize(2);
        aws.lambdas().register("FixtureEchoFunction", event -> "{\"again\":true}");
        String executionArn = aws.sfn().startExecution(r -> r.stateMachineArn(machine).input("{}")).executionArn();
        DescribeExecutionResponse done = awaitEnd(executionArn);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(json(done.output()).get("again").asBoolean()).isTrue();
    }

    // --------------------------------------------------------------------------------------------------

    static DescribeExecutionResponse awaitEnd(String executionArn) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            DescribeExecutionResponse d = aws.sfn().describeExecution(r -> r.executionArn(executionArn));
            if (d.status() != ExecutionStatus.RUNNING || System.nanoTime() > deadline) {
                return d;
            }
            Thread.sleep(50);
        }
    }

    static TemplateProvisioner.Provisioned provisionedFrom(Path template) {
        Path wanted = template.toAbsolutePath().normalize();
        return aws.provisioned().stream().filter(p -> wanted.equals(p.template().path())).findFirst().orElseThrow();
    }

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
