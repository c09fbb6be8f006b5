package dev.madang.benchmarks;

import dev.madang.benchmarks.lambda.HoldRouteStage;
import dev.madang.benchmarks.lambda.LambdaProcess;
import dev.madang.benchmarks.lambda.RuntimeApiEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cold-start and warm-cost benchmarks' harness does what they claim: the runtime interface client in a function's
 * JVM takes events from the local Runtime API and answers them, for the bare app and for the API artifact's hold
 * route; under SnapStart's sequence the checkpoint hooks run (Madang's priming among them, writing nothing) before the
 * first event. Figures are the benchmarks' business, not this test's.
 */
class LambdaRuntimeHarnessTest {

    private static HoldRouteStage stage;
    private static Path work;

    @BeforeAll
    static void stage() {
        stage = new HoldRouteStage(1);
        work = HoldRouteStage.workDir().resolve("test");
    }

    @AfterAll
    static void close() {
        stage.close();
    }

    @Test
    void the_bare_app_answers_its_route_through_the_runtime_api() throws Exception {
        RuntimeApiEndpoint runtimeApi = stage.runtimeApi();
        runtimeApi.reset();
        var first = runtimeApi.invoke(HoldRouteStage.pingEvent());
        try (LambdaProcess bare = LambdaProcess.start(LambdaProcess.taskRoot(HoldRouteStage.bareFunctionZip(), work),
                LambdaProcess.QUARKUS_HANDLER, HoldRouteStage.jvmFlags(), stage.bareFunctionEnvironment(),
                runtimeApi, work.resolve("bare.log"))) {
            RuntimeApiEndpoint.Answer answer = first.get(120, TimeUnit.SECONDS);
            assertThat(HoldRouteStage.status(answer)).isEqualTo(200);
            assertThat(answer.text()).contains("pong");
            // a second event goes to the same, now warm, process
            assertThat(HoldRouteStage.status(runtimeApi.invoke(HoldRouteStage.pingEvent()).get(30, TimeUnit.SECONDS)))
                    .isEqualTo(200);
            assertThat(bare.cpuTime()).isPositive();
        }
    }

    @Test
    void under_snapstart_the_hold_route_is_primed_without_a_write_and_then_holds() throws Exception {
        RuntimeApiEndpoint runtimeApi = stage.runtimeApi();
        runtimeApi.reset();
        Path log = work.resolve("madang-hold-snapstart.log");
        Files.deleteIfExists(log);
        Map<String, String> env = new LinkedHashMap<>(stage.holdFunctionEnvironment());
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        List<String> flags = new ArrayList<>(HoldRouteStage.jvmFlags());
        flags.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
        var first = runtimeApi.invoke(stage.holdEvent());
        try (LambdaProcess api = LambdaProcess.start(LambdaProcess.taskRoot(HoldRouteStage.apiFunctionZip(), work),
                LambdaProcess.QUARKUS_HANDLER, flags, env, runtimeApi, log)) {
            RuntimeApiEndpoint.Answer answer = first.get(120, TimeUnit.SECONDS);
            assertThat(HoldRouteStage.status(answer)).as(answer.text()).isEqualTo(201);
        }
        assertThat(runtimeApi.restored()).isTrue();
        String output = Files.readString(log);
        // both priming requests of the hold route went through (the HTTP path answered 401, the reads found nothing)
        assertThat(output).contains("SnapStart priming: 2 requests for [holds]").doesNotContain("priming of")
                .doesNotContain("not 401");
        // and nothing of the priming's was written anywhere
        for (String table : List.of("SeatsTable", "OrdersTable", "CatalogTable")) {
            assertThat(stage.aws().dynamo().scanPaginator(ScanRequest.builder()
                    .tableName(stage.aws().tableName(table)).build()).items().stream()
                    .filter(item -> item.toString().contains("snapstart-priming")).count()).as(table).isZero();
        }
    }
}
