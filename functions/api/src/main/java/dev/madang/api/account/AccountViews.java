package dev.madang.api.account;

import dev.madang.api.support.Times;
import dev.madang.domain.account.Account;
import dev.madang.domain.account.Role;
import dev.madang.domain.account.SocialLink;
import dev.madang.domain.account.token.Sessions;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** What the account routes answer. Tokens appear only in {@link TokensView}, never in a log line. */
final class AccountViews {

    private AccountViews() {
    }

    /** OAuth 2.0 style token response (RFC 6749 section 5.1), with absolute expiry times as the API's other times. */
    record TokensView(
            @Schema(required = true) String tokenType,
            @Schema(required = true) String accessToken,
            @Schema(required = true) OffsetDateTime accessTokenExpiresAt,
            @Schema(required = true) String refreshToken,
            @Schema(required = true) OffsetDateTime refreshTokenExpiresAt,
            @Schema(required = true) String accountId) {

        static TokensView of(Sessions.Tokens tokens) {
            return new TokensView("Bearer", tokens.access().value(), Times.seoul(tokens.access().expiresAt()),
                    tokens.refresh().token(), Times.seoul(tokens.refresh().expiresAt()), tokens.refresh().accountId());
        }

        @Override
        public String toString() {
            return "TokensView[accountId=" + accountId + "]";
        }
    }

    record IdentityView(
            @Schema(required = true) String name,
            @Schema(required = true) LocalDate birthDate,
            @Schema(required = true) String phone,
            @Schema(required = true) OffsetDateTime verifiedAt) {
    }

    /** My profile: the verified identity is shown to its owner (never the DI or CI, which are not even stored). */
    record ProfileView(
            @Schema(required = true) String accountId,
            @Schema(nullable = true) String email,
            @Schema(nullable = true) String name,
            @Schema(nullable = true) String phone,
            @Schema(required = true) boolean marketingConsent,
            @Schema(required = true) List<Role> roles,
            @Schema(required = true) boolean identityVerified,
            @Schema(nullable = true) IdentityView identity,
            @Schema(required = true) List<String> socialLogins,
            @Schema(required = true) OffsetDateTime createdAt) {

        static ProfileView of(Account a) {
            IdentityView identity = a.verifiedIdentity().map(i -> new IdentityView(i.name(), i.birthDate(), i.phone(),
                    Times.seoul(i.verifiedAt()))).orElse(null);
            return new ProfileView(a.id(), a.email(), a.profile().name(), a.profile().phone(),
                    a.profile().marketingConsent(), List.copyOf(a.roles()), a.isIdentityVerified(), identity,
                    a.socialLinks().stream().map(SocialLink::provider).toList(), Times.seoul(a.createdAt()));
        }
    }
}
