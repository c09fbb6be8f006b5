package dev.madang.domain.account.social;

/**
 * The social-login provider could not answer (down, timing out, rate limiting, answering garbage), after the retries
 * that were safe to make. Not the user's fault and not a refusal: the API answers 503 and the user starts the login
 * again (the authorization code may already be spent, so "again" means a fresh redirect to the provider).
 */
public class SocialProviderUnavailable extends RuntimeException {

    public SocialProviderUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    public SocialProviderUnavailable(String message) {
        super(message);
    }
}
