package dev.madang.localstack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * A stand-in for Naver Login: {@code nid.naver.com}'s {@code GET /oauth2.0/authorize} and {@code /oauth2.0/token}
 * (POST form or GET query, as Naver accepts both), and {@code openapi.naver.com}'s {@code GET /v1/nid/me}, on one
 * loopback port (see {@link SocialLoginSandbox} for what is enforced and the test helpers).
 *
 * <table>
 *   <caption>Naver's answers, reproduced</caption>
 *   <tr><th>situation</th><th>status</th><th>body</th></tr>
 *   <tr><td>token issued</td><td>200</td><td>{@code {"access_token":…,"refresh_token":…,"token_type":"bearer",
 *       "expires_in":"3600"}}</td></tr>
 *   <tr><td>wrong client id or secret</td><td><b>200</b></td><td>{@code {"error":"invalid_request",
 *       "error_description":"wrong client id / client secret pair"}}</td></tr>
 *   <tr><td>code unknown, spent, expired, or presented with another state</td><td><b>200</b></td><td>
 *       {@code {"error":"invalid_request","error_description":"no valid data in session"}}</td></tr>
 *   <tr><td>profile</td><td>200</td><td>{@code {"resultcode":"00","message":"success","response":{"id":…,
 *       "email":…,"nickname":…,"name":…}}}</td></tr>
 *   <tr><td>profile without a valid token</td><td>401</td><td>{@code {"resultcode":"024","message":
 *       "Authentication failed (인증 실패하였습니다.)"}}</td></tr>
 * </table>
 * Naver has no "verified" flag on the e-mail; the {@code emailVerified} given at registration is not sent.
 * Denied consent redirects with {@code error=access_denied&error_description=Canceled By User}.
 */
public final class NaverSandbox extends SocialLoginSandbox {

    static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);

    private NaverSandbox(String clientId, String clientSecret, int port) {
        super("Naver", clientId, clientSecret, port);
    }

    /** Starts on a free loopback port, expecting this client id and secret. */
    public static NaverSandbox start(String clientId, String clientSecret) {
        return start(clientId, clientSecret, 0);
    }

    /** Starts on {@code port} of loopback (0: any free port); a fixed port suits the local runner. */
    public static NaverSandbox start(String clientId, String clientSecret, int port) {
        return new NaverSandbox(clientId, clientSecret, port);
    }

    @Override
    String authorizePath() {
        return "/oauth2.0/authorize";
    }

    @Override
    String tokenPath() {
        return "/oauth2.0/token";
    }

    @Override
    String profilePath() {
        return "/v1/nid/me";
    }

    @Override
    boolean stateRequired() {
        return true;
    }

    @Override
    String deniedDescription() {
        return "Canceled By User";
    }

    @Override
    void exchangeCode(HttpExchange exchange, Map<String, String> params) throws IOException {
        // Naver answers OAuth errors with 200 and an error body; adapters must look inside
        if (!"authorization_code".equals(params.get("grant_type"))) {
            respond(exchange, 200, error("unsupported_grant_type", "grant_type must be authorization_code"));
            return;
        }
        if (!clientIdMatches(params.get("client_id")) || !clientSecretMatches(params.get("client_secret"))) {
            respond(exchange, 200, error("invalid_request", "wrong client id / client secret pair"));
            return;
        }
        IssuedCode issued = spendCode(params.get("code"));
        String state = params.get("state");
        if (issued == null || state == null || !state.equals(issued.state())) {
            respond(exchange, 200, error("invalid_request", "no valid data in session"));
            return;
        }
        ObjectNode token = JSON.createObjectNode();
        token.put("access_token", issueAccessToken(issued.userId(), ACCESS_TOKEN_LIFETIME));
        token.put("refresh_token", randomToken(32));
        token.put("token_type", "bearer");
        token.put("expires_in", String.valueOf(ACCESS_TOKEN_LIFETIME.toSeconds())); // Naver sends it as a string
        respond(exchange, 200, token);
    }

    @Override
    ObjectNode profileOf(User user) {
        ObjectNode me = JSON.createObjectNode().put("resultcode", "00").put("message", "success");
        ObjectNode member = me.putObject("response");
        member.put("id", user.id());
        if (user.email() != null) {
            member.put("email", user.email());
        }
        if (user.nickname() != null) {
            member.put("nickname", user.nickname());
            member.put("name", user.nickname());
        }
        return me;
    }

    @Override
    void refuseAccessToken(HttpExchange exchange, boolean expired) throws IOException {
        respond(exchange, 401, apiError("024", "Authentication failed (인증 실패하였습니다.)"));
    }

    @Override
    ObjectNode injectedFailure(Endpoint endpoint, int status) {
        if (endpoint == Endpoint.PROFILE) {
            if (status == 401) {
                return apiError("024", "Authentication failed (인증 실패하였습니다.)");
            }
            if (status == 403) {
                return apiError("403", "Forbidden (API 권한 없음)");
            }
            return apiError(String.valueOf(status), status >= 500 ? "Internal Server Error" : "sandbox: injected failure");
        }
        return error(status >= 500 ? "server_error" : "invalid_request", "sandbox: injected failure");
    }

    private static ObjectNode error(String error, String description) {
        return JSON.createObjectNode().put("error", error).put("error_description", description);
    }

    private static ObjectNode apiError(String resultCode, String message) {
        return JSON.createObjectNode().put("resultcode", resultCode).put("message", message);
    }
}
