package dev.madang.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The CloudFront stand-in serving the real template.yaml's WebDistribution over real HTTP: the web client's files
 * from the S3 stand-in (provisioned WebBucket), client-side routes through the template's own viewer-request
 * function (run by Node), and /v1 to a small origin server standing for the API, which records what reached it.
 */
class CloudFrontStandInTest {

    static final String INDEX = "<!doctype html><html><head><title>마당</title></head><body><div id=app></div>"
            + "<script type=module src=/assets/index-AbCd1234.js></script></body></html>";
    static final String APP_JS = "export const seats = [];\n".repeat(200); // 5 KB of compressible script
    static final String TINY_JS = "console.log(1);\n";
    static final byte[] LOGO = new byte[4096];
    static final String SEAT_MAP = "{\"roundId\":\"r1\",\"seats\":[" + "{\"id\":\"F1-1-10\",\"status\":\"AVAILABLE\"},"
            .repeat(1500) + "{}]}";
    static final String CONFLICT = "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,\"detail\":\""
            + "x".repeat(1200) + "\"}";

    static LocalAws aws;
    static HttpServer api;
    static CloudFrontStandIn cloudFront;
    static HttpClient http;
    static final AtomicReference<Received> lastApiRequest = new AtomicReference<>();
    static final java.util.concurrent.atomic.AtomicInteger statusAsked = new java.util.concurrent.atomic.AtomicInteger();
    static final java.util.concurrent.CountDownLatch firstStatusHeld = new java.util.concurrent.CountDownLatch(1);

