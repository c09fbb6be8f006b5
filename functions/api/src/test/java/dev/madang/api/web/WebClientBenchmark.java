package dev.madang.api.web;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import dev.madang.api.LocalAwsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * What a fan's phone pays for the arena's seat map, side by side with an empty page built by the same toolchain
 * (Vite + Preact, {@code web/empty}): the time from navigation to the first interactive map (the client's
 * {@code madang:interactive} mark; the empty page marks its first render the same way) and the JavaScript shipped,
 * compressed as CloudFront sends it. Fresh browser profile each load (nothing cached), loads alternating between the two
 * pages so that the machine's noise hits both alike; medians and their ratio. Not a test (no assertion on time): run
 * <pre>
 * mvn -q -pl functions/api -am verify -Dtest=WebClientBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * and read the {@code key=value} lines. {@code -Dmadang.benchmark.loads=N} sets the loads per page (default 7).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class WebClientBenchmark {

    @Test
    void time_to_an_interactive_arena_map_and_javascript_shipped_against_an_empty_page() throws IOException {
        int loads = Integer.getInteger("madang.benchmark.loads", 7);
        String roundId = Stage.arenaRoundOnSale("벤치마크 아레나 " + Stage.hangul(3));
        Path mixed = withEmptyPage();
        try (WebSite site = WebSite.start(mixed); Browser browser = Browser.launch()) {
            List<Load> client = new ArrayList<>();
            List<Load> empty = new ArrayList<>();
            load(browser, site.url("/rounds/" + roundId)); // warms the API's caches, as a crowd's first fan does
            for (int i = 0; i < loads; i++) {
                client.add(load(browser, site.url("/rounds/" + roundId)));
                empty.add(load(browser, site.url("/empty.html")));
            }
            double clientMs = median(client.stream().map(Load::interactiveMs).toList());
            double emptyMs = median(empty.stream().map(Load::interactiveMs).toList());
            long clientJs = client.get(0).scriptBytes();
            long emptyJs = empty.get(0).scriptBytes();
            print("arena_seats", 10_400);
            print("loads_per_page", loads);
            print("client_interactive_ms_median", clientMs);
            print("empty_interactive_ms_median", emptyMs);
            print("interactive_ratio", clientMs / emptyMs);
            print("client_js_bytes_compressed", clientJs);
            print("empty_js_bytes_compressed", emptyJs);
            print("js_ratio", (double) clientJs / emptyJs);
            print("client_js_requests", client.get(0).scripts());
            print("seat_map_json_bytes_compressed", client.get(0).seatMapBytes());
            // how much of the wait is the seat map's answer (API, Lambda round trip, compression), not the client
            print("seat_map_response_ms_median", median(client.stream().map(Load::seatMapMs).toList()));
        } finally {
            try (Stream<Path> files = Files.walk(mixed)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    record Load(double interactiveMs, long scriptBytes, int scripts, long seatMapBytes, double seatMapMs) {
    }

    private static Load load(Browser browser, String url) {
        Page page = browser.phone();
        AtomicLong scriptBytes = new AtomicLong();
        AtomicLong scripts = new AtomicLong();
        AtomicLong seatMap = new AtomicLong();
        double[] seatMapMs = {0};
        page.onRequestFinished(request -> {
            Response response = request.response();
            long body = request.sizes().responseBodySize;
            if ("script".equals(request.resourceType())) {
                scriptBytes.addAndGet(body);
                scripts.incrementAndGet();
            } else if (response != null && request.url().endsWith("/seats")) {
                seatMap.addAndGet(body);
                seatMapMs[0] = request.timing().responseEnd - request.timing().requestStart;
            }
        });
        page.navigate(url);
        page.waitForFunction("() => performance.getEntriesByName('madang:interactive').length > 0");
        double ms = ((Number) page.evaluate("() => performance.getEntriesByName('madang:interactive')[0].startTime"))
                .doubleValue();
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        page.context().close();
        return new Load(ms, scriptBytes.get(), (int) scripts.get(), seatMap.get(), seatMapMs[0]);
    }

    /** web/dist with the empty page beside it ({@code /empty.html} and its chunk), published together. */
    private static Path withEmptyPage() throws IOException {
        Path mixed = Files.createTempDirectory("madang-web-bench");
        Path empty = WebClient.root().resolve("dist-empty");
        if (!Files.isRegularFile(empty.resolve("index.html"))) {
            throw new IllegalStateException("web/dist-empty is not built: npm --prefix web run build:empty");
        }
        copy(WebClient.dist(), mixed);
        copy(empty.resolve("assets"), mixed.resolve("assets"));
        Files.copy(empty.resolve("index.html"), mixed.resolve("empty.html"));
        return mixed;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(f -> {
                try {
                    Path target = to.resolve(from.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + (value instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : value));
    }
}
