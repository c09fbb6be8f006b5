package dev.madang.domain.ticket;

import java.util.Optional;

/**
 * Signs and reads ticket codes: a compact signed payload a venue scanner can check offline with the public keys it
 * downloaded before doors open. Only the signature, the code's type and its form are the adapter's to check; whether a
 * code is still current (its step) is {@link CheckingIn}'s rule.
 */
public interface TicketCodes {

    /** The code's compact, signed form, signed with the key that signs now. */
    String sign(TicketCode code);

    /**
     * The code's claims if the text is a code this platform signed (RS256 signature by a published key, the
     * ticket-code {@code typ}, every claim present); empty for anything else: another kind of token, a flipped bit,
     * garbage. Times are not checked here: when a code counts as current is {@link CodeSteps}' rule, applied by
     * {@link CheckingIn} at the moment of the scan.
     */
    Optional<TicketCode> verify(String compact);
}
