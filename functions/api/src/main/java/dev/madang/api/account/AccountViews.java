package dev.madang.api.account;

import dev.madang.api.support.Times;
import dev.madang.domain.account.Account;
import dev.madang.domain.account.Role;
import dev.madang.domain.account.SocialLink;
import dev.madang.domain.account.token.Sessions;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** What the account routes answer. Tokens appear only in {@link TokensView}, never in a log line. */
final class AccountViews {

    private AccountViews() {
    }

    /** OAuth 2.0 style token response (RFC 6749 section 5.1), with absolute expiry times as the API's other times. */
    record TokensView(String tokenType, String accessToken, OffsetDateTime accessTokenExpiresAt, String refreshToken,
                      OffsetDateTime refreshTokenExpiresAt, String accountId) {

        static TokensView of(Sessions.Tokens tokens) {
            return new TokensView("Bearer", tokens.access().value(), Times.seoul(tokens.access().expiresAt()),
                    tokens.refresh().token(), Times.seoul(tokens.refresh().expiresAt()), tokens.refresh().accountId());
        }

        @Override
        public String toString() {
            return "TokensView[accountId=" + accountId + "]";
        }
    }

    record IdentityView(String name, LocalDate birthDate, String phone, OffsetDateTime verifiedAt) {
    }

    /** My profile: the verified identity is shown to its owner (never the DI or CI, which are not even stored). */
    record ProfileView(String accountId, String email, String name, String phone, boolean marketingConsent,
                       List<Role> roles, boolean identityVerified, IdentityView identity, List<String> socialLogins,
                       OffsetDateTime createdAt) {

        static ProfileView of(Account a) {
            IdentityView identity = a.verifiedIdentity().map(i -> new IdentityView(i.name(), i.birthDate(), i.phone(),
                    Times.seoul(i.verifiedAt()))).orElse(null);
            return new ProfileView(a.id(), a.email(), a.profile().name(), a.profile().phone(),
                    a.profile().marketingConsent(), List.copyOf(a.roles()), a.isIdentityVerified(), identity,
                    a.socialLinks().stream().map(SocialLink::provider).toList(), Times.seoul(a.createdAt()));
        }
    }
}
