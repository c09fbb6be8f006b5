package dev.madang.api.load;

import dev.madang.api.LocalAwsResource;
import dev.madang.api.TestTokens;
import dev.madang.api.web.Stage;
import dev.madang.localstack.ApiGatewayThrottle;
import dev.madang.localstack.SamTemplate;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The load test of the whole local system over HTTP: the {@link OnSaleRush} Gatling simulation against the API on the
 * local stack (dynalite, the Step Functions bridge, the Toss sandbox), with the seat-map refresher running every
 * second as deployed. Not a test (nothing asserted on speed): run
 * <pre>
 * mvn -q -pl functions/api -am verify -Pload -Dtest=OnSaleLoadBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * and read the {@code key=value} lines. {@code -Dload.buyers.per.s} (10), {@code -Dload.ramp.s} (10),
 * {@code -Dload.steady.s} (20) and {@code -Dload.viewers} (100) change the rush.
 *
 * <p>Gatling asks the API through {@link ApiGatewayThrottle}, the template's stage throttling, scaled by
 * {@code -Dmadang.throttle.scale} (default {@value #LOCAL_SCALE}: this machine serves about a hundredth of what
 * Lambda behind API Gateway does), so that overload is answered 429 as deployed.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class OnSaleLoadBenchmark {

    static final String LOCAL_SCALE = "0.01";

    @Test
    void an_opening_rush_of_buyers_and_viewers() throws Exception {
        String round = Stage.arenaRoundOnSale("부하 시험 " + System.nanoTime());
        double rate = Double.parseDouble(System.getProperty("load.buyers.per.s", "10"));
        int seconds = Integer.getInteger("load.ramp.s", 10) + Integer.getInteger("load.steady.s", 20);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < (int) Math.ceil(rate * seconds) + 100; i++) {
            tokens.add(TestTokens.fan("rush-" + UUID.randomUUID()));
        }
        Path tokenFile = Files.createTempFile("madang-load-tokens", ".txt");
        Files.write(tokenFile, tokens);
        double scale = Double.parseDouble(System.getProperty(ApiGatewayThrottle.SCALE_PROPERTY, LOCAL_SCALE));
        ApiGatewayThrottle throttle = ApiGatewayThrottle.start(SamTemplate.loadRepositoryTemplate(), "HttpApi",
                java.net.URI.create(RestAssured.baseURI + ":" + RestAssured.port), scale, 0);
        List<String> settings = List.of(
                "-Dload.api=" + throttle.endpoint(),
                "-Dload.toss=" + LocalAwsResource.toss().baseUrl(),
                "-Dload.round=" + round,
                "-Dload.tokens=" + tokenFile,
                "-Dload.buyers.per.s=" + rate,
                "-Dload.ramp.s=" + Integer.getInteger("load.ramp.s", 10),
                "-Dload.steady.s=" + Integer.getInteger("load.steady.s", 20),
                "-Dload.viewers=" + Integer.getInteger("load.viewers", 100));
        System.out.println("scenario=buyers at up to " + rate + "/s (ramp " + Integer.getInteger("load.ramp.s", 10)
                + " s, then steady " + Integer.getInteger("load.steady.s", 20) + " s), each a fan trying up to 3 "
                + "times to hold 2 floor seats side by side, then order, pay in the Toss sandbox's window and confirm; "
                + Integer.getInteger("load.viewers", 100) + " viewers polling the seat status every second; the API on "
                + "the local stack (one instance) behind the template's stage throttling scaled by " + scale
                + ", the refresher every second; 10,400-seat arena");

        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor();
        // built once: each refresher owns a pool of row-query threads
        refresher.scheduleAtFixedRate(Stage.seatMapRefresher(LocalAwsResource.aws().dynamo())::refreshRoundsOnSale, 0, 1,
                TimeUnit.SECONDS);
        try {
            Path results = Files.createTempDirectory("madang-gatling");
            // Gatling in a JVM of its own: it finds a simulation by class name with its own class loader, which in
            // this test JVM cannot see the test classes (Quarkus loads those), and the generator's CPU is then its own
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("--add-opens=java.base/java.lang=ALL-UNNAMED"); // as Gatling's own launcher runs it
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.addAll(settings);
            command.addAll(List.of("io.gatling.app.Gatling", "--simulation", OnSaleRush.class.getName(),
                    "--results-folder", results.toString(), "--no-reports"));
            Process gatling = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(gatling.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                // the simulation's key=value figures and any failure, through this JVM's output (Gatling's progress
                // tables every five seconds are left out)
                lines.lines().filter(line -> line.matches("^[a-z][a-z0-9_.-]*=.*") || line.contains("Exception")
                        || line.contains("ERROR")).forEach(System.out::println);
            }
            System.out.println("gatling_exit=" + gatling.waitFor());
            System.out.println("throttle.scale=" + scale);
            System.out.println("throttle.throttled=" + new java.util.TreeMap<>(throttle.throttledCounts()));
            System.out.println("throttle.forwarded=" + new java.util.TreeMap<>(throttle.forwardedCounts()));
        } finally {
            throttle.close();
            refresher.shutdownNow();
            Files.deleteIfExists(tokenFile);
        }
    }
}
