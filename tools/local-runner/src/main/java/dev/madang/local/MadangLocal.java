package dev.madang.local;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.lottery.LotteryWorkflowTasks;
import dev.madang.aws.notification.DynamoNotificationLookups;
import dev.madang.aws.notification.NotificationWiring;
import dev.madang.aws.notification.SqsNotifications;
import dev.madang.aws.support.SqsBatches;
import dev.madang.domain.notification.DeliveringNotifications;
import dev.madang.domain.pricing.RunningTimeSales;
import dev.madang.domain.recommendation.ComputingRecommendations;
import dev.madang.domain.release.DawnRelease;
import dev.madang.localstack.ApiGatewayThrottle;
import dev.madang.localstack.CloudFrontStandIn;
import dev.madang.localstack.SamTemplate;
import dev.madang.localstack.LocalAws;
import dev.madang.localstack.PortOneSandbox;
import dev.madang.localstack.TossSandbox;
import dev.madang.operator.PublishWebClient;
import dev.madang.workers.LotteryWiring;
import dev.madang.workers.RefreshSeatMapsHandler;
import dev.madang.workers.AlertWiring;
import dev.madang.workers.GenreAlertsHandler;
import dev.madang.workers.RecommendationWiring;
import dev.madang.aws.pricing.TimeSaleWiring;
import dev.madang.workers.ReleaseWiring;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the whole system on this machine: the local AWS stand-ins provisioned from template.yaml, the worker handlers
 * in process (reached through the local Lambda endpoint, run on their schedules and fed their queues by the SQS event
 * source stand-in), the SES stand-in's viewer of the e-mail sent, demo data, the HTTP API in
 * Quarkus dev mode on {@code http://localhost:<port>}, and, when {@code web/dist} is built, the web client as
 * deployed: published to the local WebBucket and served with the API under /v1 by the CloudFront stand-in on
 * {@code http://localhost:<site-port>} ({@code -Dmadang.site-port}, default 8090). Stays up until interrupted.
 */
public final class MadangLocal {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getProperty("madang.port", "8080"));
        int sitePort = Integer.parseInt(System.getProperty("madang.site-port", "8090"));
        Path root = LocalAws.templatePath().getParent();
        log("starting the local AWS stack (dynalite, ElasticMQ, Step Functions bridge)…");
        LocalAws aws = LocalAws.start().provision(LocalAws.templatePath());
        List<AutoCloseable> toClose = new ArrayList<>(List.of(aws));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeAll(toClose)));

        DynamoCatalog catalog = new DynamoCatalog(aws.dynamo(), aws.tableName("CatalogTable"),
                aws.tableName("SeatsTable"));
        // the refresher as deployed: its snapshots watched for seats that come back, to tell the waitlists
        RefreshSeatMapsHandler refresh = new RefreshSeatMapsHandler(AlertWiring.refreshing(aws.dynamo(), aws.sqs(),
                new AlertWiring.Tables(aws.tableName("CatalogTable"), aws.tableName("SeatsTable"),
                        aws.tableName("AlertsTable")), aws.queueUrl("NotificationQueue"), Clock.systemUTC()),
                Duration.ofSeconds(1), Duration.ofSeconds(55));
        aws.lambdas().register("RefreshSeatMapsFunction", event -> String.valueOf(refresh.handleRequest(Map.of(), null)));
        ScheduledExecutorService schedules = Executors.newScheduledThreadPool(2);
        // mirrors the deployed cadence: each invocation refreshes every second for 55 s (application.properties),
        // and where the template's schedule starts the next one each minute, here it starts a second after
        schedules.scheduleWithFixedDelay(() -> safely(() -> refresh.handleRequest(Map.of(), null)), 0, 1, TimeUnit.SECONDS);
        toClose.add(0, schedules::shutdownNow);

        DemoCatalog.Loaded demo = new DemoCatalog(catalog, Clock.systemUTC()).load();
        log("demo data: %d venues, %d seats, %d performances, %d rounds", demo.venues(), demo.seats(),
                demo.performances(), demo.rounds());

        // the lottery workflow's tasks, wired as the deployed workers wire them
        aws.lambdas().register(LotteryWorkflowTasks.FUNCTION_ID, LotteryWiring.tasks(aws.dynamo(),
                new LotteryWiring.Messaging(aws.sfn(), aws.sqs(), aws.queueUrl("NotificationQueue")),
                new LotteryWiring.Tables(aws.tableName("CatalogTable"), aws.tableName("SeatsTable"),
                        aws.tableName("OrdersTable"), aws.tableName("LotteryTable")), Clock.systemUTC())::runJson);

        // genre alerts: the catalog bus's rule (EventBridge stand-in) invokes the handler the workers deploy
        GenreAlertsHandler genreAlerts = new GenreAlertsHandler(AlertWiring.genreAlerts(aws.dynamo(), aws.sqs(),
                aws.tableName("AlertsTable"), aws.queueUrl("NotificationQueue")));
        aws.lambdas().register("GenreAlertsFunction", event -> JSON.writeValueAsString(genreAlerts.handleRequest(
                JSON.readValue(event, new TypeReference<Map<String, Object>>() { }), null)));

        // the dawn release on template.yaml's own schedule, fired by the local EventBridge Scheduler on the wall clock
        // (02:00-04:59 Korea time); the refresher and the sweep keep the runner's timers above, and reconciliation needs
        // a day of real PG traffic, so their schedules are taken out of the stand-in rather than fired twice or idly
        DawnRelease dawn = ReleaseWiring.dawnRelease(aws.dynamo(), aws.tableName("SeatsTable"), Clock.systemUTC());
        aws.lambdas().register("DawnReleaseFunction", event -> "{\"outcome\":\"" + dawn.tick().outcome() + "\"}");
        // the recommendation job on its schedule too (every six hours), and once now, below, for the demo catalog
        ComputingRecommendations recommendations = RecommendationWiring.computing(aws.dynamo(),
                new RecommendationWiring.Tables(aws.tableName("CatalogTable"), aws.tableName("SeatsTable"),
                        aws.tableName("OrdersTable"), aws.tableName("AlertsTable")), Clock.systemUTC());
        aws.lambdas().register("RecommendationsFunction",
                event -> JSON.writeValueAsString(recommendations.run()));
        // time sales every 10 minutes, as deployed
        RunningTimeSales timeSales = TimeSaleWiring.running(aws.dynamo(), aws.tableName("CatalogTable"),
                aws.tableName("SeatsTable"), Clock.systemUTC());
        aws.lambdas().register("TimeSalesFunction", event -> JSON.writeValueAsString(timeSales.run()));
        for (String own : aws.schedulerStandIn().scheduleNames()) {
            if (!own.startsWith("DawnReleaseFunction") && !own.startsWith("RecommendationsFunction")
                    && !own.startsWith("TimeSalesFunction")) {
                aws.scheduler().deleteSchedule(r -> r.name(own));
            }
        }
        aws.schedulerStandIn().startTicking();
        toClose.add(0, aws.schedulerStandIn()::stopTicking);

        String base = "http://localhost:" + port;
        LocalPayments payments = LocalPayments.start(aws, base);
        toClose.add(0, payments);

        // the queues' consumers, fed as Lambda's event source mappings feed them: fans' notifications (inbox and
        // e-mail into the SES stand-in) and a cancelled round's refunds
        DeliveringNotifications delivering = NotificationWiring.delivering(aws.dynamo(), aws.ses(),
                aws.functionEnvironment("NotificationFunction").get("NOTIFICATION_SENDER"),
                new DynamoNotificationLookups.Tables(aws.tableName("AccountsTable"), aws.tableName("CatalogTable"),
                        aws.tableName("SeatsTable"), aws.tableName("OrdersTable")), Clock.systemUTC());
        aws.lambdas().register("NotificationFunction",
                SqsBatches.overJson(event -> SqsNotifications.handle(delivering, event))::apply);
        aws.sqsEventSource("NotificationFunction", null);
        aws.sqsEventSource("RoundRefundFunction", null);
        schedules.scheduleWithFixedDelay(() -> safely(payments::sweep), 1, 1, TimeUnit.MINUTES);
        LocalAccounts accounts = LocalAccounts.start(aws, DevKeys.loadOrCreate(root.resolve(".madang/dev-keys")),
                base, payments.secretKey(), "http://localhost:" + sitePort);
        toClose.addAll(0, accounts.closeables());
        // sign-up never makes an admin: the bootstrap command's code path does, before the API is up
        LocalAccounts.Credentials admin = accounts.createAdmin(root.resolve(".madang/local-admin-login.json"));
        Map<String, String> environment = new java.util.LinkedHashMap<>(accounts.apiEnvironment());
        environment.putAll(payments.apiEnvironment());
        Process api = startApi(root, port, aws, environment);
        toClose.add(0, () -> {
            api.descendants().forEach(ProcessHandle::destroy);
            api.destroy();
            api.waitFor(20, TimeUnit.SECONDS);
        });
        waitForApi(base, api);
        LocalAccounts.Credentials fan = accounts.signUpDemoFan(root.resolve(".madang/local-fan-login.json"));
        // the web client reaches the API as deployed: CloudFront, then API Gateway's stage throttling, then the API
        ApiGatewayThrottle gateway = ApiGatewayThrottle.start(SamTemplate.loadRepositoryTemplate(), "HttpApi",
                URI.create(base), ApiGatewayThrottle.scaleFromSystemProperty(), 0);
        toClose.add(0, gateway);
        log("API Gateway throttle stand-in: %s (the template's route limits x %s)", gateway.endpoint(),
                gateway.scale());
        CloudFrontStandIn site = serveWebClient(root, aws, gateway.endpoint().toString(), sitePort,
                webConfig(accounts.portOneUrl(), payments.tossUrl()));
        if (site != null) {
            toClose.add(0, site);
        }
        log("recommendations computed: %s", recommendations.run());
        System.out.printf("%nMadang is running at %s%n", base);
        if (site != null) {
            System.out.printf("Web client: http://localhost:%d/   (the API under /v1 on the same origin, as deployed)%n",
                    site.port());
        } else {
            System.out.printf("Web client: not built; build it with `npm --prefix web ci && npm --prefix web run build`"
                    + " and restart to serve it on http://localhost:%d/%n", sitePort);
        }
        System.out.printf("  curl %s/v1/performances%n", base);
        System.out.printf("  curl %s/v1/rounds/%s/seats   (a %s-seat arena round)%n", base, demo.arenaRoundId(), "10,400");
        System.out.printf("  Swagger UI: %s/q/swagger-ui%n", base);
        System.out.printf("  admin %s, a verified demo fan %s; log in (answers an access token) with%n",
                admin.email(), fan.email());
        System.out.printf("    curl -H 'Content-Type: application/json' -d @%s %s/v1/auth/login%n",
                root.relativize(admin.loginFile()), base);
        System.out.printf("    curl -H 'Content-Type: application/json' -d @%s %s/v1/auth/login%n",
                root.relativize(fan.loginFile()), base);
        System.out.printf("  e-mail sent to fans (SES stand-in): %s%n", aws.sesStandIn().viewer());
        System.out.printf("  sandboxes: PortOne %s, Kakao %s, Naver %s (README, \"Accounts\"); Toss %s (\"Payments\")%n",
                accounts.portOneUrl(), accounts.kakaoUrl(), accounts.naverUrl(), payments.tossUrl());
        System.out.printf("Press Ctrl+C to stop.%n");
        api.waitFor();
    }

    /**
     * Publishes {@code web/dist} to the local WebBucket with the release step's code ({@link PublishWebClient}) and
     * this run's {@code config.json} ({@link #webConfig}), then serves the template's WebDistribution on {@code sitePort} (0: any free
     * port) with its API origin pointed at the local API. Returns the CloudFront stand-in (the caller stops it), or
     * null if the client is not built or the port is taken: the rest of the system runs without it.
     */
    static CloudFrontStandIn serveWebClient(Path root, LocalAws aws, String apiBase, int sitePort,
                                            Map<String, Object> webConfig) throws IOException {
        Path dist = root.resolve("web/dist");
        if (!PublishWebClient.isBuilt(dist)) {
            log("web client not built (no web/dist/index.html): npm --prefix web ci && npm --prefix web run build");
            return null;
        }
        byte[] config = new ObjectMapper().writeValueAsBytes(webConfig);
        String bucket = aws.bucketName("WebBucket");
        PublishWebClient.Published published = PublishWebClient.publish(aws.s3(), bucket, dist, config);
        log("web client: %s", PublishWebClient.summary(bucket, published));
        CloudFrontStandIn cloudFront;
        try {
            cloudFront = aws.cloudFront(Map.of("ApiOrigin", URI.create(apiBase)), sitePort);
        } catch (IllegalStateException portTaken) {
            log("web client not served: %s (choose another port with -Dmadang.site-port=...)", portTaken.getMessage());
            return null;
        }
        log("CloudFront stand-in: %s", cloudFront.describe());
        return cloudFront;
    }

    /**
     * The web client's runtime settings for this local run, published as its {@code config.json} (a deployment
     * publishes its own with {@code PublishWebClient --config}): the sandboxes' windows in place of the providers'
     * browser SDKs (PortOne's 본인인증 window, Toss's payment window) and the social logins on offer. The API needs no
     * setting: it is on the page's own origin under /v1, which the CloudFront stand-in routes to the local API as
     * CloudFront routes it to API Gateway.
     */
    static Map<String, Object> webConfig(URI portOneSandbox, URI tossSandbox) {
        return Map.of("identityVerificationUrl", PortOneSandbox.verificationWindow(portOneSandbox).toString(),
                "tossCheckoutUrl", TossSandbox.checkoutWindow(tossSandbox).toString(),
                "socialProviders", List.of("kakao", "naver"));
    }

    private static Process startApi(Path root, int port, LocalAws aws, Map<String, String> accountsEnvironment)
            throws IOException {
        Path logFile = root.resolve(".madang/api.log");
        Files.createDirectories(logFile.getParent());
        List<String> command = List.of(DevModeMaven.executable(root).toString(), "-q", "-f", root.resolve("functions/api/pom.xml").toString(),
                "quarkus:dev", "-Ddebug=false", "-Dquarkus.console.enabled=false", "-Dquarkus.analytics.disabled=true",
                "-Dquarkus.lambda.mock-event-server.dev-port=" + port, "-Dquarkus.test.continuous-testing=disabled");
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(logFile.toFile());
        pb.environment().putAll(aws.apiEnvironment());
        // the template's Lambda tuning, not for a dev-mode JVM
        pb.environment().remove("QUARKUS_PROFILE");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().putAll(accountsEnvironment);
        log("starting the API in Quarkus dev mode (log: %s)…", logFile);
        return pb.start();
    }

    private static void waitForApi(String base, Process api) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!api.isAlive()) {
                throw new IllegalStateException("the API process ended; see .madang/api.log");
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/time")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the API did not answer within 5 minutes; see .madang/api.log");
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log("scheduled job failed: %s", e);
        }
    }

    private static void closeAll(List<AutoCloseable> all) {
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception ignored) {
                // shutting down anyway
            }
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf("[madang-local] " + format + "%n", args);
    }
}
