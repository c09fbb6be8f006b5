package dev.madang.localstack;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** LocalAws starts the Secrets Manager stand-in with the rest and hands its endpoint to the API. */
class LocalAwsSecretsManagerTest {

    static LocalAws aws;

    @BeforeAll
    static void start() {
        aws = LocalAws.start();
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void the_stacks_client_reaches_the_stand_in_and_the_api_environment_names_its_endpoint() {
        aws.secretsManager().createSecret(r -> r.name("madang/local-test").secretString("value"));

        assertThat(aws.secretsManager().getSecretValue(r -> r.secretId("madang/local-test")).secretString())
                .isEqualTo("value");
        assertThat(aws.secretsManagerStandIn().requestCount()).isEqualTo(2);
        assertThat(aws.secretsManagerEndpoint()).isEqualTo(aws.secretsManagerStandIn().endpoint());
        assertThat(aws.apiEnvironment())
                .containsEntry(LocalAws.ENDPOINT_SECRETSMANAGER, aws.secretsManagerEndpoint().toString())
                .containsEntry("MADANG_AWS_ENDPOINT_SECRETSMANAGER", aws.secretsManagerEndpoint().toString());
        assertThat(aws.toString()).contains("secretsmanager " + aws.secretsManagerEndpoint());
    }
}
