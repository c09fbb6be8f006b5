package dev.madang.api;

import dev.madang.api.web.Stage;
import dev.madang.localstack.CloudFrontStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * What the seat map costs on the wire, as deployed: the requests go through the CloudFront stand-in serving the
 * template's WebDistribution (its {@code /v1/*} behaviours compress as CloudFront does) to the API on the local stack.
 * For the 10,400-seat arena and a 50,000-seat stadium: the seat status, its 304, the layout (plain and gzipped) and
 * the retired combined route beside them. Run
 * <pre>
 * mvn -q -pl functions/api -am verify -Dtest=SeatMapWireBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * and read the {@code key=value} lines.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class SeatMapWireBenchmark {

    /** Lambda's limit on a synchronous invocation's response (the HTTP API's answer body included). */
    static final long LAMBDA_RESPONSE_LIMIT = 6L * 1024 * 1024;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void bytes_on_the_wire_for_the_arena_and_a_stadium() throws Exception {
        String arena = Stage.arenaRoundOnSale("좌석 크기 아레나 " + System.nanoTime());
        String stadium = Stage.stadiumRoundOnSale("좌석 크기 경기장 " + System.nanoTime());
        Stage.refreshSeatMaps();
        try (CloudFrontStandIn edge = LocalAwsResource.aws().cloudFront(
                Map.of("ApiOrigin", URI.create("http://localhost:" + RestAssured.port)), 0)) {
            print("scenario", "GET through the CloudFront stand-in of the template's WebDistribution (gzip as "
                    + "CloudFront does) to the API on the local stack; bytes are the answer's body as sent");
            measure("arena", arena, edge.endpoint());
            measure("stadium", stadium, edge.endpoint());
        }
    }

    private void measure(String name, String roundId, URI edge) throws IOException, InterruptedException {
        Map<String, Object> round = given().get("/v1/rounds/" + roundId).then().statusCode(200).extract().path("");
        String layout = "/v1/venues/" + round.get("venueId") + "/layouts/" + round.get("layoutVersion");
        String status = "/v1/rounds/" + roundId + "/seat-status";

        HttpResponse<byte[]> plain = get(edge, status, "identity", null);
        print(name + "_status_bytes", plain.body().length);
        print(name + "_status_gzip_bytes", get(edge, status, "gzip", null).body().length);
        HttpResponse<byte[]> unchanged = get(edge, status, "gzip", plain.headers().firstValue("ETag").orElseThrow());
        print(name + "_status_unchanged_http_status", unchanged.statusCode());
        print(name + "_status_unchanged_bytes", unchanged.body().length);
        print(name + "_status_cache_control", String.join(", ", plain.headers().allValues("Cache-Control")));

        long layoutBytes = get(edge, layout, "identity", null).body().length;
        HttpResponse<byte[]> layoutGzip = get(edge, layout, "gzip", null);
        print(name + "_layout_bytes", layoutBytes);
        print(name + "_layout_gzip_bytes", layoutGzip.body().length);
        print(name + "_layout_content_encoding", layoutGzip.headers().firstValue("Content-Encoding").orElse("none"));
        print(name + "_layout_within_lambda_limit", layoutBytes < LAMBDA_RESPONSE_LIMIT);

        String combined = "/v1/rounds/" + roundId + "/seats";
        long combinedBytes = get(edge, combined, "identity", null).body().length;
        print(name + "_combined_seats_bytes", combinedBytes);
        print(name + "_combined_seats_gzip_bytes", get(edge, combined, "gzip", null).body().length);
        print(name + "_combined_seats_share_of_lambda_limit", String.format("%.2f",
                combinedBytes / (double) LAMBDA_RESPONSE_LIMIT));
    }

    private HttpResponse<byte[]> get(URI edge, String path, String encoding, String ifNoneMatch)
            throws IOException, InterruptedException {
        HttpRequest.Builder ask = HttpRequest.newBuilder(edge.resolve(path)).header("Accept-Encoding", encoding);
        if (ifNoneMatch != null) {
            ask.header("If-None-Match", ifNoneMatch);
        }
        HttpResponse<byte[]> answer = http.send(ask.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200 && answer.statusCode() != 304) {
            throw new IllegalStateException(path + " answered " + answer.statusCode());
        }
        return answer;
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }
}
