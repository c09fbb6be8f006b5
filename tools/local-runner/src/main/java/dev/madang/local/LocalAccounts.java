package dev.madang.local;

import dev.madang.operator.SecretFiles;
import dev.madang.operator.CreateAdmin;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.domain.account.PasswordPolicy;
import dev.madang.localstack.KakaoSandbox;
import dev.madang.localstack.LocalAws;
import dev.madang.localstack.NaverSandbox;
import dev.madang.localstack.PortOneSandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Accounts for the local runner, wired as in AWS: the signing keys and the provider credentials are Secrets Manager
 * secrets (in the local stand-in), PortOne, Kakao and Naver are their sandboxes, and the API reads all of them through
 * the same code paths it uses when deployed. An admin is made by the bootstrap command's code, a demo fan by signing
 * up over HTTP with a sandbox identity verification. Their logins are written to owner-only files under
 * {@code .madang/} (git-ignored), never printed.
 */
final class LocalAccounts {

    static final String REDIRECT_URI = "http://localhost:3000/auth/callback";
    static final String KAKAO_DEMO_USER = "1001";
    static final String NAVER_DEMO_USER = "local-naver-fan";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalAws aws;
    private final DevKeys keys;
    private final String base;
    private final PortOneSandbox portOne;
    private final KakaoSandbox kakao;
    private final NaverSandbox naver;
    private final String signingKeysSecret;
    private final String providersSecret;

    /** Where a login is kept: a JSON body for {@code POST /v1/auth/login}. */
    record Credentials(String email, Path loginFile) {
    }

    private final List<String> redirectUris;

    private LocalAccounts(LocalAws aws, DevKeys keys, String base, String tossSecretKey, String siteBase) {
        this.aws = aws;
        this.keys = keys;
        this.base = base;
        this.portOne = PortOneSandbox.start(randomSecret());
        this.kakao = KakaoSandbox.start("local-kakao-rest-key", randomSecret());
        this.naver = NaverSandbox.start("local-naver-client", randomSecret());
        // curl users' callback, and the web client's: it comes back to /auth/callback/{provider} on the site
        this.redirectUris = List.of(REDIRECT_URI, siteBase + "/auth/callback/kakao", siteBase + "/auth/callback/naver");
        for (var provider : List.of(kakao, naver)) {
            redirectUris.forEach(uri -> provider.registerRedirectUri(URI.create(uri)));
        }
        kakao.registerUser(KAKAO_DEMO_USER, "kakao-fan@example.com", "카카오 팬", true);
        naver.registerUser(NAVER_DEMO_USER, "naver-fan@example.com", "네이버 팬", true);
        this.signingKeysSecret = createSecret("madang/local/signing-keys", keys.keySet().toJson());
        Map<String, String> providers = new LinkedHashMap<>();
        providers.put("portoneApiSecret", portOne.secret());
        providers.put("kakaoClientSecret", kakao.clientSecret());
        providers.put("naverClientSecret", naver.clientSecret());
        providers.put("tossSecretKey", tossSecretKey);
        try {
            this.providersSecret = createSecret("madang/local/providers", JSON.writeValueAsString(providers));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static LocalAccounts start(LocalAws aws, DevKeys keys, String base, String tossSecretKey, String siteBase) {
        return new LocalAccounts(aws, keys, base, tossSecretKey, siteBase);
    }

    /** What the API process needs on top of {@link LocalAws#apiEnvironment()}. */
    Map<String, String> apiEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SIGNING_KEYS_SECRET_ID", signingKeysSecret);
        env.put("PROVIDER_SECRETS_ID", providersSecret);
        env.put("JWT_ISSUER", base + "/v1/auth");
        // every published key's public half, so tokens survive a KeyTool rotation of the dev keys (a file: the
        // dev-mode API fetching its own JWKS over HTTP could wait on itself)
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.jwksFile().toUri().toString());
        env.put("PORTONE_BASE_URL", portOne.baseUrl().toString());
        env.put("KAKAO_CLIENT_ID", kakao.clientId());
        env.put("KAKAO_AUTH_URL", kakao.authHost().toString());
        env.put("KAKAO_API_URL", kakao.apiHost().toString());
        env.put("NAVER_CLIENT_ID", naver.clientId());
        env.put("NAVER_AUTH_URL", naver.authHost().toString());
        env.put("NAVER_API_URL", naver.apiHost().toString());
        env.put("SOCIAL_REDIRECT_URIS", String.join(",", redirectUris));
        return env;
    }

    Credentials createAdmin(Path loginFile) throws IOException {
        String email = "admin@madang.local";
        String password = newPassword();
        CreateAdmin.create(aws.dynamo(), aws.tableName("AccountsTable"), email, password.toCharArray(), "로컬 관리자");
        return save(email, password, loginFile);
    }

    /** Signs a fan up over HTTP, as a client would, with an identity verification made at the PortOne sandbox. */
    Credentials signUpDemoFan(Path loginFile) throws IOException, InterruptedException {
        String verification = "local-demo-" + UUID.randomUUID();
        portOne.verified(verification, "김마당", LocalDate.of(1995, 3, 1), "01012345678", null, "DI-local-demo-fan");
        String email = "fan@madang.local";
        String password = newPassword();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("password", password);
        body.put("identityVerificationId", verification);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                        + "/v1/auth/signup")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("the demo fan's sign-up answered " + r.statusCode());
        }
        return save(email, password, loginFile);
    }

    URI portOneUrl() {
        return portOne.baseUrl();
    }

    URI kakaoUrl() {
        return kakao.baseUrl();
    }

    URI naverUrl() {
        return naver.baseUrl();
    }

    List<AutoCloseable> closeables() {
        return List.of(portOne, kakao, naver);
    }

    private String createSecret(String name, String value) {
        return aws.secretsManager().createSecret(r -> r.name(name).secretString(value)).arn();
    }

    private static Credentials save(String email, String password, Path loginFile) throws IOException {
        SecretFiles.writeOwnerOnly(loginFile, JSON.writeValueAsString(Map.of("email", email, "password", password)));
        return new Credentials(email, loginFile);
    }

    private static String newPassword() {
        while (true) {
            byte[] bytes = new byte[18];
            RANDOM.nextBytes(bytes);
            String candidate = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (PasswordPolicy.problemsWith(candidate.toCharArray()).isEmpty()) {
                return candidate;
            }
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "local-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
