package dev.madang.benchmarks;

import dev.madang.benchmarks.lambda.HoldRouteStage;
import dev.madang.benchmarks.lambda.LambdaProcess;
import dev.madang.benchmarks.lambda.RuntimeApiEndpoint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The hold route's own CPU per warm request beside a bare endpoint of the same app (issue 17), and beside a bare
 * Quarkus app built the same way.
 *
 * <p>Each artifact runs in its own JVM as Lambda runs it (runtime interface client, local Runtime API endpoint, one
 * request at a time as a Lambda instance takes them). In the Madang JVM two routes are measured: the hold, and the
 * app's bare endpoint {@code GET /v1/time} (reads nothing, needs no token), so both pay the same runtime client,
 * lambda-http, JAX-RS and app filters, in the same JIT state. After {@code bench.warmup} requests of each route
 * (default 1,000, so the JIT has compiled the paths) the JVM's CPU time (user + system, every thread: the runtime
 * client, Quarkus, the AWS SDK, GC, the JIT) is read around blocks of {@value #BLOCK} requests of one route,
 * alternating routes, {@code bench.requests} per route (default 1,000): alternating spreads the JVM's background work
 * (compilation, GC) over both routes instead of charging it to whichever ran first.
 *
 * <p>DynamoDB is the local stack's stand-in, a separate process whose CPU is not counted; the network wait is not
 * CPU. Each hold is a new fan's (a new token to verify), for a seat nobody holds, so none is refused: the
 * Idempotency-Key's binding, the seat's conditional write and the fan's ledger, as in an on-sale. The JVMs are measured
 * {@code bench.runs} times (default 2) and the lower figure of each route is kept (the noise of a shared machine only
 * adds).
 */
public final class WarmCostBenchmark {

    static final int BLOCK = 100;

    private WarmCostBenchmark() {
    }

    record Cost(double cpuMicros, double wallMicros, Map<Integer, Integer> statuses) {
    }

    /** A route's events and what was measured of it. */
    private static final class Route {
        final Supplier<byte[]> events;
        final Map<Integer, Integer> statuses = new TreeMap<>();
        long cpuNanos;
        long wallNanos;
        int requests;

        Route(Supplier<byte[]> events) {
            this.events = events;
        }

        Cost cost() {
            return new Cost(cpuNanos / 1000.0 / requests, wallNanos / 1000.0 / requests, statuses);
        }
    }

    public static void main(String[] args) throws Exception {
        int warmup = Integer.getInteger("bench.warmup", 1000);
        int requests = Integer.getInteger("bench.requests", 1000);
        int runs = Integer.getInteger("bench.runs", 2);
        Path work = HoldRouteStage.workDir();
        Path apiRoot = LambdaProcess.taskRoot(HoldRouteStage.apiFunctionZip(), work);
        Path bareRoot = LambdaProcess.taskRoot(HoldRouteStage.bareFunctionZip(), work);
        int rows = (warmup + requests) * runs / 50 + 1;
        Cost bareApp = null;
        Cost serverTime = null;
        Cost hold = null;
        try (HoldRouteStage stage = new HoldRouteStage(rows)) {
            for (int i = 0; i < runs; i++) {
                Map<String, Cost> bare = measure(stage.runtimeApi(), bareRoot, stage.bareFunctionEnvironment(),
                        Map.of("ping", HoldRouteStage::pingEvent), warmup, requests, work.resolve("bare-warm.log"));
                bareApp = lower(bareApp, bare.get("ping"));
                Map<String, Supplier<byte[]>> routes = new LinkedHashMap<>();
                routes.put("time", HoldRouteStage::serverTimeEvent);
                routes.put("hold", stage::holdEvent);
                Map<String, Cost> madang = measure(stage.runtimeApi(), apiRoot, stage.holdFunctionEnvironment(),
                        routes, warmup, requests, work.resolve("madang-hold-warm.log"));
                serverTime = lower(serverTime, madang.get("time"));
                hold = lower(hold, madang.get("hold"));
            }
        }
        System.out.println("scenario=" + requests + " requests per route after " + warmup
                + " warm-up, one at a time, in alternating blocks of " + BLOCK + "; " + runs
                + " runs (lowest kept); JVM " + Runtime.version() + ", flags " + HoldRouteStage.jvmFlags()
                + " + the template's JAVA_TOOL_OPTIONS");
        print("madang_bare_route_cpu_us_per_request", serverTime.cpuMicros());
        print("madang_hold_cpu_us_per_request", hold.cpuMicros());
        print("warm_cpu_ratio", hold.cpuMicros() / serverTime.cpuMicros(), "%.2f");
        print("bare_app_cpu_us_per_request", bareApp.cpuMicros());
        print("warm_cpu_ratio_vs_bare_app", hold.cpuMicros() / bareApp.cpuMicros(), "%.2f");
        print("madang_bare_route_wall_us_per_request", serverTime.wallMicros());
        print("madang_hold_wall_us_per_request", hold.wallMicros());
        print("bare_app_wall_us_per_request", bareApp.wallMicros());
        System.out.println("statuses=bare_app:" + bareApp.statuses() + " madang_bare_route:" + serverTime.statuses()
                + " madang_hold:" + hold.statuses());
    }

    private static void print(String key, double value) {
        print(key, value, "%.0f");
    }

    private static void print(String key, double value, String format) {
        System.out.println(key + "=" + String.format(Locale.ROOT, format, value));
    }

    private static Cost lower(Cost kept, Cost measured) {
        return kept == null || measured.cpuMicros() < kept.cpuMicros() ? measured : kept;
    }

    private static Map<String, Cost> measure(RuntimeApiEndpoint runtimeApi, Path taskRoot, Map<String, String> env,
                                             Map<String, Supplier<byte[]>> events, int warmup, int requests, Path log)
            throws Exception {
        runtimeApi.reset();
        Map<String, Route> routes = new LinkedHashMap<>();
        events.forEach((name, supplier) -> routes.put(name, new Route(supplier)));
        try (LambdaProcess function = LambdaProcess.start(taskRoot, LambdaProcess.QUARKUS_HANDLER,
                HoldRouteStage.jvmFlags(), env, runtimeApi, log)) {
            for (int i = 0; i < warmup; i++) {
                for (Route route : routes.values()) {
                    answer(runtimeApi, route.events.get(), log);
                }
            }
            for (int done = 0; done < requests; done += BLOCK) {
                int block = Math.min(BLOCK, requests - done);
                for (Route route : routes.values()) {
                    Duration cpuBefore = function.cpuTime();
                    long wallBefore = System.nanoTime();
                    for (int i = 0; i < block; i++) {
                        int status = HoldRouteStage.status(answer(runtimeApi, route.events.get(), log));
                        route.statuses.merge(status, 1, Integer::sum);
                    }
                    route.wallNanos += System.nanoTime() - wallBefore;
                    route.cpuNanos += function.cpuTime().minus(cpuBefore).toNanos();
                    route.requests += block;
                }
            }
        }
        Map<String, Cost> costs = new LinkedHashMap<>();
        routes.forEach((name, route) -> costs.put(name, route.cost()));
        return costs;
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
