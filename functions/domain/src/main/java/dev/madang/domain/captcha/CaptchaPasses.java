package dev.madang.domain.captcha;

import java.util.Optional;

/**
 * Signs and reads captcha passes, a compact signed form the client carries from the puzzle to the route that asks for
 * it. Only the signature, the pass's type and its form are the adapter's to check; whose, for which round, until when
 * and whether spent are {@link ConsumingPasses}' rules.
 */
public interface CaptchaPasses {

    /** The pass's compact, signed form, signed with the key that signs now. */
    String sign(CaptchaPass pass);

    /**
     * The pass's claims if the text is a pass this platform signed (a published key's signature, the pass's own
     * type, every claim present); empty for anything else: an access token, a ticket code, a flipped bit, garbage.
     */
    Optional<CaptchaPass> verify(String compact);
}
