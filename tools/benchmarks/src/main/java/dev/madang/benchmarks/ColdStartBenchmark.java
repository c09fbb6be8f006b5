package dev.madang.benchmarks;

import dev.madang.benchmarks.lambda.HoldRouteStage;
import dev.madang.benchmarks.lambda.LambdaProcess;
import dev.madang.benchmarks.lambda.RuntimeApiEndpoint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Cold start as Lambda runs it (issue 17): for each artifact, a new JVM started by the runtime interface client
 * against a local Runtime API endpoint with one event already waiting, timed from the JVM's start to the answer.
 * Four kinds, alternated {@code bench.runs} times (default 5) so that the machine's noise falls on all alike:
 * <ul>
 *   <li>{@code bare}: the bare Quarkus lambda-http app ({@code tools/bare-lambda}), its one route;</li>
 *   <li>{@code madang_hold}: the API artifact, {@code POST /v1/holds} by a signed fan for a free seat, DynamoDB on the
 *       local stack, with the hold function's environment from the template;</li>
 *   <li>{@code bare_snapstart} and {@code madang_hold_snapstart}: the same two under SnapStart's sequence
 *       ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}): after init the runtime client runs the CRaC
 *       {@code beforeCheckpoint} hooks (Quarkus' own, and Madang's priming of the hold route), asks to be restored and
 *       runs the {@code afterRestore} hooks before taking the event. The first request is then what a fan waits for
 *       after a restore, less the restore itself: restoring a snapshot needs Lambda (or a CRaC JDK), so it is not
 *       measured here. {@code -Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac} lets {@code org.crac}
 *       resources register with the runtime client's context.</li>
 * </ul>
 * Same JVM, same flags, same environment variables of Lambda's for all. Prints medians as {@code key=value} lines.
 * Needs the artifacts built ({@code mvn -q install -DskipTests}).
 */
public final class ColdStartBenchmark {

    private ColdStartBenchmark() {
    }

    record Start(long initMs, long firstRequestMs, long totalMs, int status) {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 5);
        Path work = HoldRouteStage.workDir();
        Path apiRoot = LambdaProcess.taskRoot(HoldRouteStage.apiFunctionZip(), work);
        Path bareRoot = LambdaProcess.taskRoot(HoldRouteStage.bareFunctionZip(), work);
        List<Start> bare = new ArrayList<>();
        List<Start> hold = new ArrayList<>();
        List<Start> bareSnap = new ArrayList<>();
        List<Start> holdSnap = new ArrayList<>();
        try (HoldRouteStage stage = new HoldRouteStage(2)) {
            for (int i = 0; i < runs; i++) {
                bare.add(start(stage.runtimeApi(), bareRoot, stage.bareFunctionEnvironment(), false,
                        HoldRouteStage::pingEvent, work.resolve("bare.log")));
                hold.add(start(stage.runtimeApi(), apiRoot, stage.holdFunctionEnvironment(), false, stage::holdEvent,
                        work.resolve("madang-hold.log")));
                bareSnap.add(start(stage.runtimeApi(), bareRoot, stage.bareFunctionEnvironment(), true,
                        HoldRouteStage::pingEvent, work.resolve("bare-snapstart.log")));
                holdSnap.add(start(stage.runtimeApi(), apiRoot, stage.holdFunctionEnvironment(), true,
                        stage::holdEvent, work.resolve("madang-hold-snapstart.log")));
            }
        }
        System.out.println("scenario=" + runs + " cold starts each, alternated; JVM " + Runtime.version()
                + ", flags " + HoldRouteStage.jvmFlags() + " + the template's JAVA_TOOL_OPTIONS; RIC "
                + "com.amazonaws:aws-lambda-java-runtime-interface-client against a local Runtime API");
        print("bare", bare);
        print("madang_hold", hold);
        print("bare_snapstart", bareSnap);
        print("madang_hold_snapstart", holdSnap);
        System.out.println("cold_start_ratio="
                + ratio(median(hold, Start::totalMs), median(bare, Start::totalMs)));
        System.out.println("snapstart_first_request_ratio="
                + ratio(median(holdSnap, Start::firstRequestMs), median(bareSnap, Start::firstRequestMs)));
        System.out.println("statuses=bare:" + statuses(bare) + " madang_hold:" + statuses(hold)
                + " bare_snapstart:" + statuses(bareSnap) + " madang_hold_snapstart:" + statuses(holdSnap));
    }

    private static Start start(RuntimeApiEndpoint runtimeApi, Path taskRoot, Map<String, String> functionEnv,
                               boolean snapStart, Supplier<byte[]> event, Path log) throws Exception {
        runtimeApi.reset();
        Map<String, String> env = new LinkedHashMap<>(functionEnv);
        List<String> flags = HoldRouteStage.jvmFlags();
        if (snapStart) {
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
            flags.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
        }
        CompletableFuture<RuntimeApiEndpoint.Answer> answer = runtimeApi.invoke(event.get());
        long started = System.nanoTime();
        try (LambdaProcess function = LambdaProcess.start(taskRoot, LambdaProcess.QUARKUS_HANDLER, flags, env,
                runtimeApi, log)) {
            RuntimeApiEndpoint.Answer a = answer.get(120, TimeUnit.SECONDS);
            if (snapStart != runtimeApi.restored()) {
                throw new IllegalStateException("the function " + (snapStart ? "did not go" : "went")
                        + " through SnapStart's checkpoint; see " + log);
            }
            return new Start(TimeUnit.NANOSECONDS.toMillis(runtimeApi.firstNextNanos() - started), a.millis(),
                    TimeUnit.NANOSECONDS.toMillis(a.answeredNanos() - started), HoldRouteStage.status(a));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no answer within 120 s; init error: " + runtimeApi.initError()
                    + "; see " + log, e);
        }
    }

    private static void print(String name, List<Start> starts) {
        System.out.println(name + "_init_ms=" + median(starts, Start::initMs));
        System.out.println(name + "_first_request_ms=" + median(starts, Start::firstRequestMs));
        System.out.println(name + "_cold_start_ms=" + median(starts, Start::totalMs));
    }

    static long median(List<Start> starts, java.util.function.ToLongFunction<Start> figure) {
        long[] values = starts.stream().mapToLong(figure).sorted().toArray();
        return values[values.length / 2];
    }

    static String ratio(long a, long b) {
        return String.format(Locale.ROOT, "%.2f", (double) a / b);
    }

    private static String statuses(List<Start> starts) {
        return starts.stream().map(s -> String.valueOf(s.status())).distinct().sorted()
                .reduce((x, y) -> x + "," + y).orElse("");
    }
}
