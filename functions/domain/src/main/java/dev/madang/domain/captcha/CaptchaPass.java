package dev.madang.domain.captcha;

import java.time.Instant;

/**
 * What a captcha pass says, and all it says: that this account solved a puzzle for this round, when, until when it
 * may be used, and its own id (by which it is spent, once).
 */
public record CaptchaPass(String passId, String accountId, String roundId, Instant issuedAt, Instant expiresAt) {

    public CaptchaPass {
        if (passId == null || accountId == null || roundId == null || issuedAt == null || expiresAt == null) {
            throw new IllegalArgumentException("a captcha pass names its id, account, round and times");
        }
    }
}
