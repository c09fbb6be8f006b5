package dev.madang.localstack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A stand-in for Kakao Login: {@code kauth.kakao.com}'s {@code GET /oauth/authorize} and {@code POST /oauth/token},
 * and {@code kapi.kakao.com}'s {@code GET /v2/user/me}, on one loopback port (see {@link SocialLoginSandbox} for what
 * is enforced and the test helpers).
 *
 * <table>
 *   <caption>Kakao's answers, reproduced</caption>
 *   <tr><th>situation</th><th>status</th><th>body</th></tr>
 *   <tr><td>token issued</td><td>200</td><td>{@code {"token_type":"bearer","access_token":…,"expires_in":21599,
 *       "refresh_token":…,"refresh_token_expires_in":5183999}}</td></tr>
 *   <tr><td>unknown client id</td><td>401</td><td>{@code {"error":"invalid_client","error_description":"Not exist
 *       client_id […]","error_code":"KOE101"}}</td></tr>
 *   <tr><td>wrong or missing client secret</td><td>401</td><td>{@code invalid_client}, "Bad client credentials",
 *       KOE010</td></tr>
 *   <tr><td>code unknown, spent or expired</td><td>400</td><td>{@code invalid_grant}, "authorization code not found
 *       for code=…", KOE320 (Kakao repeats the code in the description)</td></tr>
 *   <tr><td>redirect URI other than the code's</td><td>400</td><td>{@code invalid_grant}, "Redirect URI mismatch.",
 *       KOE303</td></tr>
 *   <tr><td>profile without a valid token</td><td>401</td><td>{@code {"msg":"this access token does not exist",
 *       "code":-401}} (expired: "this access token is already expired")</td></tr>
 * </table>
 * User ids are numbers, as Kakao's 회원번호 are. A user registered without a verified e-mail is answered with
 * {@code is_email_verified:false}; one without an e-mail with {@code has_email:false}.
 */
public final class KakaoSandbox extends SocialLoginSandbox {

    /** Kakao's access tokens live about six hours. */
    static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(21599);

    private KakaoSandbox(String restApiKey, String clientSecret, int port) {
        super("Kakao", restApiKey, clientSecret, port);
    }

    /** Starts on a free loopback port, expecting this REST API key and client secret. */
    public static KakaoSandbox start(String restApiKey, String clientSecret) {
        return start(restApiKey, clientSecret, 0);
    }

    /** Starts on {@code port} of loopback (0: any free port); a fixed port suits the local runner. */
    public static KakaoSandbox start(String restApiKey, String clientSecret, int port) {
        return new KakaoSandbox(restApiKey, clientSecret, port);
    }

    @Override
    String authorizePath() {
        return "/oauth/authorize";
    }

    @Override
    String tokenPath() {
        return "/oauth/token";
    }

    @Override
    String profilePath() {
        return "/v2/user/me";
    }

    @Override
    boolean stateRequired() {
        return false;
    }

    @Override
    String deniedDescription() {
        return "User denied access";
    }

    @Override
    void checkUser(User user) {
        if (!user.id().matches("[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("Kakao user ids are positive numbers");
        }
    }

    @Override
    void exchangeCode(HttpExchange exchange, Map<String, String> params) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, error("invalid_request", "HTTP method not allowed", "KOE001"));
            return;
        }
        if (!"authorization_code".equals(params.get("grant_type"))) {
            respond(exchange, 400, error("unsupported_grant_type", "grant_type must be authorization_code", "KOE001"));
            return;
        }
        String clientId = params.get("client_id");
        if (!clientIdMatches(clientId)) {
            respond(exchange, 401, error("invalid_client", "Not exist client_id [" + clientId + "]", "KOE101"));
            return;
        }
        if (!clientSecretMatches(params.get("client_secret"))) {
            respond(exchange, 401, error("invalid_client", "Bad client credentials", "KOE010"));
            return;
        }
        String code = params.get("code");
        IssuedCode issued = spendCode(code);
        if (issued == null) {
            respond(exchange, 400, error("invalid_grant", "authorization code not found for code=" + code, "KOE320"));
            return;
        }
        if (!issued.redirectUri().equals(params.get("redirect_uri"))) {
            respond(exchange, 400, error("invalid_grant", "Redirect URI mismatch.", "KOE303"));
            return;
        }
        ObjectNode token = JSON.createObjectNode();
        token.put("token_type", "bearer");
        token.put("access_token", issueAccessToken(issued.userId(), ACCESS_TOKEN_LIFETIME));
        token.put("expires_in", ACCESS_TOKEN_LIFETIME.toSeconds());
        token.put("refresh_token", randomToken(32));
        token.put("refresh_token_expires_in", 5183999);
        token.put("scope", "account_email profile_nickname");
        respond(exchange, 200, token);
    }

    @Override
    ObjectNode profileOf(User user) {
        ObjectNode me = JSON.createObjectNode();
        me.put("id", Long.parseLong(user.id()));
        me.put("connected_at", Instant.now().toString());
        if (user.nickname() != null) {
            me.putObject("properties").put("nickname", user.nickname());
        }
        ObjectNode account = me.putObject("kakao_account");
        account.put("profile_nickname_needs_agreement", false);
        if (user.nickname() != null) {
            account.putObject("profile").put("nickname", user.nickname()).put("is_default_nickname", false);
        }
        account.put("has_email", user.email() != null);
        if (user.email() != null) {
            account.put("email_needs_agreement", false);
            account.put("is_email_valid", true);
            account.put("is_email_verified", user.emailVerified());
            account.put("email", user.email());
        }
        return me;
    }

    @Override
    void refuseAccessToken(HttpExchange exchange, boolean expired) throws IOException {
        respond(exchange, 401, apiError(expired ? "this access token is already expired"
                : "this access token does not exist", -401));
    }

    @Override
    ObjectNode injectedFailure(Endpoint endpoint, int status) {
        if (endpoint == Endpoint.PROFILE) {
            if (status == 401) {
                return apiError("this access token does not exist", -401);
            }
            if (status == 403) {
                return apiError("insufficient scopes.", -402);
            }
            if (status == 429) {
                return apiError("API limit has been exceeded.", -10);
            }
            return apiError(status >= 500 ? "internal error" : "sandbox: injected failure", status >= 500 ? -1 : -2);
        }
        if (status == 401) {
            return error("invalid_client", "Bad client credentials", "KOE010");
        }
        if (status == 400) {
            return error("invalid_grant", "authorization code not found for code=sandbox", "KOE320");
        }
        return error(status >= 500 ? "server_error" : "invalid_request", "sandbox: injected failure",
                status >= 500 ? "KOE003" : "KOE001");
    }

    private static ObjectNode error(String error, String description, String errorCode) {
        return JSON.createObjectNode().put("error", error).put("error_description", description)
                .put("error_code", errorCode);
    }

    private static ObjectNode apiError(String msg, int code) {
        return JSON.createObjectNode().put("msg", msg).put("code", code);
    }
}
