package dev.madang.localstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.localstack.SamTemplate.Index;
import dev.madang.localstack.SamTemplate.Key;
import dev.madang.localstack.SamTemplate.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.DeadLetterConfig;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindow;
import software.amazon.awssdk.services.scheduler.model.RetryPolicy;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Creates in the local engines what a {@link SamTemplate} declares: every DynamoDB table (keys, secondary indexes),
 * every SQS queue (dead-letter queues first, then the queues that redrive to them), every state machine (its
 * ASL with {@code DefinitionSubstitutions} resolved to local values) and every EventBridge Scheduler schedule
 * ({@code AWS::Scheduler::Schedule} resources and functions' SAM {@code ScheduleV2} events, targets resolved to
 * local ARNs) and every S3 bucket (in the {@link S3StandIn}).
 *
 * <p>Local physical names are the logical ids ({@code CatalogTable}, {@code NotificationQueue}; a FIFO queue gets
 * the required {@code .fifo} suffix). Provisioning is idempotent: existing tables are checked against the template,
 * existing queues get their attributes set again, existing state machines their definition updated and existing
 * schedules their definition replaced. A schedule's local name is its logical id ({@code <Function><Event>} for a
 * ScheduleV2 event, as SAM names it), in the default group. A bucket's local name is its logical id in lower case
 * ({@code WebBucket} is {@code webbucket}: S3 allows no capitals); an existing bucket is kept with its objects.
 *
 * <p>What the engines cannot do is recorded in {@link Provisioned#notApplied()}, never faked: dynalite has no
 * TTL ({@code UpdateTimeToLive}), streams, point-in-time recovery or SSE settings; ElasticMQ ignores SSE; the
 * Scheduler stand-in has no groups but the default one, no retries, no dead-letter queues and invokes Lambda
 * targets only; the S3 stand-in encrypts nothing, keeps one version per key and checks no permissions (public-access
 * blocks, bucket policies). CloudFront distributions are not provisioned: the {@link CloudFrontStandIn} serves one
 * when asked ({@code LocalAws.cloudFront(...)}), and what it leaves out is listed here too.
 */
public final class TemplateProvisioner {

    public static final String REGION = "ap-northeast-2";
    public static final String ACCOUNT_ID = "000000000000";
    /** The stack name that {@code AWS::StackName} resolves to locally. */
    public static final String LOCAL_STACK_NAME = "madang-local";

    /** Values of the pseudo parameters locally. */
    public static final Map<String, Object> PSEUDO_PARAMETERS = Map.of(
            "AWS::Region", REGION,
            "AWS::AccountId", ACCOUNT_ID,
            "AWS::Partition", "aws",
            "AWS::URLSuffix", "amazonaws.com",
            "AWS::StackName", LOCAL_STACK_NAME,
            "AWS::StackId", "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT_ID + ":stack/" + LOCAL_STACK_NAME
                    + "/00000000-0000-0000-0000-000000000000",
            "AWS::NotificationARNs", List.of());

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** CloudFormation queue properties that are SQS attributes of the same name. */
    private static final List<String> QUEUE_ATTRIBUTES = List.of("DelaySeconds", "MaximumMessageSize",
            "MessageRetentionPeriod", "ReceiveMessageWaitTimeSeconds", "VisibilityTimeout",
            "ContentBasedDeduplication");
    private static final List<String> QUEUE_PROPERTIES_NOT_APPLIED = List.of("SqsManagedSseEnabled",
            "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "RedriveAllowPolicy", "DeduplicationScope",
            "FifoThroughputLimit");

    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final SfnClient sfn;
    private final SchedulerClient scheduler;
    private final S3Client s3;

    /** A provisioner without a Scheduler: schedules are listed in {@link Provisioned#notApplied()}, not created. */
    public TemplateProvisioner(DynamoDbClient dynamo, SqsClient sqs, SfnClient sfn) {
        this(dynamo, sqs, sfn, null);
    }

    /** A provisioner creating schedules through {@code scheduler} too (buckets: listed as not applied). */
    public TemplateProvisioner(DynamoDbClient dynamo, SqsClient sqs, SfnClient sfn, SchedulerClient scheduler) {
        this(dynamo, sqs, sfn, scheduler, null);
    }

    /** A provisioner creating schedules through {@code scheduler} and buckets through {@code s3} (either may be null). */
    public TemplateProvisioner(DynamoDbClient dynamo, SqsClient sqs, SfnClient sfn, SchedulerClient scheduler,
                               S3Client s3) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.sfn = Objects.requireNonNull(sfn, "sfn");
        this.scheduler = scheduler;
        this.s3 = s3;
    }

    /** Provisions with every parameter at its default. */
    public Provisioned provision(SamTemplate template) {
        return provision(template, Map.of());
    }

    /**
     * Creates (or brings up to date) every table, queue and state machine of the template.
     *
     * @param parameterValues values for template parameters; the others take their defaults
     */
    public Provisioned provision(SamTemplate template, Map<String, String> parameterValues) {
        Provisioned p = new Provisioned(template, parameterValues);
        // tables and queues live in different engines: create them side by side
        CompletableFuture<Void> tables = CompletableFuture.runAsync(() -> {
            for (SamTemplate.Table table : template.tables()) {
                createTable(table, p);
            }
        });
        for (SamTemplate.Queue queue : template.queuesInCreationOrder()) {
            createQueue(queue, p);
        }
        for (Resource bucket : template.resourcesOfType(SamTemplate.BUCKET)) {
            createBucket(bucket, p);
        }
        noteWebDelivery(template, p);
        try {
            tables.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        for (SamTemplate.StateMachine machine : template.stateMachines()) {
            createStateMachine(machine, p);
        }
        // after the state machines: a schedule may target one
        for (SamTemplate.Schedule schedule : template.schedules()) {
            createSchedule(schedule, p);
        }
        return p;
    }

    // ------------------------------------------------------------------------------------------------------
    // Local names
    // ------------------------------------------------------------------------------------------------------

    public static String functionArn(String functionName) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT_ID + ":function:" + functionName;
    }

    public static String stateMachineArn(String name) {
        return "arn:aws:states:" + REGION + ":" + ACCOUNT_ID + ":stateMachine:" + name;
    }

    public static String tableArn(String tableName) {
        return "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT_ID + ":table/" + tableName;
    }

    /** A bucket's local name: the logical id in lower case, as S3 names allow no capitals. */
    public static String bucketName(String logicalId) {
        return logicalId.toLowerCase(java.util.Locale.ROOT);
    }

    /** The ARN the local stack gives a CloudFront function (nothing checks it; the logical id names the function). */
    public static String cloudFrontFunctionArn(String logicalId) {
        return "arn:aws:cloudfront::" + ACCOUNT_ID + ":function/" + logicalId;
    }

    public static String scheduleArn(String name) {
        return "arn:aws:scheduler:" + REGION + ":" + ACCOUNT_ID + ":schedule/" + SchedulerStandIn.DEFAULT_GROUP + "/"
                + name;
    }

    /** The role ARN given to a local schedule without one (SAM makes one for a ScheduleV2 event; nothing checks it). */
    public static String scheduleRoleArn(String name) {
        return "arn:aws:iam::" + ACCOUNT_ID + ":role/" + name + "Role";
    }

    /** The role ARN given to a local state machine (nothing checks it locally). */
    public static String stateMachineRoleArn(String name) {
        return "arn:aws:iam::" + ACCOUNT_ID + ":role/" + name + "Role";
    }

    // ------------------------------------------------------------------------------------------------------
    // Tables
    // ------------------------------------------------------------------------------------------------------

    private void createTable(SamTemplate.Table table, Provisioned p) {
        String name = table.logicalId();
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .attributeDefinitions(table.attributeTypes().entrySet().stream()
                        .map(e -> AttributeDefinition.builder().attributeName(e.getKey())
                                .attributeType(e.getValue()).build())
                        .toList())
                .keySchema(keySchema(table.key()));
        boolean onDemand = "PAY_PER_REQUEST".equals(table.billingMode());
        if (onDemand) {
            request.billingMode(BillingMode.PAY_PER_REQUEST);
        } else {
            request.provisionedThroughput(throughput(table.properties().get("ProvisionedThroughput")));
        }
        if (!table.globalSecondaryIndexes().isEmpty()) {
            List<Map<String, Object>> rawIndexes = rawList(table.properties().get("GlobalSecondaryIndexes"));
            List<GlobalSecondaryIndex> gsis = new ArrayList<>();
            for (int i = 0; i < table.globalSecondaryIndexes().size(); i++) {
                Index index = table.globalSecondaryIndexes().get(i);
                GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder().indexName(index.name())
                        .keySchema(keySchema(index.key())).projection(projection(index));
                if (!onDemand) {
                    gsi.provisionedThroughput(throughput(rawIndexes.get(i).get("ProvisionedThroughput")));
                }
                gsis.add(gsi.build());
            }
            request.globalSecondaryIndexes(gsis);
        }
        if (!table.localSecondaryIndexes().isEmpty()) {
            request.localSecondaryIndexes(table.localSecondaryIndexes().stream()
                    .map(index -> LocalSecondaryIndex.builder().indexName(index.name())
                            .keySchema(keySchema(index.key())).projection(projection(index)).build())
                    .toList());
        }
        try {
            dynamo.createTable(request.build());
        } catch (ResourceInUseException exists) {
            checkExistingTable(table);
        }
        p.tables.put(table.logicalId(), name);
        if (table.ttlAttribute() != null) {
            p.timeToLive.put(name, table.ttlAttribute());
            p.notApplied.add(name + ": TimeToLiveSpecification (" + table.ttlAttribute()
                    + ") not applied, dynalite has no TTL: nothing expires locally");
        }
        for (String property : List.of("StreamSpecification", "PointInTimeRecoverySpecification",
                "SSESpecification")) {
            if (table.properties().containsKey(property)) {
                p.notApplied.add(name + ": " + property + " not applied (not supported by dynalite)");
            }
        }
    }

    private void checkExistingTable(SamTemplate.Table table) {
        TableDescription existing;
        try {
            existing = dynamo.describeTable(r -> r.tableName(table.logicalId())).table();
        } catch (ResourceNotFoundException gone) {
            throw new IllegalStateException("table " + table.logicalId() + " is being created by someone else");
        }
        Key key = keyOf(existing.keySchema());
        Set<String> indexes = existing.globalSecondaryIndexes().stream()
                .map(GlobalSecondaryIndexDescription::indexName).collect(Collectors.toSet());
        Set<String> wanted = table.globalSecondaryIndexes().stream().map(Index::name).collect(Collectors.toSet());
        if (!key.equals(table.key()) || !indexes.equals(wanted)) {
            throw new IllegalStateException("table " + table.logicalId() + " exists with key " + key + " and indexes "
                    + indexes + ", but the template declares " + table.key() + " and " + wanted
                    + ": restart the local stack (its data is in memory)");
        }
    }

    private static Key keyOf(List<KeySchemaElement> schema) {
        String hash = null;
        String range = null;
        for (KeySchemaElement e : schema) {
            if (e.keyType() == KeyType.HASH) {
                hash = e.attributeName();
            } else {
                range = e.attributeName();
            }
        }
        return new Key(hash, range);
    }

    private static List<KeySchemaElement> keySchema(Key key) {
        List<KeySchemaElement> out = new ArrayList<>();
        out.add(KeySchemaElement.builder().attributeName(key.partitionKey()).keyType(KeyType.HASH).build());
        if (key.sortKey() != null) {
            out.add(KeySchemaElement.builder().attributeName(key.sortKey()).keyType(KeyType.RANGE).build());
        }
        return out;
    }

    private static Projection projection(Index index) {
        Projection.Builder projection = Projection.builder().projectionType(ProjectionType.fromValue(
                index.projectionType()));
        if (!index.nonKeyAttributes().isEmpty()) {
            projection.nonKeyAttributes(index.nonKeyAttributes());
        }
        return projection.build();
    }

    private static ProvisionedThroughput throughput(Object raw) {
        Map<String, Object> t = raw instanceof Map<?, ?> ? rawMap(raw) : Map.of();
        return ProvisionedThroughput.builder()
                .readCapacityUnits(Long.parseLong(String.valueOf(t.getOrDefault("ReadCapacityUnits", 5))))
                .writeCapacityUnits(Long.parseLong(String.valueOf(t.getOrDefault("WriteCapacityUnits", 5))))
                .build();
    }

    // ------------------------------------------------------------------------------------------------------
    // Queues
    // ------------------------------------------------------------------------------------------------------

    private void createQueue(SamTemplate.Queue queue, Provisioned p) {
        String name = queue.fifo() ? queue.logicalId() + ".fifo" : queue.logicalId();
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String attribute : QUEUE_ATTRIBUTES) {
            Object value = queue.properties().get(attribute);
            if (value != null) {
                attributes.put(attribute, p.resolver().resolveString(value));
            }
        }
        if (queue.deadLetterQueue() != null) {
            String dlqArn = p.queueArns.get(queue.deadLetterQueue());
            if (dlqArn == null) {
                throw new IllegalStateException("dead-letter queue " + queue.deadLetterQueue() + " of "
                        + queue.logicalId() + " was not created first");
            }
            Map<String, Object> redrive = new LinkedHashMap<>();
            redrive.put("deadLetterTargetArn", dlqArn);
            redrive.put("maxReceiveCount", queue.maxReceiveCount() == null ? 10 : queue.maxReceiveCount());
            attributes.put("RedrivePolicy", json(redrive));
        }
        for (String property : QUEUE_PROPERTIES_NOT_APPLIED) {
            if (queue.properties().containsKey(property)) {
                p.notApplied.add(name + ": " + property + " not applied (not supported by ElasticMQ)");
            }
        }
        String url;
        try {
            String existing = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
            Map<String, String> current = sqs.getQueueAttributes(r -> r.queueUrl(existing)
                    .attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
            Map<String, String> changed = new LinkedHashMap<>();
            attributes.forEach((attribute, value) -> {
                if (!sameAttribute(attribute, current.get(attribute), value)) {
                    changed.put(attribute, value);
                }
            });
            if (!changed.isEmpty()) {
                sqs.setQueueAttributes(r -> r.queueUrl(existing).attributesWithStrings(changed));
            }
            url = existing;
        } catch (QueueDoesNotExistException absent) {
            Map<String, String> create = new LinkedHashMap<>(attributes);
            if (queue.fifo()) {
                create.put("FifoQueue", "true");
            }
            url = sqs.createQueue(r -> r.queueName(name).attributesWithStrings(create)).queueUrl();
        }
        String finalUrl = url;
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(finalUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        p.queueUrls.put(queue.logicalId(), url);
        p.queueArns.put(queue.logicalId(), arn);
        p.queueNames.put(queue.logicalId(), name);
    }

    /** Whether a queue attribute already has the wanted value (a redrive policy compared as JSON). */
    private static boolean sameAttribute(String attribute, String current, String wanted) {
        if (current == null) {
            return false;
        }
        if (attribute.equals("RedrivePolicy")) {
            try {
                Map<String, String> a = new LinkedHashMap<>();
                Map<String, String> b = new LinkedHashMap<>();
                JSON.readTree(current).fields().forEachRemaining(e -> a.put(e.getKey(), e.getValue().asText()));
                JSON.readTree(wanted).fields().forEachRemaining(e -> b.put(e.getKey(), e.getValue().asText()));
                return a.equals(b);
            } catch (JsonProcessingException e) {
                return false;
            }
        }
        return current.equals(wanted);
    }

    // ------------------------------------------------------------------------------------------------------
    // Buckets and what serves them
    // ------------------------------------------------------------------------------------------------------

    private void createBucket(Resource bucket, Provisioned p) {
        String name = bucketName(bucket.logicalId());
        if (s3 == null) {
            p.notApplied.add(bucket.logicalId() + ": bucket not created (this provisioner has no S3 client)");
            return;
        }
        try {
            s3.createBucket(r -> r.bucket(name));
        } catch (BucketAlreadyOwnedByYouException exists) {
            // provisioning again: the bucket and its objects stay
        }
        p.buckets.put(bucket.logicalId(), name);
        Map<String, Object> props = bucket.properties();
        if (props.containsKey("BucketName")) {
            p.notApplied.add(name + ": BucketName not used: the local name is the logical id in lower case");
        }
        if (props.containsKey("BucketEncryption")) {
            p.notApplied.add(name + ": BucketEncryption not applied (the S3 stand-in keeps objects unencrypted in "
                    + "memory)");
        }
        if (props.containsKey("PublicAccessBlockConfiguration") || props.containsKey("OwnershipControls")
                || props.containsKey("AccessControl")) {
            p.notApplied.add(name + ": PublicAccessBlockConfiguration/OwnershipControls not applied (the S3 "
                    + "stand-in checks no permissions: anything on this machine may read and write it)");
        }
        if (props.containsKey("VersioningConfiguration")) {
            p.notApplied.add(name + ": VersioningConfiguration not applied (the S3 stand-in keeps the latest "
                    + "version of each key only)");
        }
        for (String property : List.of("LifecycleConfiguration", "CorsConfiguration", "WebsiteConfiguration",
                "NotificationConfiguration", "LoggingConfiguration", "ReplicationConfiguration", "Tags")) {
            if (props.containsKey(property)) {
                p.notApplied.add(name + ": " + property + " not applied (not supported by the S3 stand-in)");
            }
        }
    }

    /** The web-delivery resources nothing provisions locally, each with what stands in for it. */
    private static void noteWebDelivery(SamTemplate template, Provisioned p) {
        for (Resource policy : template.resourcesOfType("AWS::S3::BucketPolicy")) {
            p.notApplied.add(policy.logicalId() + ": bucket policy not enforced (the S3 stand-in checks no "
                    + "permissions; the CloudFront stand-in answers a missing object 403, as S3 does to CloudFront "
                    + "without s3:ListBucket)");
        }
        for (Resource oac : template.resourcesOfType("AWS::CloudFront::OriginAccessControl")) {
            p.notApplied.add(oac.logicalId() + ": origin access control not applied (the CloudFront stand-in "
                    + "reads the S3 stand-in unsigned)");
        }
        for (Resource policy : template.resourcesOfType("AWS::CloudFront::CachePolicy")) {
            p.notApplied.add(policy.logicalId() + ": TTLs not applied (the CloudFront stand-in caches nothing; "
                    + "what the policy forwards and compresses is applied)");
        }
        for (Resource distribution : template.resourcesOfType(SamTemplate.DISTRIBUTION)) {
            p.notApplied.add(distribution.logicalId() + ": not provisioned; served by the CloudFront stand-in when "
                    + "started (LocalAws.cloudFront): plain HTTP on loopback, no edge cache, no brotli");
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // State machines
    // ------------------------------------------------------------------------------------------------------

    private void createStateMachine(SamTemplate.StateMachine machine, Provisioned p) {
        String definition = p.definition(machine);
        String name = machine.logicalId();
        String role = stateMachineRoleArn(name);
        StateMachineType type = StateMachineType.fromValue(machine.type());
        String arn;
        try {
            arn = sfn.createStateMachine(r -> r.name(name).definition(definition).roleArn(role).type(type))
                    .stateMachineArn();
        } catch (StateMachineAlreadyExistsException exists) {
            arn = stateMachineArn(name);
            String existing = arn;
            sfn.updateStateMachine(r -> r.stateMachineArn(existing).definition(definition).roleArn(role));
        }
        p.stateMachines.put(name, arn);
        p.definitions.put(name, definition);
    }

    // ------------------------------------------------------------------------------------------------------
    // Schedules
    // ------------------------------------------------------------------------------------------------------

    private void createSchedule(SamTemplate.Schedule schedule, Provisioned p) {
        String name = schedule.logicalId();
        if (scheduler == null) {
            p.notApplied.add(name + ": schedule not created (this provisioner has no Scheduler client)");
            return;
        }
        Map<String, Object> props = mapOrEmpty(p.resolver().resolve(schedule.properties()));
        String group = string(props.get("GroupName"));
        if (group != null && !group.equals(SchedulerStandIn.DEFAULT_GROUP)) {
            p.notApplied.add(name + ": schedule not created: its group " + group + " is not the default one, the only "
                    + "group the local Scheduler has");
            return;
        }
        Map<String, Object> rawTarget = mapOrEmpty(props.get("Target"));
        String targetArn = string(rawTarget.get("Arn"));
        if (targetArn == null) {
            throw new IllegalStateException(name + ": the schedule has no Target.Arn");
        }
        Target.Builder target = Target.builder().arn(targetArn)
                .roleArn(rawTarget.get("RoleArn") != null ? string(rawTarget.get("RoleArn")) : scheduleRoleArn(name));
        Object input = rawTarget.get("Input");
        if (input != null) {
            target.input(input instanceof String text ? text : json(input));
        }
        Map<String, Object> retry = mapOrEmpty(rawTarget.get("RetryPolicy"));
        Integer attempts = integer(retry.get("MaximumRetryAttempts"));
        Integer age = integer(retry.get("MaximumEventAgeInSeconds"));
        if (attempts != null || age != null) {
            target.retryPolicy(RetryPolicy.builder().maximumRetryAttempts(attempts).maximumEventAgeInSeconds(age)
                    .build());
        }
        if (attempts == null || attempts > 0) {
            p.notApplied.add(name + ": RetryPolicy allows " + (attempts == null ? "185 (the default)" : attempts)
                    + " retries; the local Scheduler makes none (a failed invocation is recorded)");
        }
        Object dlq = mapOrEmpty(rawTarget.get("DeadLetterConfig")).get("Arn");
        if (dlq != null) {
            target.deadLetterConfig(DeadLetterConfig.builder().arn(string(dlq)).build());
        }
        if (rawTarget.containsKey("DeadLetterConfig")) {
            p.notApplied.add(name + ": DeadLetterConfig not applied (the local Scheduler sends nothing to a "
                    + "dead-letter queue)");
        }
        if (!targetArn.startsWith("arn:aws:lambda:")) {
            p.notApplied.add(name + ": target " + targetArn + " is not invoked locally (Lambda targets only)");
        }
        Map<String, Object> window = mapOrEmpty(props.get("FlexibleTimeWindow"));
        Object mode = window.get("Mode");
        if (mode == null || Boolean.FALSE.equals(mode)) {
            mode = "OFF"; // a bare OFF reads as a YAML 1.1 boolean
        }
        // enumerations go as the template writes them: the Scheduler validates them, as AWS would
        FlexibleTimeWindow flexible = FlexibleTimeWindow.builder().mode(String.valueOf(mode))
                .maximumWindowInMinutes(integer(window.get("MaximumWindowInMinutes"))).build();
        if ("FLEXIBLE".equals(String.valueOf(mode))) {
            p.notApplied.add(name + ": FlexibleTimeWindow FLEXIBLE: fires locally at the start of its window");
        }
        if (props.get("KmsKeyArn") != null) {
            p.notApplied.add(name + ": KmsKeyArn stored, not used (nothing is encrypted locally)");
        }
        String expression = string(props.get("ScheduleExpression"));
        String timezone = string(props.get("ScheduleExpressionTimezone"));
        String state = string(props.get("State"));
        String description = string(props.get("Description"));
        Instant start = date(props.get("StartDate"), name, "StartDate");
        Instant end = date(props.get("EndDate"), name, "EndDate");
        String after = string(props.get("ActionAfterCompletion"));
        String kms = string(props.get("KmsKeyArn"));
        Target built = target.build();
        try {
            scheduler.createSchedule(r -> r.name(name).scheduleExpression(expression)
                    .scheduleExpressionTimezone(timezone).state(state)
                    .description(description).startDate(start).endDate(end).actionAfterCompletion(after)
                    .kmsKeyArn(kms).flexibleTimeWindow(flexible).target(built));
        } catch (ConflictException exists) {
            scheduler.updateSchedule(r -> r.name(name).scheduleExpression(expression)
                    .scheduleExpressionTimezone(timezone).state(state)
                    .description(description).startDate(start).endDate(end).actionAfterCompletion(after)
                    .kmsKeyArn(kms).flexibleTimeWindow(flexible).target(built));
        }
        p.schedules.put(name, scheduleArn(name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapOrEmpty(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String string(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static Integer integer(Object value) {
        return value == null ? null : Integer.valueOf(String.valueOf(value));
    }

    /** A CloudFormation timestamp ({@code 2030-01-01T01:00:00Z}, an offset, or no zone meaning UTC). */
    private static Instant date(Object value, String schedule, String property) {
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return Instant.parse(text + "Z");
                } catch (DateTimeParseException e) {
                    throw new IllegalStateException(schedule + ": " + property + " '" + text + "' is not a timestamp");
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // What was provisioned
    // ------------------------------------------------------------------------------------------------------

    /**
     * The local physical values of one provisioned template; also the {@link SamTemplate.ResourceValues} that
     * resolves {@code !Ref} and {@code !GetAtt} to them.
     */
    public static final class Provisioned implements SamTemplate.ResourceValues {
        private final SamTemplate template;
        private final SamTemplate.Resolver resolver;
        private final Map<String, String> tables = new ConcurrentHashMap<>();
        private final Map<String, String> timeToLive = new ConcurrentHashMap<>();
        private final Map<String, String> queueUrls = new ConcurrentHashMap<>();
        private final Map<String, String> queueArns = new ConcurrentHashMap<>();
        private final Map<String, String> queueNames = new ConcurrentHashMap<>();
        private final Map<String, String> stateMachines = new ConcurrentHashMap<>();
        private final Map<String, String> definitions = new ConcurrentHashMap<>();
        private final Map<String, String> schedules = new ConcurrentHashMap<>();
        private final Map<String, String> buckets = new ConcurrentHashMap<>();
        private final List<String> notApplied = Collections.synchronizedList(new ArrayList<>());

        Provisioned(SamTemplate template, Map<String, String> parameterValues) {
            this.template = template;
            this.resolver = template.resolver(parameterValues, PSEUDO_PARAMETERS, this);
        }

        public SamTemplate template() {
            return template;
        }

        /** Resolves intrinsic functions of this template to local values. */
        public SamTemplate.Resolver resolver() {
            return resolver;
        }

        /** Whether the template declares this logical id. */
        public boolean declares(String logicalId) {
            return template.resources().containsKey(logicalId)
                    || template.schedules().stream().anyMatch(s -> s.logicalId().equals(logicalId));
        }

        public String tableName(String logicalId) {
            return get(tables, logicalId, "table");
        }

        public String queueUrl(String logicalId) {
            return get(queueUrls, logicalId, "queue");
        }

        public String queueArn(String logicalId) {
            return get(queueArns, logicalId, "queue");
        }

        public String queueName(String logicalId) {
            return get(queueNames, logicalId, "queue");
        }

        /** The local name of a schedule: its logical id ({@code <Function><Event>} for a ScheduleV2 event). */
        public String scheduleName(String logicalId) {
            get(schedules, logicalId, "schedule");
            return logicalId;
        }

        public String scheduleArn(String logicalId) {
            return get(schedules, logicalId, "schedule");
        }

        public String stateMachineArn(String logicalId) {
            return get(stateMachines, logicalId, "state machine");
        }

        /** A bucket's local name (its logical id in lower case). */
        public String bucketName(String logicalId) {
            return get(buckets, logicalId, "bucket");
        }

        /** The definition given to the local Step Functions (placeholders substituted). */
        public String stateMachineDefinition(String logicalId) {
            return get(definitions, logicalId, "state machine");
        }

        /** Local table name to its TTL attribute, for tables whose TTL the local engine does not apply. */
        public Map<String, String> timeToLiveAttributes() {
            return Map.copyOf(timeToLive);
        }

        /** Settings of the template that the local engines do not apply, one line each. */
        public List<String> notApplied() {
            synchronized (notApplied) {
                return List.copyOf(notApplied);
            }
        }

        /**
         * A function's environment variables (globals merged) resolved to local values. A variable whose value
         * needs a parameter that has neither a value nor a default, or resolves to {@code AWS::NoValue}, is left
         * out.
         */
        public Map<String, String> functionEnvironment(String functionLogicalId) {
            Map<String, String> env = new LinkedHashMap<>();
            template.function(functionLogicalId).environment().forEach((name, value) -> {
                Object resolved;
                try {
                    resolved = resolver.resolve(value);
                } catch (SamTemplate.MissingParameterValueException noValue) {
                    return;
                }
                if (resolved != null && resolved != SamTemplate.NO_VALUE) {
                    env.put(name, String.valueOf(resolved));
                }
            });
            return env;
        }

        /** The state machine definition with every {@code ${Name}} replaced by its resolved substitution. */
        String definition(SamTemplate.StateMachine machine) {
            Map<String, String> values = new LinkedHashMap<>();
            machine.substitutions().forEach((k, v) -> values.put(k, resolver.resolveString(v)));
            String text = machine.definitionText();
            Matcher m = PLACEHOLDER.matcher(text);
            StringBuilder out = new StringBuilder();
            List<String> unknown = new ArrayList<>();
            while (m.find()) {
                String value = values.get(m.group(1));
                if (value == null) {
                    unknown.add(m.group(1));
                    value = m.group();
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            if (!unknown.isEmpty()) {
                throw new IllegalStateException(machine.logicalId() + ": " + machine.definitionFile()
                        + " uses ${...} placeholders without a DefinitionSubstitutions entry: " + unknown);
            }
            return out.toString();
        }

        @Override
        public Object ref(Resource resource) {
            String id = resource.logicalId();
            return switch (resource.type()) {
                case SamTemplate.TABLE -> tableName(id);
                case SamTemplate.QUEUE -> queueUrl(id);
                case SamTemplate.STATE_MACHINE, "AWS::StepFunctions::StateMachine" -> stateMachineArnOf(id);
                case SamTemplate.LOG_GROUP -> resolver.resolveString(resource.properties().get("LogGroupName"));
                case SamTemplate.SCHEDULE -> id;
                case SamTemplate.BUCKET -> TemplateProvisioner.bucketName(id);
                default -> id; // functions, APIs and the rest: the local name is the logical id
            };
        }

        @Override
        public Object getAtt(Resource resource, String attribute) {
            String id = resource.logicalId();
            String type = resource.type();
            if (type.equals(SamTemplate.TABLE) && attribute.equals("Arn")) {
                return tableArn(tableName(id));
            }
            if (type.equals(SamTemplate.QUEUE)) {
                switch (attribute) {
                    case "Arn":
                        return queueArn(id);
                    case "QueueUrl":
                        return queueUrl(id);
                    case "QueueName":
                        return queueName(id);
                    default:
                        break;
                }
            }
            if (type.equals(SamTemplate.FUNCTION) || type.equals("AWS::Lambda::Function")) {
                switch (attribute) {
                    case "Arn":
                        return functionArn(id);
                    case "Ref.Alias": {
                        Object alias = template.function(id).properties().get("AutoPublishAlias");
                        if (alias == null) {
                            throw new SamTemplate.UnresolvableException("!Ref " + id + ".Alias: " + id
                                    + " has no AutoPublishAlias");
                        }
                        return functionArn(id) + ":" + resolver.resolveString(alias);
                    }
                    case "Ref.Version":
                        return functionArn(id) + ":1";
                    default:
                        break;
                }
            }
            if (type.equals(SamTemplate.STATE_MACHINE) || type.equals("AWS::StepFunctions::StateMachine")) {
                switch (attribute) {
                    case "Arn":
                        return stateMachineArnOf(id);
                    case "Name":
                        return id;
                    default:
                        break;
                }
            }
            if (type.equals(SamTemplate.SCHEDULE) && attribute.equals("Arn")) {
                return TemplateProvisioner.scheduleArn(id);
            }
            if (type.equals(SamTemplate.BUCKET)) {
                String bucket = TemplateProvisioner.bucketName(id);
                switch (attribute) {
                    case "Arn":
                        return "arn:aws:s3:::" + bucket;
                    case "DomainName":
                        return bucket + ".s3.amazonaws.com";
                    case "RegionalDomainName":
                        return bucket + ".s3." + REGION + ".amazonaws.com";
                    case "DualStackDomainName":
                        return bucket + ".s3.dualstack." + REGION + ".amazonaws.com";
                    default:
                        break;
                }
            }
            if (type.equals("AWS::CloudFront::Function")
                    && (attribute.equals("FunctionARN") || attribute.equals("FunctionMetadata.FunctionARN"))) {
                return cloudFrontFunctionArn(id);
            }
            if (type.startsWith("AWS::CloudFront::") && attribute.equals("Id")) {
                return id; // distributions, origin access controls, cache and origin request policies
            }
            if (type.equals("AWS::IAM::Role") && attribute.equals("Arn")) {
                return "arn:aws:iam::" + ACCOUNT_ID + ":role/" + id; // nothing checks roles locally
            }
            if (type.equals(SamTemplate.LOG_GROUP) && attribute.equals("Arn")) {
                return "arn:aws:logs:" + REGION + ":" + ACCOUNT_ID + ":log-group:" + ref(resource) + ":*";
            }
            throw new SamTemplate.UnresolvableException("!GetAtt " + id + "." + attribute + " (" + type
                    + ") has no local value");
        }

        /** A state machine's ARN; one created later in the same provisioning has the ARN it will get. */
        private String stateMachineArnOf(String id) {
            String arn = stateMachines.get(id);
            return arn != null ? arn : TemplateProvisioner.stateMachineArn(id);
        }

        private String get(Map<String, String> values, String logicalId, String kind) {
            String value = values.get(logicalId);
            if (value == null) {
                throw new IllegalArgumentException("no provisioned " + kind + " " + logicalId + " in "
                        + template.path());
            }
            return value;
        }

        @Override
        public String toString() {
            return "Provisioned[" + template.path() + ": tables " + tables.keySet() + ", queues "
                    + queueUrls.keySet() + ", state machines " + stateMachines.keySet() + ", schedules "
                    + schedules.keySet() + ", buckets " + buckets.keySet() + "]";
        }
    }

    // ------------------------------------------------------------------------------------------------------

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rawMap(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rawList(Object value) {
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }
}
