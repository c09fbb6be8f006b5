package dev.madang.domain.identity;

import java.util.regex.Pattern;

/**
 * The identity provider (PortOne V2 is the reference): looks up a verification the user completed in the browser.
 * Adapters retry transient failures themselves and then throw {@link IdentityProviderUnavailable}; a misconfigured
 * adapter (wrong API secret) throws {@link IllegalStateException}.
 */
public interface IdentityVerifications {

    /** Verification ids are chosen by our front end; anything else is refused before it reaches the provider. */
    Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    static boolean isWellFormedId(String identityVerificationId) {
        return identityVerificationId != null && ID.matcher(identityVerificationId).matches();
    }

    /** @throws IllegalArgumentException for an id that is not {@link #isWellFormedId well formed} */
    VerificationResult check(String identityVerificationId);
}