    /** Holds the first seat-status request at the origin until the test lets it go (to show requests collapse). */
    private static void pauseFirstStatus(int asked) {
        if (asked == 1) {
            try {
                firstStatusHeld.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What the API origin received. */
    record Received(String method, String path, String rawQuery, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : String.join(",", values);
        }
    }

    @BeforeAll
    static void start() throws IOException {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/", CloudFrontStandInTest::answerAsTheApi);
        api.start();
        aws = LocalAws.start().provision(LocalAws.templatePath());
        String bucket = aws.bucketName("WebBucket");
        aws.s3().putObject(r -> r.bucket(bucket).key("index.html").contentType("text/html; charset=utf-8")
                .cacheControl("no-cache"), RequestBody.fromString(INDEX));
        aws.s3().putObject(r -> r.bucket(bucket).key("assets/index-AbCd1234.js")
                .contentType("text/javascript; charset=utf-8").cacheControl("public, max-age=31536000, immutable"),
                RequestBody.fromString(APP_JS));
        aws.s3().putObject(r -> r.bucket(bucket).key("assets/tiny-AbCd1234.js").contentType("text/javascript"),
                RequestBody.fromString(TINY_JS));
        aws.s3().putObject(r -> r.bucket(bucket).key("assets/logo-AbCd1234.png").contentType("image/png"),
                RequestBody.fromBytes(LOGO));
        aws.s3().putObject(r -> r.bucket(bucket).key("config.json").contentType("application/json")
                .cacheControl("no-cache"), RequestBody.fromString("{\"apiBase\":\"\"}"));
        cloudFront = aws.cloudFront(Map.of("ApiOrigin", URI.create("http://127.0.0.1:" + api.getAddress().getPort())),
                0);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close(); // stops the CloudFront stand-in too
        }
        if (api != null) {
            api.stop(0);
        }
    }

    @BeforeEach
    void forget() {
        lastApiRequest.set(null);
    }

    /** The API stand-in: records each request, answers by path. */
    private static void answerAsTheApi(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((n, v) -> headers.put(n.toLowerCase(Locale.ROOT), List.copyOf(v)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getRawPath();
            lastApiRequest.set(new Received(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                    headers, body));
            switch (path) {
                case "/v1/orders" -> {
                    exchange.getResponseHeaders().set("Location", "/v1/orders/o-1");
                    respond(exchange, 201, "application/json", "{\"orderId\":\"o-1\",\"received\":" + body + "}");
                }
                case "/v1/conflict" -> respond(exchange, 409, "application/problem+json", CONFLICT);
                case "/v1/rounds/r2/seat-status" -> {
                    int asked = statusAsked.incrementAndGet();
                    pauseFirstStatus(asked);
                    exchange.getResponseHeaders().set("ETag", "\"status-" + asked + "\"");
                    exchange.getResponseHeaders().set("Cache-Control", "public, max-age=1");
                    respond(exchange, 200, "application/json", "{\"taken\":\"AAAA\",\"asked\":" + asked + "}");
                }
                case "/v1/rounds/r1/seats" -> {
                    exchange.getResponseHeaders().set("ETag", "\"seats-v1\"");
                    exchange.getResponseHeaders().set("Cache-Control", "public, max-age=1");
                    respond(exchange, 200, "application/json", SEAT_MAP);
                }
                default -> respond(exchange, 200, "application/json", "{\"path\":\"" + path + "\"}");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(cloudFront.endpoint().resolve(path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // --------------------------------------------------------------------------------------------------
    // the web client's files
    // --------------------------------------------------------------------------------------------------

    @Test
    void the_root_is_the_default_root_object() throws Exception {
        HttpResponse<byte[]> root = get("/");
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(text(root)).isEqualTo(INDEX);
        assertThat(root.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(root.headers().firstValue("cache-control")).hasValue("no-cache");
        assertThat(root.headers().firstValue("x-cache")).hasValue("Miss from cloudfront");
        assertThat(root.headers().firstValue("via")).hasValueSatisfying(v -> assertThat(v).contains("CloudFront"));
    }

    @Test
    void a_client_side_route_gets_index_html_from_the_templates_own_function() throws Exception {
        for (String route : List.of("/performances/abc", "/performances/abc/rounds/r1?seat=F1", "/me/bookings/")) {
            HttpResponse<byte[]> page = get(route);
            assertThat(page.statusCode()).as(route).isEqualTo(200);
            assertThat(text(page)).as(route).isEqualTo(INDEX);
        }
        assertThat(text(get("/config.json"))).as("a file is not rewritten").isEqualTo("{\"apiBase\":\"\"}");
    }

    @Test
    void a_missing_file_is_403_as_s3_answers_cloudfront_without_list_permission() throws Exception {
        HttpResponse<byte[]> missing = get("/assets/index-Gone0000.js");
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(text(missing)).contains("<Code>AccessDenied</Code>");
        assertThat(missing.headers().firstValue("x-cache")).hasValue("Error from cloudfront");
    }

    @Test
    void an_asset_keeps_its_cache_control_and_is_gzipped_only_when_asked() throws Exception {
        HttpResponse<byte[]> plain = get("/assets/index-AbCd1234.js");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(text(plain)).isEqualTo(APP_JS);
        assertThat(plain.headers().firstValue("content-encoding")).isEmpty();
        assertThat(plain.headers().firstValue("content-length")).hasValue(String.valueOf(APP_JS.length()));
        assertThat(plain.headers().firstValue("cache-control")).hasValue("public, max-age=31536000, immutable");
        String etag = plain.headers().firstValue("etag").orElseThrow();
        assertThat(etag).startsWith("\"");

        HttpResponse<byte[]> gzipped = get("/assets/index-AbCd1234.js", "Accept-Encoding", "gzip, deflate, br");
        assertThat(gzipped.headers().firstValue("content-encoding")).hasValue("gzip");
        assertThat(gzipped.headers().firstValue("vary")).hasValue("Accept-Encoding");
        assertThat(gzipped.headers().firstValue("etag")).as("CloudFront makes the ETag weak").hasValue("W/" + etag);
        assertThat(gzipped.headers().firstValue("cache-control")).hasValue("public, max-age=31536000, immutable");
        assertThat(gzipped.body().length).isLessThan(APP_JS.length() / 10);
        assertThat(gunzip(gzipped.body())).isEqualTo(APP_JS);

        assertThat(get("/assets/index-AbCd1234.js", "Accept-Encoding", "br").headers().firstValue("content-encoding"))
                .as("no brotli encoder locally: uncompressed").isEmpty();
        assertThat(get("/assets/index-AbCd1234.js", "Accept-Encoding", "gzip;q=0").headers()
                .firstValue("content-encoding")).isEmpty();
        HttpResponse<byte[]> tiny = get("/assets/tiny-AbCd1234.js", "Accept-Encoding", "gzip");
        assertThat(tiny.headers().firstValue("content-encoding")).as("under 1,000 bytes").isEmpty();
        assertThat(text(tiny)).isEqualTo(TINY_JS);
        HttpResponse<byte[]> logo = get("/assets/logo-AbCd1234.png", "Accept-Encoding", "gzip");
        assertThat(logo.headers().firstValue("content-encoding")).as("not a type CloudFront compresses").isEmpty();
        assertThat(logo.body()).isEqualTo(LOGO);
    }

    @Test
    void a_conditional_get_of_an_unchanged_file_is_304() throws Exception {
        String etag = get("/assets/index-AbCd1234.js").headers().firstValue("etag").orElseThrow();
        HttpResponse<byte[]> same = get("/assets/index-AbCd1234.js", "If-None-Match", etag);
        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        assertThat(same.headers().firstValue("etag")).hasValue(etag);
        assertThat(same.headers().firstValue("cache-control")).hasValue("public, max-age=31536000, immutable");
        assertThat(get("/assets/index-AbCd1234.js", "If-None-Match", "W/" + etag, "Accept-Encoding", "gzip")
                .statusCode()).as("the weak ETag of the gzipped answer").isEqualTo(304);
        String lastModified = get("/").headers().firstValue("last-modified").orElseThrow();
        assertThat(get("/performances/abc", "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        assertThat(get("/assets/index-AbCd1234.js", "If-None-Match", "\"something-else\"").statusCode())
                .isEqualTo(200);
    }

    @Test
    void a_head_request_gets_the_headers_and_the_length() throws Exception {
        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(cloudFront.endpoint()
                .resolve("/assets/index-AbCd1234.js")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("content-length")).hasValue(String.valueOf(APP_JS.length()));
        assertThat(head.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
    }

    @Test
    void the_files_take_only_get_and_head() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(cloudFront.endpoint().resolve("/index.html"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(post.body()).contains("not configured to allow the HTTP request method");
    }

    // --------------------------------------------------------------------------------------------------
    // the API under /v1
    // --------------------------------------------------------------------------------------------------

    @Test
    void a_get_under_v1_reaches_the_api_with_its_query_authorization_and_cookies() throws Exception {
        HttpResponse<byte[]> answer = get("/v1/performances?q=%EB%A0%88%EB%AF%B8%EC%A0%9C&page=2",
                "Authorization", "Bearer fan-token", "Cookie", "session=s1; theme=dark", "X-Client", "web/1",
                "User-Agent", "madang-test");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(text(answer)).isEqualTo("{\"path\":\"/v1/performances\"}");
        assertThat(answer.headers().firstValue("content-type")).hasValue("application/json");

        Received got = lastApiRequest.get();
        assertThat(got.method()).isEqualTo("GET");
        assertThat(got.path()).isEqualTo("/v1/performances");
        assertThat(got.rawQuery()).isEqualTo("q=%EB%A0%88%EB%AF%B8%EC%A0%9C&page=2");
        assertThat(got.header("authorization")).isEqualTo("Bearer fan-token");
        assertThat(got.header("cookie")).isEqualTo("session=s1; theme=dark");
        assertThat(got.header("x-client")).isEqualTo("web/1");
        assertThat(got.header("user-agent")).isEqualTo("madang-test");
        assertThat(got.header("x-forwarded-for")).isEqualTo("127.0.0.1");
        assertThat(got.header("host")).as("AllViewerExceptHostHeader: the origin's own host")
                .isEqualTo("127.0.0.1:" + api.getAddress().getPort());
        assertThat(got.header("x-amz-cf-id")).isNotBlank();
    }

    @Test
    void a_post_reaches_the_api_with_its_body_and_the_answer_comes_back_as_it_was() throws Exception {
        String order = "{\"holdId\":\"h-1\",\"seats\":[\"F1-1-10\"]}";
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(cloudFront.endpoint().resolve("/v1/orders"))
                .header("Content-Type", "application/json").header("Idempotency-Key", "k-123")
                .POST(HttpRequest.BodyPublishers.ofString(order)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("location")).hasValue("/v1/orders/o-1");
        assertThat(created.body()).isEqualTo("{\"orderId\":\"o-1\",\"received\":" + order + "}");
        Received got = lastApiRequest.get();
        assertThat(got.method()).isEqualTo("POST");
        assertThat(got.body()).isEqualTo(order);
        assertThat(got.header("content-type")).isEqualTo("application/json");
        assertThat(got.header("idempotency-key")).isEqualTo("k-123");

        HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(cloudFront.endpoint().resolve("/v1/holds/h-1"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(lastApiRequest.get().method()).isEqualTo("DELETE");
    }

    @Test
    void an_api_error_is_passed_through_untouched() throws Exception {
        HttpResponse<byte[]> conflict = get("/v1/conflict", "Accept-Encoding", "gzip");
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(conflict.headers().firstValue("content-encoding")).isEmpty();
        assertThat(text(conflict)).isEqualTo(CONFLICT);
    }

    @Test
    void the_seat_map_goes_to_the_api_with_nothing_of_the_viewer_but_its_encoding_and_comes_back_gzipped()
            throws Exception {
        HttpResponse<byte[]> seats = get("/v1/rounds/r1/seats?cacheBust=1", "Accept-Encoding", "gzip, br",
                "Authorization", "Bearer fan-token", "Cookie", "session=s1");
        assertThat(seats.statusCode()).isEqualTo(200);
        assertThat(seats.headers().firstValue("content-encoding")).hasValue("gzip");
        assertThat(seats.headers().firstValue("vary")).hasValue("Accept-Encoding");
        assertThat(seats.headers().firstValue("etag")).hasValue("W/\"seats-v1\"");
        assertThat(seats.headers().firstValue("cache-control")).hasValue("public, max-age=1");
        assertThat(gunzip(seats.body())).isEqualTo(SEAT_MAP);
        assertThat(seats.body().length).isLessThan(SEAT_MAP.length() / 20);

        Received got = lastApiRequest.get();
        assertThat(got.path()).isEqualTo("/v1/rounds/r1/seats");
        assertThat(got.rawQuery()).as("no query strings in the seat map's cache key").isNull();
        assertThat(got.headers()).as("a shared answer: no Authorization or cookies reach the API")
                .doesNotContainKeys("authorization", "cookie");
        assertThat(got.header("accept-encoding")).isEqualTo("br,gzip");

        assertThat(get("/v1/rounds/r1/seats", "If-None-Match", "W/\"seats-v1\"", "Accept-Encoding", "gzip")
                .statusCode()).isEqualTo(304);
        HttpResponse<byte[]> identity = get("/v1/rounds/r1/seats");
        assertThat(identity.headers().firstValue("content-encoding")).isEmpty();
        assertThat(text(identity)).isEqualTo(SEAT_MAP);
    }

    @Test
    void a_seat_status_is_kept_at_the_edge_for_its_second_and_viewers_asking_at_once_cost_one_origin_request()
            throws Exception {
        // forty viewers ask at once while the origin is slow: one origin request, one answer for all
        int before = cloudFront.originRequestCount();
        java.util.concurrent.ExecutorService viewers = java.util.concurrent.Executors.newFixedThreadPool(40);
        List<java.util.concurrent.Future<HttpResponse<byte[]>>> asked = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            asked.add(viewers.submit(() -> get("/v1/rounds/r2/seat-status", "Accept-Encoding", "gzip")));
        }
        Thread.sleep(300); // all forty are at the edge, the first at the origin
        firstStatusHeld.countDown();
        List<String> bodies = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<HttpResponse<byte[]>> answer : asked) {
            assertThat(answer.get().statusCode()).isEqualTo(200);
            bodies.add(text(answer.get()));
        }
        viewers.shutdown();
        assertThat(cloudFront.originRequestCount() - before).isEqualTo(1);
        assertThat(bodies).containsOnly("{\"taken\":\"AAAA\",\"asked\":1}");

        // within the second: from the edge, a 304 for a viewer who has it, nothing asked of the origin
        HttpResponse<byte[]> again = get("/v1/rounds/r2/seat-status", "Accept-Encoding", "gzip");
        assertThat(again.headers().firstValue("x-cache")).hasValue("Hit from cloudfront");
        assertThat(again.headers().firstValue("age")).isPresent();
        HttpResponse<byte[]> unchanged = get("/v1/rounds/r2/seat-status", "If-None-Match", "\"status-1\"",
                "Accept-Encoding", "gzip");
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(cloudFront.originRequestCount() - before).isEqualTo(1);

        // after its second (max-age=1, the policy's minimum and maximum TTL 1): asked of the origin again
        Thread.sleep(1100);
        HttpResponse<byte[]> later = get("/v1/rounds/r2/seat-status", "Accept-Encoding", "gzip");
        assertThat(later.headers().firstValue("x-cache")).hasValue("Miss from cloudfront");
        assertThat(text(later)).isEqualTo("{\"taken\":\"AAAA\",\"asked\":2}");
        assertThat(cloudFront.originRequestCount() - before).isEqualTo(2);
    }

    @Test
    void what_the_api_answers_under_v1_is_never_kept() throws Exception {
        int before = cloudFront.originRequestCount();
        get("/v1/performances");
        HttpResponse<byte[]> second = get("/v1/performances");
        assertThat(second.headers().firstValue("x-cache")).hasValue("Miss from cloudfront");
        assertThat(cloudFront.originRequestCount() - before).isEqualTo(2);
    }

    @Test
    void edge_ttls_follow_the_origin_between_the_policys_bounds() {
        CloudFrontDistribution.CachePolicy policy = new CloudFrontDistribution.CachePolicy("p", 1, 86_400, 31_536_000,
                true, false, CloudFrontDistribution.Forwarding.NONE, CloudFrontDistribution.Forwarding.NONE,
                CloudFrontDistribution.Forwarding.NONE);
        assertThat(CloudFrontStandIn.ttlSeconds(policy, null)).isEqualTo(86_400);
        assertThat(CloudFrontStandIn.ttlSeconds(policy, "public, max-age=31536000, immutable")).isEqualTo(31_536_000);
        assertThat(CloudFrontStandIn.ttlSeconds(policy, "public, max-age=0")).isEqualTo(1);
        assertThat(CloudFrontStandIn.ttlSeconds(policy, "max-age=60, s-maxage=5")).isEqualTo(5);
        assertThat(CloudFrontStandIn.ttlSeconds(policy, "no-cache")).isEqualTo(1);
        assertThat(CloudFrontStandIn.ttlSeconds(policy, "private, max-age=600")).isEqualTo(1);
    }

    @Test
    void an_origin_that_cannot_be_reached_is_502() throws Exception {
        int closed = NodeProcess.freePort();
        try (CloudFrontStandIn unreachable = aws.cloudFront("WebDistribution",
                Map.of("ApiOrigin", URI.create("http://127.0.0.1:" + closed)), 0)) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(unreachable.endpoint()
                    .resolve("/v1/time")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(502);
            assertThat(answer.body()).contains("The request could not be satisfied");
            assertThat(http.send(HttpRequest.newBuilder(unreachable.endpoint().resolve("/")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as("the bucket still answers").isEqualTo(200);
        }
    }

    @Test
    void every_custom_origin_needs_a_local_url_and_what_has_no_local_meaning_is_listed() {
        assertThatThrownBy(() -> aws.cloudFront(Map.of(), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ApiOrigin");
        assertThatThrownBy(() -> aws.cloudFront(Map.of("ApiOrigin", URI.create("http://127.0.0.1:1"),
                "WebBucketOrigin", URI.create("http://127.0.0.1:2")), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WebBucketOrigin");
        assertThat(cloudFront.notApplied())
                .anySatisfy(line -> assertThat(line).contains("ViewerProtocolPolicy"))
                .anySatisfy(line -> assertThat(line).contains("no edge cache"));
        assertThat(cloudFront.describe()).contains("/v1/rounds/*/seats -> ApiOrigin")
                .contains("* (default) -> WebBucketOrigin (s3://webbucket)");
    }
}
