package dev.madang.api;

import dev.madang.localstack.KakaoSandbox;
import dev.madang.localstack.NaverSandbox;
import io.restassured.response.Response;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** The Kakao and Naver stand-ins the API's real adapters talk to in these tests. */
final class SocialSandboxes {

    static final String KAKAO_SECRET = "kakao-test-secret-" + UUID.randomUUID();
    static final String NAVER_SECRET = "naver-test-secret-" + UUID.randomUUID();

    static KakaoSandbox kakao;
    static NaverSandbox naver;

    private SocialSandboxes() {
    }

    static Map<String, String> start() {
        kakao = KakaoSandbox.start("kakao-rest-key", KAKAO_SECRET);
        naver = NaverSandbox.start("naver-client-id", NAVER_SECRET);
        kakao.registerRedirectUri(URI.create(LocalAwsResource.REDIRECT_URI));
        naver.registerRedirectUri(URI.create(LocalAwsResource.REDIRECT_URI));
        Map<String, String> config = new HashMap<>();
        config.put("madang.kakao.client-id", "kakao-rest-key");
        config.put("madang.kakao.client-secret", KAKAO_SECRET);
        config.put("madang.kakao.auth-url", kakao.authHost().toString());
        config.put("madang.kakao.api-url", kakao.apiHost().toString());
        config.put("madang.naver.client-id", "naver-client-id");
        config.put("madang.naver.client-secret", NAVER_SECRET);
        config.put("madang.naver.auth-url", naver.authHost().toString());
        config.put("madang.naver.api-url", naver.apiHost().toString());
        return config;
    }

    static void stop() {
        if (kakao != null) {
            kakao.close();
        }
        if (naver != null) {
            naver.close();
        }
    }

    /** What the browser does at the provider: open the consent URL and get sent back; answers the callback's query. */
    static Map<String, String> consent(String authorizationUrl) {
        Response r = given().urlEncodingEnabled(false).redirects().follow(false).get(URI.create(authorizationUrl));
        if (r.statusCode() != 302) {
            throw new AssertionError("the consent page answered " + r.statusCode());
        }
        URI back = URI.create(r.header("Location"));
        Map<String, String> query = new HashMap<>();
        query.put("redirect", back.getScheme() + "://" + back.getHost() + back.getPath());
        for (String pair : back.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }
}
