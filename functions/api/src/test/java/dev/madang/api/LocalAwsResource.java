package dev.madang.api;

import dev.madang.localstack.LocalAws;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/** Starts the local stack, provisions it from template.yaml, and points the API at it with a test signing key. */
public class LocalAwsResource implements QuarkusTestResourceLifecycleManager {

    static LocalAws aws;

    @Override
    public Map<String, String> start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
        Map<String, String> config = new HashMap<>(aws.apiEnvironment());
        config.put("mp.jwt.verify.publickey", TestTokens.publicKeyPem());
        config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        return config;
    }

    @Override
    public void stop() {
        if (aws != null) {
            aws.close();
        }
    }
}
