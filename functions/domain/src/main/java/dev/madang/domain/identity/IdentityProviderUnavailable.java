package dev.madang.domain.identity;

/**
 * The identity provider could not answer (down, timing out, answering garbage) even after retries. Not the user's
 * fault and not a refusal: the API answers 503 and the user tries again later, with the same verification.
 */
public class IdentityProviderUnavailable extends RuntimeException {

    public IdentityProviderUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    public IdentityProviderUnavailable(String message) {
        super(message);
    }
}
