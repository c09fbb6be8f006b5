package dev.madang.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Secrets Manager stand-in driven through the real SDK v2 SecretsManagerClient over HTTP. */
class SecretsManagerStandInTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SecretsManagerStandIn standIn;
    private static SecretsManagerClient client;

    @BeforeAll
    static void start() {
        standIn = SecretsManagerStandIn.start();
        client = SecretsManagerClient.builder().endpointOverride(standIn.endpoint())
                .region(Region.of(LocalAws.REGION)).credentialsProvider(LocalAws.credentials())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (standIn != null) {
            standIn.close();
        }
    }

    @BeforeEach
    void forget() {
        standIn.reset();
    }

    @Test
    void a_created_secret_is_read_back_by_name_and_by_arn_as_the_current_version() {
        CreateSecretResponse created = client.createSecret(r -> r.name("madang/signing-keys").secretString("{\"a\":1}"));

        assertThat(created.name()).isEqualTo("madang/signing-keys");
        assertThat(created.arn()).matches("arn:aws:secretsmanager:ap-northeast-2:000000000000:secret:"
                + "madang/signing-keys-[A-Za-z0-9]{6}");
        assertThat(created.versionId()).as("the SDK's idempotency token becomes the version id").isNotBlank();

        GetSecretValueResponse byName = client.getSecretValue(r -> r.secretId("madang/signing-keys"));
        assertThat(byName.secretString()).isEqualTo("{\"a\":1}");
        assertThat(byName.versionId()).isEqualTo(created.versionId());
        assertThat(byName.versionStages()).containsExactly("AWSCURRENT");
        assertThat(byName.arn()).isEqualTo(created.arn());
        assertThat(byName.createdDate()).isNotNull();

        GetSecretValueResponse byArn = client.getSecretValue(r -> r.secretId(created.arn()));
        assertThat(byArn.secretString()).isEqualTo("{\"a\":1}");
        assertThat(standIn.requestCount()).isEqualTo(3);
    }

    @Test
    void putting_a_value_makes_it_current_and_the_former_current_previous() {
        String v1 = client.createSecret(r -> r.name("s").secretString("one")).versionId();
        PutSecretValueResponse put2 = client.putSecretValue(r -> r.secretId("s").secretString("two"));
        assertThat(put2.versionId()).isNotEqualTo(v1);
        assertThat(put2.versionStages()).containsExactly("AWSCURRENT");

        assertThat(client.getSecretValue(r -> r.secretId("s")).secretString()).isEqualTo("two");
        GetSecretValueResponse previous = client.getSecretValue(r -> r.secretId("s").versionStage("AWSPREVIOUS"));
        assertThat(previous.secretString()).isEqualTo("one");
        assertThat(previous.versionId()).isEqualTo(v1);
        assertThat(previous.versionStages()).containsExactly("AWSPREVIOUS");

        String v3 = client.putSecretValue(r -> r.secretId("s").secretString("three")).versionId();
        assertThat(client.getSecretValue(r -> r.secretId("s")).versionId()).isEqualTo(v3);
        assertThat(client.getSecretValue(r -> r.secretId("s").versionStage("AWSPREVIOUS")).secretString())
                .isEqualTo("two");
        // the first version lost its labels but can still be read by id, as in Secrets Manager
        GetSecretValueResponse first = client.getSecretValue(r -> r.secretId("s").versionId(v1));
        assertThat(first.secretString()).isEqualTo("one");
        assertThat(first.versionStages()).isEmpty();
    }

    @Test
    void a_version_with_a_custom_label_leaves_the_current_one_alone() {
        client.createSecret(r -> r.name("s").secretString("one"));
        client.putSecretValue(r -> r.secretId("s").secretString("pending").versionStages("AWSPENDING"));

        assertThat(client.getSecretValue(r -> r.secretId("s")).secretString()).isEqualTo("one");
        assertThat(client.getSecretValue(r -> r.secretId("s").versionStage("AWSPENDING")).secretString())
                .isEqualTo("pending");
    }

    @Test
    void a_retried_put_with_the_same_token_changes_nothing_and_another_value_is_refused() {
        client.createSecret(r -> r.name("s").secretString("one"));
        String token = UUID.randomUUID().toString();
        String first = client.putSecretValue(r -> r.secretId("s").secretString("two").clientRequestToken(token))
                .versionId();
        String again = client.putSecretValue(r -> r.secretId("s").secretString("two").clientRequestToken(token))
                .versionId();

        assertThat(first).isEqualTo(token).isEqualTo(again);
        assertThat(client.getSecretValue(r -> r.secretId("s").versionStage("AWSPREVIOUS")).secretString())
                .as("the retry did not push the current version out")
                .isEqualTo("one");
        assertThatThrownBy(() -> client.putSecretValue(r -> r.secretId("s").secretString("other")
                .clientRequestToken(token)))
                .isInstanceOf(ResourceExistsException.class);
    }

    @Test
    void binary_secrets_round_trip() {
        byte[] bytes = {0, 1, 2, (byte) 0xff};
        client.createSecret(r -> r.name("b").secretBinary(SdkBytes.fromByteArray(bytes)));

        GetSecretValueResponse got = client.getSecretValue(r -> r.secretId("b"));
        assertThat(got.secretBinary().asByteArray()).containsExactly(bytes);
        assertThat(got.secretString()).isNull();
    }

    @Test
    void a_secret_created_without_a_value_has_no_current_version_until_one_is_put() {
        CreateSecretResponse created = client.createSecret(r -> r.name("empty"));
        assertThat(created.versionId()).isNull();
        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("empty")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("staging label: AWSCURRENT");

        client.putSecretValue(r -> r.secretId("empty").secretString("now").versionStages("AWSPENDING"));
        assertThat(client.getSecretValue(r -> r.secretId("empty")).secretString())
                .as("a secret's first version is current whatever labels were asked for")
                .isEqualTo("now");
    }

    @Test
    void errors_come_back_as_the_sdks_typed_exceptions() {
        client.createSecret(r -> r.name("s").secretString("one"));

        assertThatThrownBy(() -> client.createSecret(r -> r.name("s").secretString("again")))
                .isInstanceOfSatisfying(ResourceExistsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceExistsException");
                });
        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("missing")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Secrets Manager can't find the specified secret."));
        assertThatThrownBy(() -> client.putSecretValue(r -> r.secretId("missing").secretString("x")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("s").versionId(UUID.randomUUID().toString())))
                .isInstanceOf(ResourceNotFoundException.class);
        String current = client.getSecretValue(r -> r.secretId("s")).versionId();
        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("s").versionId(current)
                .versionStage("AWSPREVIOUS")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> client.putSecretValue(r -> r.secretId("s")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> client.createSecret(r -> r.name("bad name!").secretString("x")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> client.createSecret(r -> r.name("big").secretString("x".repeat(65_537))))
                .isInstanceOf(SecretsManagerException.class)
                .hasMessageContaining("65536");
    }

    @Test
    void unsigned_requests_are_served_and_unknown_operations_refused_in_the_aws_shape()
            throws IOException, InterruptedException {
        client.createSecret(r -> r.name("s").secretString("one"));
        HttpClient http = HttpClient.newHttpClient();

        // no Authorization header at all: the stand-in does not check SigV4 (documented)
        HttpResponse<String> get = http.send(request("secretsmanager.GetSecretValue", "{\"SecretId\":\"s\"}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertThat(JSON.readTree(get.body()).get("SecretString").asText()).isEqualTo("one");

        HttpResponse<String> unknown = http.send(request("secretsmanager.DeleteSecret", "{\"SecretId\":\"s\"}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(unknown.body());
        assertThat(error.get("__type").asText()).isEqualTo("UnknownOperationException");
        assertThat(error.get("message").asText()).isNotBlank();

        HttpResponse<String> garbage = http.send(request("secretsmanager.GetSecretValue", "{not json"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(garbage.body()).get("__type").asText()).isEqualTo("SerializationException");
    }

    private static HttpRequest request(String target, String body) {
        return HttpRequest.newBuilder(URI.create(standIn.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", target)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }
}
