package dev.madang.api.account;

import dev.madang.aws.account.Argon2idPasswordHasher;
import dev.madang.aws.account.DynamoAccounts;
import dev.madang.aws.account.token.DynamoRefreshTokens;
import dev.madang.aws.account.token.SecretsManagerSigningKeys;
import dev.madang.aws.account.token.SigningKeySet;
import dev.madang.aws.membership.DynamoMemberships;
import dev.madang.aws.portone.PortOneIdentityVerifications;
import dev.madang.aws.social.KakaoLogin;
import dev.madang.aws.social.NaverLogin;
import dev.madang.aws.social.SocialLoginSettings;
import dev.madang.aws.support.ProviderSecrets;
import dev.madang.domain.account.LoggingIn;
import dev.madang.domain.account.ManagingMyAccount;
import dev.madang.domain.account.PasswordHasher;
import dev.madang.domain.account.SigningUp;
import dev.madang.domain.account.social.LoggingInSocially;
import dev.madang.domain.account.token.RotatingRefreshTokens;
import dev.madang.domain.account.token.Sessions;
import dev.madang.domain.common.Ids;
import dev.madang.domain.identity.VerifyingIdentity;
import dev.madang.domain.membership.MemberCard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Wires the account use cases to their adapters. Beans are made on first use, so a function that never signs tokens
 * (my page, holds) never reads the signing keys, and one that never verifies identities never reads PortOne's secret.
 */
@ApplicationScoped
public class AccountBeans {

    @Produces
    @Singleton
    DynamoAccounts accounts(DynamoDbClient dynamo, @ConfigProperty(name = "madang.tables.accounts") String table) {
        return new DynamoAccounts(dynamo, table);
    }

    @Produces
    @Singleton
    PasswordHasher hasher() {
        return new Argon2idPasswordHasher();
    }

    @Produces
    @Singleton
    ProviderSecrets providerSecrets(Config config,
                                    @ConfigProperty(name = "madang.providers.secret-id") Optional<String> secretId,
                                    Instance<SecretsManagerClient> secrets) {
        return new ProviderSecrets(name -> config.getOptionalValue(name, String.class), secretId, secrets::get);
    }

    /**
     * The signing keys: from Secrets Manager in AWS ({@code madang.auth.signing-keys-secret-id}, re-read every few
     * minutes), else the key-set JSON itself ({@code madang.auth.signing-keys}: the local runner's generated dev keys,
     * or a test's).
     */
    @Produces
    @Singleton
    CurrentSigningKeys signingKeys(@ConfigProperty(name = "madang.auth.signing-keys-secret-id") Optional<String> secretId,
                                   @ConfigProperty(name = "madang.auth.signing-keys") Optional<String> inline,
                                   Instance<SecretsManagerClient> secrets) {
        if (secretId.filter(s -> !s.isBlank()).isPresent()) {
            SecretsManagerSigningKeys fromSecret = new SecretsManagerSigningKeys(secrets.get(), secretId.get());
            return new CurrentSigningKeys(fromSecret::current);
        }
        SigningKeySet fixed = SigningKeySet.parse(inline.filter(s -> !s.isBlank()).orElseThrow(() ->
                new IllegalStateException("neither madang.auth.signing-keys-secret-id nor madang.auth.signing-keys "
                        + "is configured")));
        return new CurrentSigningKeys(() -> fixed);
    }

    /** The refresh-token families: sessions use them, and so does my page, which ends them on a password change. */
    @Produces
    @Singleton
    RotatingRefreshTokens refreshTokens(DynamoDbClient dynamo, Clock clock,
                                        @ConfigProperty(name = "madang.tables.accounts") String table,
                                        @ConfigProperty(name = "madang.auth.refresh-token-lifetime")
                                        Duration refreshLifetime) {
        return new RotatingRefreshTokens(new DynamoRefreshTokens(dynamo, table, refreshLifetime), clock,
                refreshLifetime);
    }

    @Produces
    @Singleton
    Sessions sessions(DynamoAccounts accounts, CurrentSigningKeys keys, RotatingRefreshTokens refreshTokens,
                      Clock clock, DynamoDbClient dynamo,
                      @ConfigProperty(name = "madang.tables.orders") String ordersTable,
                      @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
                      @ConfigProperty(name = "mp.jwt.verify.audiences") List<String> audiences,
                      @ConfigProperty(name = "madang.auth.access-token-lifetime") Duration accessLifetime) {
        // the memberships a token names: one query of the fan's wallet at login and at each refresh
        DynamoMemberships cards = new DynamoMemberships(dynamo, ordersTable);
        return new Sessions(accounts.accounts(), keys.signer(issuer, audiences.get(0), clock, accessLifetime),
                refreshTokens, accountId -> cards.ofUser(accountId).stream()
                .filter(card -> card.activeAt(clock.instant())).map(MemberCard::membershipId)
                .collect(java.util.stream.Collectors.toUnmodifiableSet()));
    }

    @Produces
    @Singleton
    VerifyingIdentity verifying(ProviderSecrets secrets,
                                @ConfigProperty(name = "madang.portone.base-url") URI baseUrl) {
        return new VerifyingIdentity(new LazyIdentityVerifications(
                () -> new PortOneIdentityVerifications(baseUrl, secrets.get("portoneApiSecret",
                        "madang.portone.api-secret"))));
    }

    @Produces
    @Singleton
    SigningUp signingUp(DynamoAccounts accounts, PasswordHasher hasher, VerifyingIdentity verifying, Ids ids,
                        Clock clock) {
        return new SigningUp(accounts.accounts(), hasher, verifying, ids, clock);
    }

    @Produces
    @Singleton
    LoggingIn loggingIn(DynamoAccounts accounts, PasswordHasher hasher, Clock clock) {
        return new LoggingIn(accounts.accounts(), hasher, accounts.loginAttempts(), clock);
    }

    @Produces
    @Singleton
    ManagingMyAccount myAccount(DynamoAccounts accounts, PasswordHasher hasher, VerifyingIdentity verifying,
                                RotatingRefreshTokens refreshTokens, Clock clock) {
        return new ManagingMyAccount(accounts.accounts(), hasher, accounts.loginAttempts(), verifying, refreshTokens,
                clock);
    }

    @Produces
    @Singleton
    LoggingInSocially social(DynamoAccounts accounts, ProviderSecrets secrets, Ids ids, Clock clock,
                             @ConfigProperty(name = "madang.social.redirect-uris") List<URI> redirectUris,
                             @ConfigProperty(name = "madang.kakao.client-id") String kakaoClientId,
                             @ConfigProperty(name = "madang.kakao.auth-url") URI kakaoAuth,
                             @ConfigProperty(name = "madang.kakao.api-url") URI kakaoApi,
                             @ConfigProperty(name = "madang.naver.client-id") String naverClientId,
                             @ConfigProperty(name = "madang.naver.auth-url") URI naverAuth,
                             @ConfigProperty(name = "madang.naver.api-url") URI naverApi) {
        KakaoLogin kakao = new KakaoLogin(kakaoAuth, kakaoApi, kakaoClientId,
                secrets.get("kakaoClientSecret", "madang.kakao.client-secret"), SocialLoginSettings.DEFAULT);
        NaverLogin naver = new NaverLogin(naverAuth, naverApi, naverClientId,
                secrets.get("naverClientSecret", "madang.naver.client-secret"), SocialLoginSettings.DEFAULT);
        return new LoggingInSocially(List.of(kakao, naver), accounts.pendingSocialLogins(), accounts.accounts(),
                new HashSet<>(redirectUris), ids, clock);
    }
}
