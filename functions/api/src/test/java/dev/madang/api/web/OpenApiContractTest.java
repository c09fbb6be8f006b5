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

    /** Sorted keys and two-space indents, so that the copy diffs well and does not change with map order. */
    static String canonical(JsonNode document) throws IOException {
        Object sorted = JSON.treeToValue(document, Object.class);
        return JSON.writeValueAsString(sorted) + "\n";
    }
}
