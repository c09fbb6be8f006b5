package dev.madang.localstack;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The local AWS stack that tests and the local runner use: dynalite (DynamoDB), ElasticMQ (SQS), a
 * {@link LambdaDispatcher} (Lambda Invoke API served by Java functions), the {@link SfnBridge} (Step Functions),
 * the {@link SecretsManagerStandIn}, the {@link SchedulerStandIn} (EventBridge Scheduler, invoking Lambda targets
 * through the dispatcher), the {@link EventBridgeStandIn} (event buses and rules, invoking Lambda targets through the
 * dispatcher), the {@link S3StandIn} and the {@link SesStandIn}, with SDK v2 clients for them, provisioned from
 * {@code template.yaml}; and on request a {@link CloudFrontStandIn} serving one of the template's distributions
 * ({@link #cloudFront(Map, int)}) and {@link SqsEventSource}s feeding functions their queues
 * ({@link #sqsEventSource(String, Duration)}).
 *
 * <pre>{@code
 * try (LocalAws aws = LocalAws.start().provision(LocalAws.templatePath())) {
 *     aws.lambdas().register("RefreshSeatMapsFunction", event -> ...);
 *     aws.dynamo().putItem(r -> r.tableName(aws.tableName("CatalogTable")).item(...));
 * }
 * }</pre>
 *
 * <p>Everything answers as region {@value #REGION}, account {@value #ACCOUNT_ID}, with dummy static credentials.
 * Local physical names are the template's logical ids.
 *
 * <p>Schedules are provisioned but <b>do not fire until asked</b>: the live stack calls
 * {@code schedulerStandIn().startTicking()} (wall clock, every second); a test starts the stack with a
 * {@link ManualClock} ({@link #start(Clock)}) and calls {@code schedulerStandIn().advanceTo(...)}.
 */
public final class LocalAws implements AutoCloseable {

    public static final String REGION = TemplateProvisioner.REGION;
    public static final String ACCOUNT_ID = TemplateProvisioner.ACCOUNT_ID;
    /** Dummy credentials; the local engines accept any. */
    public static final String ACCESS_KEY_ID = "madang-local";
    public static final String SECRET_ACCESS_KEY = "madang-local-secret";
    /** {@code CodeUri} of the functions built from the api module. */
    public static final String API_CODE_URI = "functions/api/target/function.zip";
    /** {@code CodeUri} of the functions built from the workers module. */
    public static final String WORKERS_CODE_URI = "functions/workers/target/function.zip";

    /** Names of the variables {@link #apiEnvironment()} adds for the code's client configuration. */
    public static final String ENDPOINT_DYNAMODB = "MADANG_AWS_ENDPOINT_DYNAMODB";
    public static final String ENDPOINT_SQS = "MADANG_AWS_ENDPOINT_SQS";
    public static final String ENDPOINT_SFN = "MADANG_AWS_ENDPOINT_SFN";
    public static final String ENDPOINT_SECRETSMANAGER = "MADANG_AWS_ENDPOINT_SECRETSMANAGER";
    public static final String ENDPOINT_SESV2 = "MADANG_AWS_ENDPOINT_SESV2";
    /** SAM has no e-mail identity type of its own: the CloudFormation one. */
    public static final String EMAIL_IDENTITY = "AWS::SES::EmailIdentity";
    public static final String ENDPOINT_EVENTS = "MADANG_AWS_ENDPOINT_EVENTS";
    /** The routes a function primes before its SnapStart snapshot: per function, so not in {@link #apiEnvironment}. */
    public static final String SNAPSTART_PRIME = "MADANG_SNAPSTART_PRIME";

    private final Dynalite dynalite;
    private final ElasticMq elasticMq;
    private final LambdaDispatcher lambdas;
    private final SfnBridge sfnBridge;
    private final SecretsManagerStandIn secretsStandIn;
    private final SchedulerStandIn schedulerStandIn;
    private final S3StandIn s3StandIn;
    private final SesStandIn sesStandIn = SesStandIn.start();
    private final SesV2Client ses;
    private final EventBridgeStandIn eventBridgeStandIn;
    private final EventBridgeClient eventBridge;
    private final Path localstackDir;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final SfnClient sfn;
    private final SecretsManagerClient secretsManager;
    private final SchedulerClient scheduler;
    private final S3Client s3;
    private final TemplateProvisioner provisioner;
    private final List<TemplateProvisioner.Provisioned> provisioned = new CopyOnWriteArrayList<>();
    private final List<CloudFrontStandIn> cloudFronts = new CopyOnWriteArrayList<>();
    private final List<SqsEventSource> eventSources = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private LocalAws(Path localstackDir, Dynalite dynalite, ElasticMq elasticMq, LambdaDispatcher lambdas,
                     SfnBridge sfnBridge, SecretsManagerStandIn secretsStandIn, SchedulerStandIn schedulerStandIn,
                     S3StandIn s3StandIn, DynamoDbClient dynamo, SqsClient sqs, SfnClient sfn,
                     SecretsManagerClient secretsManager, SchedulerClient scheduler, S3Client s3,
                     EventBridgeStandIn eventBridgeStandIn) {
        this.localstackDir = localstackDir;
        this.dynalite = dynalite;
        this.elasticMq = elasticMq;
        this.lambdas = lambdas;
        this.sfnBridge = sfnBridge;
        this.secretsStandIn = secretsStandIn;
        this.schedulerStandIn = schedulerStandIn;
        this.s3StandIn = s3StandIn;
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.sfn = sfn;
        this.secretsManager = secretsManager;
        this.scheduler = scheduler;
        this.s3 = s3;
        this.eventBridgeStandIn = eventBridgeStandIn;
        this.eventBridge = EventBridgeClient.builder().endpointOverride(eventBridgeStandIn.endpoint())
                .region(Region.of(REGION)).credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create()).build();
        this.provisioner = new TemplateProvisioner(dynamo, sqs, sfn, scheduler, s3);
        this.ses = SesV2Client.builder().endpointOverride(sesStandIn.endpoint()).region(Region.of(REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Starts the stack with the repository's {@code localstack/} folder and real-time Step Functions waits. */
    public static LocalAws start() {
        return start(LocalstackDir.localstackDir(), 1.0);
    }

    /**
     * Starts the stack with the Scheduler on {@code schedulerClock} (a {@link ManualClock} for tests that drive
     * schedules with {@code schedulerStandIn().advanceTo(...)}).
     */
    public static LocalAws start(Clock schedulerClock) {
        return start(LocalstackDir.localstackDir(), 1.0, schedulerClock);
    }

    /** {@link #start(Path, double, Clock)} with the Scheduler on the wall clock. */
    public static LocalAws start(Path localstackDir, double sfnWaitScale) {
        return start(localstackDir, sfnWaitScale, Clock.systemUTC());
    }

    /**
     * Starts dynalite, ElasticMQ, the Lambda dispatcher and the Secrets Manager stand-in side by side, the Step
     * Functions bridge and the Scheduler stand-in as soon as the dispatcher listens, and builds the clients;
     * returns when all are ready.
     *
     * @param localstackDir  the folder with the npm-installed engines ({@code npm ci --prefix localstack})
     * @param sfnWaitScale   factor for Step Functions Wait states and Retry intervals (1 = real time)
     * @param schedulerClock the Scheduler stand-in's clock (it does not tick until told to)
     * @throws IllegalStateException if an engine does not start; those that did are stopped again
     */
    public static LocalAws start(Path localstackDir, double sfnWaitScale, Clock schedulerClock) {
        Objects.requireNonNull(localstackDir, "localstackDir");
        Objects.requireNonNull(schedulerClock, "schedulerClock");
        // one thread per engine started without waiting for another, so that none queues behind a slow one
        ExecutorService starter = Executors.newFixedThreadPool(4, runnable -> {
            Thread t = new Thread(runnable, "local-aws-start");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletableFuture<Dynalite> dynalite = async(starter, () -> Dynalite.start(localstackDir));
            CompletableFuture<ElasticMq> elasticMq = async(starter, ElasticMq::start);
            CompletableFuture<LambdaDispatcher> lambdas = async(starter, LambdaDispatcher::start);
            CompletableFuture<SecretsManagerStandIn> secrets = async(starter, SecretsManagerStandIn::start);
            CompletableFuture<S3StandIn> buckets = async(starter, S3StandIn::start);
            CompletableFuture<SfnBridge> bridge = lambdas.thenApplyAsync(
                    d -> SfnBridge.start(localstackDir, d.endpoint(), sfnWaitScale), starter);
            CompletableFuture<SchedulerStandIn> schedules = lambdas.thenApplyAsync(
                    d -> SchedulerStandIn.start(d.endpoint(), schedulerClock), starter);
            CompletableFuture<EventBridgeStandIn> events = lambdas.thenApplyAsync(
                    d -> EventBridgeStandIn.start(d.endpoint()), starter);
            // each client makes one call while the others start: the SDK's first request (class loading, endpoint
            // rules) costs more than the engines' answers, and provisioning would pay it one client after another
            CompletableFuture<DynamoDbClient> dynamo = dynalite.thenApplyAsync(d -> {
                DynamoDbClient c = dynamoClient(d.endpoint());
                c.listTables();
                return c;
            }, starter);
            CompletableFuture<SqsClient> sqs = elasticMq.thenApplyAsync(q -> {
                SqsClient c = sqsClient(q.endpoint());
                c.listQueues();
                return c;
            }, starter);
            CompletableFuture<SfnClient> sfn = bridge.thenApplyAsync(b -> {
                SfnClient c = sfnClient(b.endpoint());
                c.listStateMachines(r -> { });
                return c;
            }, starter);
            CompletableFuture<SecretsManagerClient> secretsManager = secrets.thenApplyAsync(
                    s -> secretsManagerClient(s.endpoint()), starter);
            CompletableFuture<SchedulerClient> scheduler = schedules.thenApplyAsync(s -> {
                SchedulerClient c = schedulerClient(s.endpoint());
                c.listSchedules(r -> { });
                return c;
            }, starter);
            CompletableFuture<S3Client> s3 = buckets.thenApplyAsync(b -> {
                S3Client c = s3Client(b.endpoint());
                c.listBuckets();
                return c;
            }, starter);
            List<CompletableFuture<?>> all = List.of(dynalite, elasticMq, lambdas, bridge, secrets, schedules, buckets,
                    events, dynamo, sqs, sfn, secretsManager, scheduler, s3);
            try {
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException failed) {
                // let the others finish starting, then stop whatever did start
                for (CompletableFuture<?> f : all) {
                    try {
                        f.join();
                    } catch (CompletionException ignored) {
                        // reported below
                    }
                }
                IllegalStateException error = new IllegalStateException("the local AWS stack did not start: "
                        + failed.getCause().getMessage(), failed.getCause());
                for (CompletableFuture<?> f : List.of(s3, scheduler, secretsManager, sfn, sqs, dynamo, events, buckets,
                        schedules, secrets, bridge, lambdas, elasticMq, dynalite)) {
                    if (!f.isCompletedExceptionally()) {
                        closeQuietly((AutoCloseable) f.join(), error);
                    }
                }
                throw error;
            }
            return new LocalAws(localstackDir, dynalite.join(), elasticMq.join(), lambdas.join(), bridge.join(),
                    secrets.join(), schedules.join(), buckets.join(), dynamo.join(), sqs.join(), sfn.join(),
                    secretsManager.join(), scheduler.join(), s3.join(), events.join());
        } finally {
            starter.shutdown();
        }
    }

    private static <T> CompletableFuture<T> async(ExecutorService executor, Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, executor);
    }

    // The url-connection client is the only HTTP client on this module's class path (apache and netty are
    // excluded in the pom); naming it keeps it so when a module that depends on this one brings another.
    private static DynamoDbClient dynamoClient(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.of(REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static SqsClient sqsClient(URI endpoint) {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.of(REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static SfnClient sfnClient(URI endpoint) {
        return SfnClient.builder().endpointOverride(endpoint).region(Region.of(REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static SecretsManagerClient secretsManagerClient(URI endpoint) {
        return SecretsManagerClient.builder().endpointOverride(endpoint).region(Region.of(REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static SchedulerClient schedulerClient(URI endpoint) {
        return SchedulerClient.builder().endpointOverride(endpoint).region(Region.of(REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /**
     * An {@code S3Client} for the {@link S3StandIn} at {@code endpoint}: path-style addressing
     * ({@code http://127.0.0.1:<port>/<bucket>/<key>}, as the stand-in serves it), the local region and dummy
     * credentials.
     */
    public static S3Client s3Client(URI endpoint) {
        return S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.of(REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** The dummy static credentials every local client uses. */
    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    }

    /** The repository's {@code template.yaml} (system property {@code madang.template}, else found walking up). */
    public static Path templatePath() {
        return SamTemplate.repositoryTemplatePath();
    }

    // ------------------------------------------------------------------------------------------------------
    // Provisioning
    // ------------------------------------------------------------------------------------------------------

    /** Creates every table, queue, state machine, schedule and bucket of the template (parameters at their defaults). */
    public LocalAws provision(Path templateYaml) {
        return provision(templateYaml, Map.of());
    }

    /** Creates every table, queue, state machine, schedule and bucket of the template, with these parameter values. */
    public LocalAws provision(Path templateYaml, Map<String, String> parameterValues) {
        provision(SamTemplate.load(templateYaml), parameterValues);
        return this;
    }

    /** Provisions a template already read; returns what was created. Provisioning again is harmless. */
    public TemplateProvisioner.Provisioned provision(SamTemplate template, Map<String, String> parameterValues) {
        checkOpen();
        TemplateProvisioner.Provisioned result = provisioner.provision(template, parameterValues);
        // SES identities: CreateEmailIdentity on the SES stand-in, which verifies them at once
        for (SamTemplate.Resource identity : template.resourcesOfType(EMAIL_IDENTITY)) {
            String name = result.resolver().resolveString(identity.properties().get("EmailIdentity"));
            ses.createEmailIdentity(r -> r.emailIdentity(name));
        }
        eventBridgeStandIn.provision(template);
        Path path = template.path();
        provisioned.removeIf(p -> path != null && path.equals(p.template().path()));
        provisioned.add(0, result);
        return result;
    }

    /** The provisioned templates, the latest first. */
    public List<TemplateProvisioner.Provisioned> provisioned() {
        return List.copyOf(provisioned);
    }

    // ------------------------------------------------------------------------------------------------------
    // Endpoints and clients
    // ------------------------------------------------------------------------------------------------------

    public URI dynamoEndpoint() {
        return dynalite.endpoint();
    }

    public URI sqsEndpoint() {
        return elasticMq.endpoint();
    }

    public URI sfnEndpoint() {
        return sfnBridge.endpoint();
    }

    public URI lambdaEndpoint() {
        return lambdas.endpoint();
    }

    public URI secretsManagerEndpoint() {
        return secretsStandIn.endpoint();
    }

    public URI schedulerEndpoint() {
        return schedulerStandIn.endpoint();
    }

    public URI s3Endpoint() {
        return s3StandIn.endpoint();
    }

    public URI sesEndpoint() {
        return sesStandIn.endpoint();
    }

    /** The SES stand-in itself: the messages sent ({@code messages()}) and its viewer's URL ({@code viewer()}). */
    public SesStandIn sesStandIn() {
        return sesStandIn;
    }

    /** An SES v2 client for the SES stand-in. */
    public SesV2Client ses() {
        return ses;
    }

    /**
     * Starts feeding a function its queue as its template {@code SQS} event says (one event per function): the
     * function must be registered on {@link #lambdas()} under its logical id. Stopped with this stack, or earlier by
     * closing it.
     *
     * @param visibilityTimeout null for the queue's own; a test shortens it so retries come back within seconds
     * @throws IllegalArgumentException if the provisioned templates give the function no SQS event
     */
    public SqsEventSource sqsEventSource(String functionLogicalId, Duration visibilityTimeout) {
        checkOpen();
        TemplateProvisioner.Provisioned p = declaring(functionLogicalId);
        SamTemplate.SqsEvent event = p.template().sqsEvents().stream()
                .filter(e -> e.function().equals(functionLogicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(functionLogicalId + " has no SQS event"));
        SqsEventSource source = SqsEventSource.start(sqs, event, p.queueUrl(event.queue()), p.queueArn(event.queue()),
                lambdaEndpoint(), visibilityTimeout);
        eventSources.add(source);
        return source;
    }

    public URI eventBridgeEndpoint() {
        return eventBridgeStandIn.endpoint();
    }

    /** The EventBridge stand-in itself: its rules, and {@code deliveries()} / {@code awaitDeliveries(...)} in tests. */
    public EventBridgeStandIn eventBridgeStandIn() {
        return eventBridgeStandIn;
    }

    /** An {@code EventBridgeClient} for the EventBridge stand-in. */
    public EventBridgeClient eventBridge() {
        return eventBridge;
    }

    /** The S3 stand-in itself, for its request count and {@code object(bucket, key)}. */
    public S3StandIn s3StandIn() {
        return s3StandIn;
    }

    /**
     * The Scheduler stand-in itself: {@code startTicking()} to fire schedules on the wall clock,
     * {@code advanceTo(...)} / {@code runDue(...)} to fire them in tests, {@code firings()} to read what fired.
     */
    public SchedulerStandIn schedulerStandIn() {
        return schedulerStandIn;
    }

    /** The Secrets Manager stand-in itself, for its request count and {@code reset()}. */
    public SecretsManagerStandIn secretsManagerStandIn() {
        return secretsStandIn;
    }

    /** Where state-machine tasks and other Lambda invocations go: register Java functions here. */
    public LambdaDispatcher lambdas() {
        return lambdas;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public SfnClient sfn() {
        return sfn;
    }

    public SecretsManagerClient secretsManager() {
        return secretsManager;
    }

    public SchedulerClient scheduler() {
        return scheduler;
    }

    /** An {@code S3Client} for the S3 stand-in (path-style). */
    public S3Client s3() {
        return s3;
    }

    // ------------------------------------------------------------------------------------------------------
    // CloudFront
    // ------------------------------------------------------------------------------------------------------

    /**
     * Serves the one {@code AWS::CloudFront::Distribution} of the provisioned templates on {@code port} of loopback
     * (0: any free port); see {@link #cloudFront(String, Map, int)}.
     *
     * @throws IllegalArgumentException if the provisioned templates declare no distribution or more than one
     */
    public CloudFrontStandIn cloudFront(Map<String, URI> customOriginUrls, int port) {
        List<String> ids = provisioned.stream()
                .flatMap(p -> p.template().resourcesOfType(SamTemplate.DISTRIBUTION).stream())
                .map(SamTemplate.Resource::logicalId).distinct().toList();
        if (ids.size() != 1) {
            throw new IllegalArgumentException("the provisioned templates declare " + ids.size()
                    + " CloudFront distributions " + ids + ": name the one to serve");
        }
        return cloudFront(ids.get(0), customOriginUrls, port);
    }

    /**
     * Starts a {@link CloudFrontStandIn} serving a distribution of a provisioned template: its S3 origins read the
     * buckets of the S3 stand-in, its custom origins are forwarded to the base URLs given per origin id (locally
     * the API, e.g. {@code Map.of("ApiOrigin", URI.create("http://localhost:8080"))}). It is stopped with this
     * stack, or earlier by closing it.
     *
     * @param port a loopback port, 0 for any free one
     */
    public CloudFrontStandIn cloudFront(String distributionLogicalId, Map<String, URI> customOriginUrls, int port) {
        checkOpen();
        CloudFrontStandIn standIn = CloudFrontStandIn.start(declaring(distributionLogicalId), distributionLogicalId,
                s3Endpoint(), customOriginUrls, localstackDir, port);
        cloudFronts.add(standIn);
        return standIn;
    }

    // ------------------------------------------------------------------------------------------------------
    // Local names and environments
    // ------------------------------------------------------------------------------------------------------

    public String tableName(String logicalId) {
        return declaring(logicalId).tableName(logicalId);
    }

    public String queueUrl(String logicalId) {
        return declaring(logicalId).queueUrl(logicalId);
    }

    public String stateMachineArn(String logicalId) {
        return declaring(logicalId).stateMachineArn(logicalId);
    }

    /** A schedule's local name: its logical id ({@code <Function><Event>} for a function's ScheduleV2 event). */
    public String scheduleName(String logicalId) {
        return declaring(logicalId).scheduleName(logicalId);
    }

    public String scheduleArn(String logicalId) {
        return declaring(logicalId).scheduleArn(logicalId);
    }

    /** A bucket's local name: its logical id in lower case ({@code WebBucket} is {@code webbucket}). */
    public String bucketName(String logicalId) {
        return declaring(logicalId).bucketName(logicalId);
    }

    /** The ARN state machines use for a function of the template ({@code ...:function:<LogicalId>}). */
    public String functionArn(String logicalId) {
        declaring(logicalId);
        return TemplateProvisioner.functionArn(logicalId);
    }

    /**
     * The function's environment variables as the template declares them (globals merged), with intrinsic
     * functions resolved to local values: table refs to local table names, queue refs to local queue URLs, state
     * machine refs to local ARNs, parameters to the values given at provisioning or their defaults. A variable
     * that needs a parameter without any value is left out.
     */
    public Map<String, String> functionEnvironment(String functionLogicalId) {
        return declaring(functionLogicalId).functionEnvironment(functionLogicalId);
    }

    /**
     * The environment for running the api artifact locally (Quarkus serves every route on one port): the union of
     * the environments of every function whose {@code CodeUri} is {@value #API_CODE_URI}, plus the local
     * endpoints ({@value #ENDPOINT_DYNAMODB}, {@value #ENDPOINT_SQS}, {@value #ENDPOINT_SFN},
     * {@value #ENDPOINT_SECRETSMANAGER}, {@value #ENDPOINT_EVENTS}), {@code AWS_REGION} and dummy credentials.
     *
     * <p>The union holds the template's values as declared, including {@code QUARKUS_PROFILE=prod} and
     * {@code JAVA_TOOL_OPTIONS}: a caller that runs Quarkus in its dev or test profile removes those. It leaves out
     * {@value #SNAPSTART_PRIME}, which each function sets for its own routes: one local process takes no snapshot.
     *
     * @throws IllegalStateException if two api functions give one variable different values (one local process
     *                               cannot serve both)
     */
    public Map<String, String> apiEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, String> origin = new LinkedHashMap<>();
        for (TemplateProvisioner.Provisioned p : provisioned) {
            for (SamTemplate.Function f : p.template().functionsWithCodeUri(API_CODE_URI)) {
                p.functionEnvironment(f.logicalId()).forEach((name, value) -> {
                    if (name.equals(SNAPSTART_PRIME)) {
                        return;
                    }
                    String before = env.putIfAbsent(name, value);
                    if (before != null && !before.equals(value)) {
                        throw new IllegalStateException("api functions disagree on " + name + ": " + origin.get(name)
                                + " sets '" + before + "', " + f.logicalId() + " sets '" + value + "'");
                    }
                    origin.putIfAbsent(name, f.logicalId());
                });
            }
        }
        env.put(ENDPOINT_DYNAMODB, dynamoEndpoint().toString());
        env.put(ENDPOINT_SQS, sqsEndpoint().toString());
        env.put(ENDPOINT_SFN, sfnEndpoint().toString());
        env.put(ENDPOINT_SECRETSMANAGER, secretsManagerEndpoint().toString());
        env.put(ENDPOINT_SESV2, sesEndpoint().toString());
        env.put(ENDPOINT_EVENTS, eventBridgeEndpoint().toString());
        env.put("AWS_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
        return env;
    }

    private TemplateProvisioner.Provisioned declaring(String logicalId) {
        for (TemplateProvisioner.Provisioned p : provisioned) {
            if (p.declares(logicalId)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no provisioned template declares " + logicalId
                + (provisioned.isEmpty() ? " (nothing provisioned yet: call provision(...))" : ""));
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this LocalAws is closed");
        }
    }

    // ------------------------------------------------------------------------------------------------------

    /**
     * Stops the CloudFront stand-ins started here, closes the clients, then stops the S3 stand-in, the Scheduler
     * stand-in (its ticking first), the Secrets Manager stand-in, the Step Functions bridge, the dispatcher, ElasticMQ
     * and dynalite.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = new IllegalStateException("stopping the local AWS stack failed");
        for (SqsEventSource e : eventSources) {
            closeQuietly(e, failure);
        }
        for (CloudFrontStandIn c : cloudFronts) {
            closeQuietly(c, failure);
        }
        for (AutoCloseable c : new AutoCloseable[] {eventBridge, ses, sesStandIn, s3, scheduler, secretsManager, sfn,
                sqs, dynamo, eventBridgeStandIn, s3StandIn, schedulerStandIn, secretsStandIn, sfnBridge, lambdas, elasticMq,
                dynalite}) {
            closeQuietly(c, failure);
        }
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private static void closeQuietly(AutoCloseable c, Throwable collector) {
        try {
            c.close();
        } catch (Exception e) {
            collector.addSuppressed(e);
        }
    }

    @Override
    public String toString() {
        return "LocalAws[dynamodb " + dynamoEndpoint() + ", sqs " + sqsEndpoint() + ", sfn " + sfnEndpoint()
                + ", lambda " + lambdaEndpoint() + ", secretsmanager " + secretsManagerEndpoint() + ", scheduler "
                + schedulerEndpoint() + ", s3 " + s3Endpoint() + ", ses " + sesEndpoint() + ", events "
                + eventBridgeEndpoint() + "]";
    }
}
