package dev.madang.localstack;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Step Functions endpoint: {@code localstack/sfn-bridge/server.mjs} (the aws-local-stepfunctions
 * interpreter behind the Step Functions JSON API) in a child Node.js process on a free loopback port.
 *
 * <p>Point an AWS SDK v2 {@code SfnClient} at {@link #endpoint()} (region {@value #REGION}, any static
 * credentials). Task states invoke Lambda functions through the Lambda Invoke API at the {@code lambdaEndpoint}
 * given to {@link #start}, typically a {@link LambdaDispatcher}: {@code arn:aws:states:::lambda:invoke},
 * {@code arn:aws:states:::lambda:invoke.waitForTaskToken} (completed with SendTaskSuccess / SendTaskFailure) and
 * plain Lambda function ARNs. ARNs name region {@value #REGION} and account {@value #ACCOUNT}.
 */
public final class SfnBridge implements AutoCloseable {

    /** Region in the bridge's ARNs. */
    public static final String REGION = "ap-northeast-2";
    /** Account in the bridge's ARNs. */
    public static final String ACCOUNT = "000000000000";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern READY = Pattern.compile("sfn-bridge listening on (\\d+)");

    private final NodeProcess process;
    private final URI endpoint;
    private final double waitScale;

    private SfnBridge(NodeProcess process, URI endpoint, double waitScale) {
        this.process = process;
        this.endpoint = endpoint;
        this.waitScale = waitScale;
    }

    /** Starts the bridge with real-time Wait states and Retry intervals. */
    public static SfnBridge start(Path localstackDir, URI lambdaEndpoint) {
        return start(localstackDir, lambdaEndpoint, 1.0);
    }

    /**
     * Starts the bridge and waits (at most 30 s) until it listens.
     *
     * @param localstackDir  the repository's {@code localstack/} folder (see {@link LocalstackDir#localstackDir()})
     * @param lambdaEndpoint base URL of the Lambda Invoke API that Task states call
     * @param waitScale      factor applied to Wait state durations and Retry intervals (1 = real time; 0.01 makes a
     *                       {@code "Seconds": 60} wait last 0.6 s). Task TimeoutSeconds and HeartbeatSeconds are
     *                       never scaled.
     * @throws IllegalStateException if Node.js or aws-local-stepfunctions is missing, or the bridge does not start
     */
    public static SfnBridge start(Path localstackDir, URI lambdaEndpoint, double waitScale) {
        Objects.requireNonNull(localstackDir, "localstackDir");
        Objects.requireNonNull(lambdaEndpoint, "lambdaEndpoint");
        if (!(waitScale >= 0) || Double.isInfinite(waitScale)) {
            throw new IllegalArgumentException("waitScale must be a non-negative number: " + waitScale);
        }
        Path script = localstackDir.resolve("sfn-bridge").resolve("server.mjs");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("the Step Functions bridge is missing: " + script);
        }
        Path library = localstackDir.resolve("node_modules").resolve("aws-local-stepfunctions")
                .resolve("package.json");
        if (!Files.isRegularFile(library)) {
            throw new IllegalStateException("aws-local-stepfunctions is not installed: " + library + " is missing. "
                    + "Run `npm ci --prefix localstack` in the repository root.");
        }
        AtomicInteger port = new AtomicInteger();
        NodeProcess process = NodeProcess.start("sfn-bridge", script, List.of(),
                Map.of("PORT", "0",
                        "LAMBDA_ENDPOINT", lambdaEndpoint.toString(),
                        "AWS_REGION", REGION,
                        "SFN_ACCOUNT_ID", ACCOUNT,
                        "SFN_WAIT_SCALE", Double.toString(waitScale),
                        "SFN_RETRY_SCALE", Double.toString(waitScale),
                        "SFN_BRIDGE_EXIT_ON_STDIN_EOF", "1"),
                line -> {
                    Matcher matcher = READY.matcher(line);
                    if (matcher.find()) {
                        port.set(Integer.parseInt(matcher.group(1)));
                        return true;
                    }
                    return false;
                },
                START_TIMEOUT);
        return new SfnBridge(process, URI.create("http://127.0.0.1:" + port.get()), waitScale);
    }

    /** The Step Functions endpoint, for {@code SfnClient.builder().endpointOverride(...)}. */
    public URI endpoint() {
        return endpoint;
    }

    /** The factor applied to Wait states and Retry intervals. */
    public double waitScale() {
        return waitScale;
    }

    /** Whether the bridge process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the bridge; its state machines and executions are gone. Idempotent. */
    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "SfnBridge[" + endpoint + ", " + process + "]";
    }
}
