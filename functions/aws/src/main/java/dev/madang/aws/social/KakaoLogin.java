package dev.madang.aws.social;

import com.fasterxml.jackson.databind.JsonNode;
import dev.madang.domain.account.social.SocialProfile;
import dev.madang.domain.account.social.SocialProvider;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kakao Login (카카오 로그인) over Kakao's REST API.
 *
 * <table>
 *   <caption>How Kakao's answers map</caption>
 *   <tr><th>Kakao answers</th><th>we return / throw</th></tr>
 *   <tr><td>{@code POST kauth/oauth/token} 200 with {@code access_token}</td><td>on to the profile</td></tr>
 *   <tr><td>token 400 {@code invalid_grant} (KOE320 code unknown, used or expired; KOE303 redirect URI
 *       mismatch)</td><td>unauthenticated {@code social-login-failed}</td></tr>
 *   <tr><td>token 401 {@code invalid_client} (KOE010 bad secret, KOE101 unknown client id), any other 4xx</td>
 *       <td>IllegalStateException</td></tr>
 *   <tr><td>token 5xx, 429, timeout, reset</td><td>SocialProviderUnavailable, not retried (the code may be spent)
 *       </td></tr>
 *   <tr><td>{@code GET kapi/v2/user/me} 200</td><td>the profile: {@code id}, the e-mail only when Kakao marks it
 *       valid and verified, the nickname</td></tr>
 *   <tr><td>profile 401 (code -401), 403 (-402 consent missing), 400 -101 / -103 (not linked, dormant)</td>
 *       <td>unauthenticated</td></tr>
 *   <tr><td>profile 5xx, 429, timeout</td><td>retried, then SocialProviderUnavailable</td></tr>
 *   <tr><td>any 200 we cannot read</td><td>SocialProviderUnavailable</td></tr>
 * </table>
 * The client id is the app's REST API key; the client secret must be switched on in the Kakao app so that a stolen
 * code alone is worthless.
 */
public final class KakaoLogin extends AuthorizationCodeLogin {

    public static final URI AUTH_HOST = URI.create("https://kauth.kakao.com");
    public static final URI API_HOST = URI.create("https://kapi.kakao.com");

    /** Against Kakao itself. */
    public KakaoLogin(String restApiKey, String clientSecret) {
        this(AUTH_HOST, API_HOST, restApiKey, clientSecret, SocialLoginSettings.DEFAULT);
    }

    /** {@code authHost} and {@code apiHost} are the sandbox's URL locally and in tests. */
    public KakaoLogin(URI authHost, URI apiHost, String restApiKey, String clientSecret, SocialLoginSettings settings) {
        super("Kakao", authHost, apiHost, restApiKey, clientSecret, settings);
    }

    @Override
    public SocialProvider provider() {
        return SocialProvider.KAKAO;
    }

    @Override
    String authorizePath() {
        return "/oauth/authorize";
    }

    @Override
    String exchange(String code, String state, URI redirectUri) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", clientId());
        form.put("redirect_uri", redirectUri.toString());
        form.put("code", code);
        form.put("client_secret", clientSecret());
        HttpResponse<String> response = postToken("/oauth/token", form);
        int status = response.statusCode();
        JsonNode json = parse(response.body());
        if (status == 200) {
            String accessToken = text(json, "access_token");
            if (accessToken == null) {
                throw unavailable("answered the token exchange with 200 but no access token");
            }
            return accessToken;
        }
        if (status == 429 || status >= 500) {
            throw unavailable("answered the token exchange with HTTP " + status + " (" + errorCodes(json, "error_code")
                    + "); not retried, the code may be spent");
        }
        String error = text(json, "error");
        String codes = "HTTP " + status + ", " + errorCodes(json, "error", "error_code");
        if ("invalid_grant".equals(error)) {
            throw refused("token exchange " + codes);
        }
        throw misconfigured("token exchange " + codes);
    }

    @Override
    SocialProfile profile(String accessToken) {
        HttpResponse<String> response = getProfile("/v2/user/me", accessToken);
        int status = response.statusCode();
        JsonNode json = parse(response.body());
        if (status == 200) {
            return readProfile(json);
        }
        String codes = "HTTP " + status + ", " + errorCodes(json, "code");
        int kakaoCode = json == null ? 0 : json.path("code").asInt(0);
        if (status == 401 || status == 403 || (status == 400 && (kakaoCode == -101 || kakaoCode == -103))) {
            throw refused("profile lookup " + codes);
        }
        throw misconfigured("profile lookup " + codes);
    }

    private SocialProfile readProfile(JsonNode json) {
        JsonNode id = json == null ? null : json.get("id");
        if (id == null || !(id.isIntegralNumber() || (id.isTextual() && !id.asText().isBlank()))) {
            throw unavailable("answered the profile lookup with 200 but no user id");
        }
        JsonNode account = json.path("kakao_account");
        String email = null;
        // an address Kakao has not verified could belong to someone else: it must never let a login reach an account
        if (account.path("is_email_valid").asBoolean(false) && account.path("is_email_verified").asBoolean(false)) {
            email = usableEmail(text(account, "email"));
        }
        String nickname = text(account.path("profile"), "nickname");
        if (nickname == null) {
            nickname = text(json.path("properties"), "nickname"); // older apps get it only here
        }
        return new SocialProfile(SocialProvider.KAKAO, id.asText(), email, nickname);
    }
}
