package dev.madang.aws.social;

import com.fasterxml.jackson.databind.JsonNode;
import dev.madang.domain.account.social.SocialProfile;
import dev.madang.domain.account.social.SocialProvider;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Naver Login (네이버 로그인) over Naver's REST API.
 *
 * <table>
 *   <caption>How Naver's answers map</caption>
 *   <tr><th>Naver answers</th><th>we return / throw</th></tr>
 *   <tr><td>{@code POST nid/oauth2.0/token} 200 with {@code access_token}</td><td>on to the profile</td></tr>
 *   <tr><td>token 200 with {@code error}: Naver reports refusals with status 200. {@code invalid_client},
 *       {@code unauthorized_client}, or an {@code invalid_request} whose description is about the client id or
 *       secret</td><td>IllegalStateException</td></tr>
 *   <tr><td>token 200 {@code invalid_request} otherwise ("no valid data in session": code unknown, used, expired or
 *       bound to another state), {@code invalid_grant}, {@code access_denied}</td><td>unauthenticated
 *       {@code social-login-failed}</td></tr>
 *   <tr><td>token {@code server_error}, 5xx, 429, timeout, reset</td><td>SocialProviderUnavailable, not retried
 *       (the code may be spent)</td></tr>
 *   <tr><td>{@code GET openapi/v1/nid/me} 200 {@code resultcode "00"}</td><td>the profile: {@code response.id},
 *       e-mail, nickname</td></tr>
 *   <tr><td>profile 401 (resultcode 024)</td><td>unauthenticated</td></tr>
 *   <tr><td>profile 403, other 4xx</td><td>IllegalStateException (the app lacks the API permission)</td></tr>
 *   <tr><td>profile 5xx, 429, timeout</td><td>retried, then SocialProviderUnavailable</td></tr>
 * </table>
 * Naver binds a code to the {@code state} of its authorization request, so the token request carries the state, not
 * the redirect URI; a redirect URI that is not registered is refused by Naver on its consent page already.
 *
 * <p>Naver's profile has no "verified" flag on the e-mail: it is the address the member registered with Naver, and
 * the adapter passes it on as such. Linking an existing Madang account by it should ask the user to confirm.
 */
public final class NaverLogin extends AuthorizationCodeLogin {

    public static final URI AUTH_HOST = URI.create("https://nid.naver.com");
    public static final URI API_HOST = URI.create("https://openapi.naver.com");

    /** Against Naver itself. */
    public NaverLogin(String clientId, String clientSecret) {
        this(AUTH_HOST, API_HOST, clientId, clientSecret, SocialLoginSettings.DEFAULT);
    }

    /** {@code authHost} and {@code apiHost} are the sandbox's URL locally and in tests. */
    public NaverLogin(URI authHost, URI apiHost, String clientId, String clientSecret, SocialLoginSettings settings) {
        super("Naver", authHost, apiHost, clientId, clientSecret, settings);
    }

    @Override
    public SocialProvider provider() {
        return SocialProvider.NAVER;
    }

    @Override
    String authorizePath() {
        return "/oauth2.0/authorize";
    }

    @Override
    String exchange(String code, String state, URI redirectUri) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", clientId());
        form.put("client_secret", clientSecret());
        form.put("code", code);
        form.put("state", state);
        HttpResponse<String> response = postToken("/oauth2.0/token", form);
        int status = response.statusCode();
        JsonNode json = parse(response.body());
        if (status == 429 || status >= 500) {
            throw unavailable("answered the token exchange with HTTP " + status + " (" + errorCodes(json, "error")
                    + "); not retried, the code may be spent");
        }
        String error = text(json, "error");
        if (status == 200 && error == null) {
            String accessToken = text(json, "access_token");
            if (accessToken == null) {
                throw unavailable("answered the token exchange with 200 but no access token");
            }
            return accessToken;
        }
        String codes = "HTTP " + status + ", " + errorCodes(json, "error");
        if (error == null) {
            throw misconfigured("token exchange " + codes);
        }
        switch (error) {
            case "invalid_client", "unauthorized_client" -> throw misconfigured("token exchange " + codes);
            case "server_error", "temporarily_unavailable" ->
                    throw unavailable("reported " + error + " on the token exchange; not retried, the code may be spent");
            case "invalid_request" -> {
                // Naver's error codes do not tell our mistake from the user's; only the description does
                if (aboutClientCredentials(text(json, "error_description"))) {
                    throw misconfigured("token exchange " + codes + ", client credentials");
                }
                throw refused("token exchange " + codes);
            }
            case "invalid_grant", "access_denied" -> throw refused("token exchange " + codes);
            default -> throw misconfigured("token exchange " + codes);
        }
    }

    private static boolean aboutClientCredentials(String description) {
        if (description == null) {
            return false;
        }
        String d = description.toLowerCase(Locale.ROOT);
        return d.contains("client id") || d.contains("client_id") || d.contains("client secret")
                || d.contains("client_secret");
    }

    @Override
    SocialProfile profile(String accessToken) {
        HttpResponse<String> response = getProfile("/v1/nid/me", accessToken);
        int status = response.statusCode();
        JsonNode json = parse(response.body());
        if (status == 200) {
            JsonNode member = json == null ? null : json.get("response");
            String id = text(member, "id");
            if (!"00".equals(text(json, "resultcode")) || id == null) {
                throw unavailable("answered the profile lookup with 200 but no member (" + errorCodes(json, "resultcode")
                        + ")");
            }
            return new SocialProfile(SocialProvider.NAVER, id, usableEmail(text(member, "email")),
                    text(member, "nickname"));
        }
        String codes = "HTTP " + status + ", " + errorCodes(json, "resultcode");
        if (status == 401) {
            throw refused("profile lookup " + codes);
        }
        throw misconfigured("profile lookup " + codes);
    }
}
