package dev.madang.domain.account.social;

import dev.madang.domain.account.EmailAddress;

import java.util.Objects;

/**
 * Who the provider says signed in. {@code providerUserId} is the provider's stable id for the user (Kakao's 회원번호,
 * Naver's unique id) and is what an account is linked by; an e-mail address can change hands, that id cannot.
 *
 * <p>{@code email} is present only when the provider vouches for it (Kakao: valid and verified), and is kept in the
 * {@link EmailAddress#normalise stored form}, so it can be compared with accounts directly. {@code nickname} is
 * whatever the user chose at the provider, possibly absent.
 *
 * <p>E-mail and nickname are personal data (a Kakao nickname is often the real name): {@link #toString()} masks both.
 */
public record SocialProfile(SocialProvider provider, String providerUserId, String email, String nickname) {

    public SocialProfile {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerUserId, "providerUserId");
        if (providerUserId.isBlank()) {
            throw new IllegalArgumentException("a social profile has the provider's user id");
        }
        if (email != null) {
            email = EmailAddress.normalise(email);
            if (!EmailAddress.isWellFormed(email)) {
                // the value is not echoed: it is personal data even when malformed
                throw new IllegalArgumentException("a social profile's e-mail must be a well-formed address or absent");
            }
        }
        if (nickname != null && nickname.isBlank()) {
            nickname = null;
        }
    }

    /** "f***@e***.com" for fan@example.com: enough to tell two profiles apart in a log, not to write to anyone. */
    @Override
    public String toString() {
        return "SocialProfile[provider=" + provider + ", providerUserId=" + providerUserId
                + ", email=" + maskEmail(email) + ", nickname=" + maskText(nickname) + "]";
    }

    private static String maskEmail(String email) {
        if (email == null) {
            return "null";
        }
        int at = email.indexOf('@');
        String domain = email.substring(at + 1);
        int lastDot = domain.lastIndexOf('.');
        return email.charAt(0) + "***@" + domain.charAt(0) + "***" + domain.substring(lastDot);
    }

    private static String maskText(String text) {
        if (text == null) {
            return "null";
        }
        return new String(Character.toChars(text.codePointAt(0))) + "***";
    }
}
