package dev.madang.local;

import com.sun.net.httpserver.HttpServer;
import dev.madang.localstack.CloudFrontStandIn;
import dev.madang.localstack.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local runner's web client step ({@link MadangLocal#serveWebClient}) on a fake build: published to the
 * provisioned WebBucket with the runner's config.json, served by the CloudFront stand-in with /v1 going to a small
 * server standing for the API (the runner's Quarkus dev mode is too slow to start here).
 */
class WebClientServingTest {

    static LocalAws aws;
    static HttpServer api;
    static String apiBase;

    @BeforeAll
    static void start() throws IOException {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/v1/time", exchange -> {
            byte[] body = "{\"now\":\"2026-11-30T12:00:00+09:00\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        api.start();
        apiBase = "http://127.0.0.1:" + api.getAddress().getPort();
        aws = LocalAws.start().provision(LocalAws.templatePath());
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
        if (api != null) {
            api.stop(0);
        }
    }

    @Test
    void a_built_client_is_published_and_served_with_the_api_on_one_origin(@TempDir Path root) throws Exception {
        Path dist = root.resolve("web/dist");
        Files.createDirectories(dist.resolve("assets"));
        Files.writeString(dist.resolve("index.html"), "<!doctype html><script src=/assets/app-AbCd1234.js></script>");
        Files.writeString(dist.resolve("assets/app-AbCd1234.js"), "console.log('마당');");

        try (CloudFrontStandIn site = MadangLocal.serveWebClient(root, aws, apiBase, 0, Map.of("apiBase", ""))) {
            assertThat(site).isNotNull();
            HttpClient http = HttpClient.newHttpClient();
            URI base = site.endpoint();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve("/performances/p-1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("app-AbCd1234.js");
            HttpResponse<String> config = http.send(HttpRequest.newBuilder(base.resolve("/config.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(config.body()).isEqualTo("{\"apiBase\":\"\"}");
            assertThat(config.headers().firstValue("cache-control")).hasValue("no-cache");
            HttpResponse<String> time = http.send(HttpRequest.newBuilder(base.resolve("/v1/time")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(time.statusCode()).isEqualTo(200);
            assertThat(time.body()).contains("2026-11-30");
        }
    }

    @Test
    void without_a_build_nothing_is_served(@TempDir Path root) throws Exception {
        assertThat(MadangLocal.serveWebClient(root, aws, apiBase, 0, Map.of("apiBase", ""))).isNull();
    }

    @Test
    void the_web_config_sends_the_client_to_the_sandboxes_windows() {
        assertThat(MadangLocal.webConfig(URI.create("http://127.0.0.1:7001"), URI.create("http://127.0.0.1:7002")))
                .containsEntry("identityVerificationUrl", "http://127.0.0.1:7001/sandbox/identity-verification-window")
                .containsEntry("tossCheckoutUrl", "http://127.0.0.1:7002/sandbox/checkout")
                .containsEntry("socialProviders", java.util.List.of("kakao", "naver"));
    }
}
