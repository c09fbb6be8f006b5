package dev.madang.domain.captcha;

import dev.madang.domain.common.DomainException;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The check a route that wants a solved puzzle makes before anything else (entering a round's waiting room; holding
 * seats where there is none): the pass must be ours, the caller's, for this round and current, and it is spent by
 * the check, so one puzzle admits one request.
 */
public final class ConsumingPasses {

    /** Longer than any pass we sign (about 400 characters); anything longer is refused unread. */
    public static final int MAX_PASS_LENGTH = 2048;

    private final CaptchaPasses passes;
    private final SpentPasses spent;
    private final Clock clock;

    public ConsumingPasses(CaptchaPasses passes, SpentPasses spent, Clock clock) {
        this.passes = passes;
        this.spent = spent;
        this.clock = clock;
    }

    /**
     * Checks the pass and spends it. 403 {@code captcha-required} without one; 403 {@code captcha-invalid} for
     * anything not a current pass of this account for this round (forged, altered, another account's or round's,
     * expired: the detail does not say which); 409 {@code captcha-pass-used} once it was used.
     *
     * @return what the pass said, for a caller that wants to log its id
     */
    public CaptchaPass consume(String accountId, String roundId, String pass) {
        if (pass == null || pass.isBlank()) {
            throw DomainException.forbidden("captcha-required", "solve a puzzle first (POST /v1/captcha/challenges) "
                    + "and send its pass");
        }
        Optional<CaptchaPass> verified = pass.length() > MAX_PASS_LENGTH ? Optional.empty()
                : passes.verify(pass.strip());
        Instant now = clock.instant();
        CaptchaPass claims = verified
                .filter(p -> p.accountId().equals(accountId) && p.roundId().equals(roundId))
                .filter(p -> now.isBefore(p.expiresAt()))
                .orElseThrow(() -> DomainException.forbidden("captcha-invalid", "the captcha pass is not valid for "
                        + "you, this round or now; solve a new puzzle"));
        if (!spent.spend(claims.passId(), claims.expiresAt())) {
            throw DomainException.conflict("captcha-pass-used", "this captcha pass was used already; solve a new "
                    + "puzzle");
        }
        return claims;
    }
}
