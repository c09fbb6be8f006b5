package dev.madang.benchmarks;

import dev.madang.benchmarks.lambda.HoldRouteStage;
import dev.madang.benchmarks.lambda.LambdaProcess;
import dev.madang.benchmarks.lambda.RuntimeApiEndpoint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The hold route's own CPU per warm request beside the bare app's route (issue 17). Each artifact runs in its own
 * JVM as Lambda runs it (runtime interface client, local Runtime API endpoint, one request at a time as a Lambda
 * instance takes them); after {@code bench.warmup} requests (default 1,000, so the JIT has compiled the path) the JVM's
 * CPU time (user + system, every thread: the runtime client, Quarkus, the AWS SDK, GC) is read before and after
 * {@code bench.requests} more (default 1,000). DynamoDB is the local stack's stand-in, a separate process whose CPU is
 * not counted; the network wait is not CPU. Each hold is a new fan's, for a seat nobody holds, so none is refused:
 * one conditional write for the seat and one for the fan's ledger, as in an on-sale. The two JVMs are measured
 * {@code bench.runs} times alternately (default 2) and the lower figure of each is kept (the noise of a shared machine
 * only adds).
 */
public final class WarmCostBenchmark {

    private WarmCostBenchmark() {
    }

    record Cost(double cpuMicros, double wallMicros, Map<Integer, Integer> statuses) {
    }

    public static void main(String[] args) throws Exception {
        int warmup = Integer.getInteger("bench.warmup", 1000);
        int requests = Integer.getInteger("bench.requests", 1000);
        int runs = Integer.getInteger("bench.runs", 2);
        Path work = HoldRouteStage.workDir();
        Path apiRoot = LambdaProcess.taskRoot(HoldRouteStage.apiFunctionZip(), work);
        Path bareRoot = LambdaProcess.taskRoot(HoldRouteStage.bareFunctionZip(), work);
        int rows = (warmup + requests) * runs / 50 + 1;
        Cost bare = null;
        Cost hold = null;
        try (HoldRouteStage stage = new HoldRouteStage(rows)) {
            for (int i = 0; i < runs; i++) {
                bare = lower(bare, measure(stage.runtimeApi(), bareRoot, stage.bareFunctionEnvironment(),
                        HoldRouteStage::pingEvent, warmup, requests, work.resolve("bare-warm.log")));
                hold = lower(hold, measure(stage.runtimeApi(), apiRoot, stage.holdFunctionEnvironment(),
                        stage::holdEvent, warmup, requests, work.resolve("madang-hold-warm.log")));
            }
        }
        System.out.println("scenario=" + requests + " requests after " + warmup + " warm-up, one at a time, "
                + runs + " runs alternated (lowest kept); JVM " + Runtime.version() + ", flags "
                + HoldRouteStage.jvmFlags() + " + the template's JAVA_TOOL_OPTIONS");
        System.out.println(String.format(Locale.ROOT, "bare_cpu_us_per_request=%.0f", bare.cpuMicros()));
        System.out.println(String.format(Locale.ROOT, "madang_hold_cpu_us_per_request=%.0f", hold.cpuMicros()));
        System.out.println(String.format(Locale.ROOT, "warm_cpu_ratio=%.2f", hold.cpuMicros() / bare.cpuMicros()));
        System.out.println(String.format(Locale.ROOT, "bare_wall_us_per_request=%.0f", bare.wallMicros()));
        System.out.println(String.format(Locale.ROOT, "madang_hold_wall_us_per_request=%.0f", hold.wallMicros()));
        System.out.println("statuses=bare:" + bare.statuses() + " madang_hold:" + hold.statuses());
    }

    private static Cost lower(Cost kept, Cost measured) {
        return kept == null || measured.cpuMicros() < kept.cpuMicros() ? measured : kept;
    }

    private static Cost measure(RuntimeApiEndpoint runtimeApi, Path taskRoot, Map<String, String> env,
                                Supplier<byte[]> event, int warmup, int requests, Path log) throws Exception {
        runtimeApi.reset();
        Map<Integer, Integer> statuses = new TreeMap<>();
        try (LambdaProcess function = LambdaProcess.start(taskRoot, LambdaProcess.QUARKUS_HANDLER,
                HoldRouteStage.jvmFlags(), env, runtimeApi, log)) {
            for (int i = 0; i < warmup; i++) {
                answer(runtimeApi, event.get(), log);
            }
            Duration cpuBefore = function.cpuTime();
            long wallBefore = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                statuses.merge(HoldRouteStage.status(answer(runtimeApi, event.get(), log)), 1, Integer::sum);
            }
            long wall = System.nanoTime() - wallBefore;
            Duration cpu = function.cpuTime().minus(cpuBefore);
            return new Cost(cpu.toNanos() / 1000.0 / requests, wall / 1000.0 / requests, statuses);
        }
    }

    private static RuntimeApiEndpoint.Answer answer(RuntimeApiEndpoint runtimeApi, byte[] event, Path log)
            throws Exception {
        try {
            return runtimeApi.invoke(event).get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no answer within 60 s; init error: " + runtimeApi.initError()
                    + "; see " + log, e);
        }
    }
}
