package dev.madang.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.madang.api.LocalAwsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web client's types are generated (openapi-typescript) from {@code web/openapi.json}, a copy of what this API
 * serves at {@code /q/openapi}. This test keeps the copy honest: the build fails when the API's contract changed and
 * the copy did not, so the client never compiles against a contract the API no longer has. Run it with
 * {@code -Dmadang.openapi.write=true} to refresh the copy, then rebuild the client (its type check shows what broke).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class OpenApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Test
    void the_web_clients_copy_of_the_contract_is_the_one_served() throws IOException {
        JsonNode served = JSON.readTree(given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
        String canonical = canonical(served);
        Path copy = WebClient.root().resolve("openapi.json");
        if (Boolean.getBoolean("madang.openapi.write")) {
            Files.writeString(copy, canonical);
        }
        assertThat(Files.exists(copy)).as("%s exists (write it with -Dmadang.openapi.write=true)", copy).isTrue();
        assertThat(Files.readString(copy))
                .as("web/openapi.json is what /q/openapi serves; refresh it with -Dmadang.openapi.write=true")
                .isEqualTo(canonical);
    }

    /**
     * Operations whose success answer has no body on purpose: Toss reads only the status. (SmallRye still lists an
     * empty JSON schema for it, as for any method returning {@code Response}; no client of ours calls it.)
     */
    private static final Map<String, String> EMPTY_SUCCESS = Map.of("POST /v1/hooks/toss 200", "Toss reads only the status");

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    /**
     * The client's types are only as good as the success answers the document declares: SmallRye drops its own
     * default answer as soon as a method names any {@code @APIResponse}, and knows no body type for a method that
     * returns {@code Response}. So every operation must declare a 2xx (or 3xx) answer, and every 2xx answer but 204
     * must say what its body is, for each media type.
     */
    @Test
    void every_operation_declares_its_success_answer_and_its_body() throws IOException {
        JsonNode served = JSON.readTree(given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
        List<String> problems = new ArrayList<>();
        served.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!METHODS.contains(op.getKey())) {
                return;
            }
            String name = op.getKey().toUpperCase() + " " + path.getKey();
            boolean success = false;
            for (var response : (Iterable<Map.Entry<String, JsonNode>>) () -> op.getValue().path("responses").fields()) {
                String code = response.getKey();
                if (code.startsWith("3")) {
                    success = true;
                }
                if (!code.startsWith("2")) {
                    continue;
                }
                success = true;
                JsonNode content = response.getValue().path("content");
                if (EMPTY_SUCCESS.containsKey(name + " " + code)) {
                    continue;
                }
                if (code.equals("204")) {
                    if (!content.isMissingNode() && !content.isEmpty()) {
                        problems.add(name + " 204 has no body but declares content " + content);
                    }
                    continue;
                }
                if (content.isMissingNode() || content.isEmpty()) {
                    problems.add(name + " " + code + " declares no content");
                    continue;
                }
                content.fields().forEachRemaining(media -> {
                    JsonNode schema = media.getValue().path("schema");
                    if (schema.isMissingNode() || schema.isEmpty()) {
                        problems.add(name + " " + code + " " + media.getKey() + " has no schema (the client sees unknown)");
                    }
                });
            }
            if (!success) {
                problems.add(name + " declares no 2xx or 3xx answer");
            }
            if (!op.getValue().path("responses").has("429")) {
                problems.add(name + " does not say it can be answered 429 (throttle, DynamoDB busy)");
            }
        }));
        assertThat(problems).as("operations without a documented success answer; add an @APIResponse with content "
                + "(schema = @Schema(implementation = ...)) to the resource method").isEmpty();
    }

    /** Sorted keys and two-space indents, so that the copy diffs well and does not change with map order. */
    static String canonical(JsonNode document) throws IOException {
        Object sorted = JSON.treeToValue(document, Object.class);
        return JSON.writeValueAsString(sorted) + "\n";
    }
}
