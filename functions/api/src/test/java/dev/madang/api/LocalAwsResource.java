package dev.madang.api;

import dev.madang.localstack.LocalAws;
import dev.madang.localstack.PortOneSandbox;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Starts the local stack, provisioned from template.yaml, and the providers' stand-ins (PortOne, Kakao, Naver), and
 * points the API at them: the signing keys and the verification JWKS of {@link TestTokens}, and provider secrets made
 * for this run (tests check that none of them ever reaches a log line).
 */
public class LocalAwsResource implements QuarkusTestResourceLifecycleManager {

    static final String REDIRECT_URI = "https://app.madang.test/auth/callback";
    static final String PORTONE_SECRET = "portone-test-secret-" + UUID.randomUUID();

    static LocalAws aws;
    static PortOneSandbox portOne;

    @Override
    public Map<String, String> start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
        portOne = PortOneSandbox.start(PORTONE_SECRET);
        Map<String, String> config = new HashMap<>(aws.apiEnvironment());
        config.put("mp.jwt.verify.publickey", TestTokens.KEYS.jwks());
        config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        config.put("madang.auth.signing-keys", TestTokens.KEYS.toJson());
        config.put("madang.portone.base-url", portOne.baseUrl().toString());
        config.put("madang.portone.api-secret", PORTONE_SECRET);
        config.put("madang.social.redirect-uris", REDIRECT_URI);
        config.putAll(SocialSandboxes.start());
        return config;
    }

    @Override
    public void stop() {
        SocialSandboxes.stop();
        if (portOne != null) {
            portOne.close();
        }
        if (aws != null) {
            aws.close();
        }
    }
}
