package dev.madang.domain.account.social;

import java.net.URI;

/**
 * One social-login provider's OAuth 2.0 authorization-code flow, seen from our server.
 *
 * <ol>
 *   <li>{@link #authorizationUrl} is where the browser is sent; the provider asks the user to sign in and consent,
 *       then redirects to {@code redirectUri} with {@code code} and the same {@code state} (or with {@code error}).</li>
 *   <li>{@link #complete} turns that code into the user's {@link SocialProfile}: it exchanges the code at the
 *       provider's token endpoint and fetches the profile with the access token it got. That provider token is used
 *       for this one request and then dropped: Madang issues its own tokens and never stores or logs the provider's.</li>
 * </ol>
 * Checking that the {@code state} that came back is the one this browser was given (the CSRF defence) is the
 * caller's job: only the caller knows which state it handed out. {@code complete} passes it on where the provider
 * wants it (Naver binds the code to it).
 *
 * <p>How failures come out:
 * <ul>
 *   <li>the provider refuses (code invalid, expired or already used, redirect URI mismatch, the user denied consent
 *       so there is no code, the profile refused): {@code DomainException.unauthenticated("social-login-failed", …)};</li>
 *   <li>the provider cannot answer after the retries that are safe: {@link SocialProviderUnavailable};</li>
 *   <li>the provider refuses <em>us</em> (wrong client id or secret): {@link IllegalStateException}.</li>
 * </ul>
 * Codes are single-use, so a token exchange the provider may have received is never retried: only a connection that
 * was never established is tried again. The profile lookup is a GET and is retried on timeouts, 5xx and 429.
 */
public interface SocialLogin {

    /** The slug {@code complete} and callers use when a refusal is reported to the user. */
    String FAILED = "social-login-failed";

    SocialProvider provider();

    /**
     * The provider's consent page for this login attempt.
     *
     * @param state       an unguessable value the caller remembers for this browser; it comes back unchanged
     * @param redirectUri our callback, exactly as registered at the provider (it is matched character for character)
     */
    URI authorizationUrl(String state, URI redirectUri);

    /**
     * @param code        the {@code code} the provider put on the callback; null or blank when the user denied
     * @param state       the {@code state} from the callback (already checked by the caller)
     * @param redirectUri the same redirect URI the authorization URL was built with
     */
    SocialProfile complete(String code, String state, URI redirectUri);
}
