package dev.madang.domain.account.social;

import dev.madang.domain.account.Account;
import dev.madang.domain.account.Accounts;
import dev.madang.domain.account.Profile;
import dev.madang.domain.account.SocialLink;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Ids;
import dev.madang.domain.common.Violations;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Kakao and Naver login, authorization-code flow, in two steps:
 * <ol>
 *   <li>{@link #start}: the client names the provider and where the provider should send the browser back (one of
 *       the registered redirect URIs: an unregistered one would let anyone collect codes). We remember a random
 *       {@code state} bound to both for {@link #STATE_LIFETIME}, and answer the provider's consent URL.</li>
 *   <li>{@link #complete}: the client hands over the {@code code} and {@code state} it received. The state is taken
 *       once (a replayed or forged callback finds nothing), the code is exchanged and the profile fetched, and the
 *       account linked to that provider id logs in; a provider id we have not seen gets a new account (USER,
 *       unverified: it verifies its identity once, later, before booking).</li>
 * </ol>
 * Accounts are linked by provider id only, never by the e-mail a provider reports: that e-mail proves nothing about
 * owning the Madang account that may have it, so auto-linking on it would hand accounts over.
 */
public final class LoggingInSocially {

    public static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
    private static final Pattern STATE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int MAX_CODE = 512;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<SocialProvider, SocialLogin> logins;
    private final PendingSocialLogins pending;
    private final Accounts accounts;
    private final Set<URI> redirectUris;
    private final Ids ids;
    private final Clock clock;

    public LoggingInSocially(List<SocialLogin> logins, PendingSocialLogins pending, Accounts accounts,
                             Set<URI> redirectUris, Ids ids, Clock clock) {
        this.logins = new java.util.EnumMap<>(SocialProvider.class);
        logins.forEach(l -> this.logins.put(l.provider(), l));
        this.pending = pending;
        this.accounts = accounts;
        this.redirectUris = Set.copyOf(redirectUris);
        this.ids = ids;
        this.clock = clock;
    }

    public record Started(URI authorizationUrl, String state, Instant expiresAt) {
    }

    public record Completed(Account account, boolean newAccount) {
    }

    public Started start(String providerName, String redirectUri) {
        SocialLogin login = login(providerName);
        URI redirect = parse(redirectUri).filter(redirectUris::contains).orElseThrow(() -> DomainException.invalid(
                "the redirect URI is not registered", List.of(new FieldError("redirectUri",
                        "must be one of the registered redirect URIs"))));
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant expiresAt = clock.instant().plus(STATE_LIFETIME);
        pending.save(new PendingSocialLogins.Pending(state, login.provider().pathName(), redirect, expiresAt));
        return new Started(login.authorizationUrl(state, redirect), state, expiresAt);
    }

    public Completed complete(String providerName, String code, String state) {
        SocialLogin login = login(providerName);
        new Violations()
                .check(code != null && !code.isBlank() && code.length() <= MAX_CODE
                        && code.chars().allMatch(c -> c > 0x20 && c < 0x7f), "code", "the code the provider returned")
                .check(state != null && STATE.matcher(state).matches(), "state", "the state this API issued")
                .throwIfInvalid("the social login callback is not valid");

        PendingSocialLogins.Pending started = pending.take(state)
                .filter(p -> p.provider().equals(login.provider().pathName()))
                .filter(p -> clock.instant().isBefore(p.expiresAt()))
                .orElseThrow(() -> DomainException.unauthenticated("social-login-failed",
                        "this login attempt expired or was already used; start again"));
        SocialProfile profile = login.complete(code, state, started.redirectUri());
        SocialLink link = new SocialLink(login.provider().pathName(), profile.providerUserId());

        Optional<Account> existing = accounts.bySocialLink(link);
        if (existing.isPresent()) {
            return new Completed(active(existing.get()), false);
        }
        Account created = Account.newSocialUser(ids.next(), link, clock.instant(),
                new Profile(nameFrom(profile.nickname()), null, false));
        try {
            accounts.create(created, null);
            return new Completed(created, true);
        } catch (DomainException e) {
            if (!"social-link-taken".equals(e.type())) {
                throw e;
            }
            // the same person's other tab finished first and made the account: log in to that one
            return new Completed(active(accounts.bySocialLink(link).orElseThrow(() -> e)), false);
        }
    }

    private SocialLogin login(String providerName) {
        return SocialProvider.fromPath(providerName).map(logins::get)
                .orElseThrow(() -> DomainException.notFound("social provider", String.valueOf(providerName)));
    }

    private static Account active(Account account) {
        if (!account.isActive()) {
            throw DomainException.unauthenticated("social-login-failed", "this account cannot log in");
        }
        return account;
    }

    /** A nickname as a display name, if it fits the profile's rules; the fan can set one later otherwise. */
    private static String nameFrom(String nickname) {
        if (nickname == null) {
            return null;
        }
        String name = nickname.strip();
        Violations v = new Violations();
        Profile.check(name, null, v);
        return v.isEmpty() ? name : null;
    }

    private static Optional<URI> parse(String uri) {
        if (uri == null || uri.length() > 2000) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(uri));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
