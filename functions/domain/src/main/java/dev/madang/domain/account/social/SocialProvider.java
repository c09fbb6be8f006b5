package dev.madang.domain.account.social;

import java.util.Optional;

/**
 * The social-login providers Madang accepts. {@link #pathName()} is how a provider appears in routes
 * ({@code /auth/social/kakao}); it is matched exactly, since paths are case-sensitive and one spelling keeps the
 * redirect URIs registered at the provider unambiguous.
 */
public enum SocialProvider {
    KAKAO("kakao"),
    NAVER("naver");

    private final String pathName;

    SocialProvider(String pathName) {
        this.pathName = pathName;
    }

    public String pathName() {
        return pathName;
    }

    /** The provider a path segment names; empty for anything else (the API answers 404, not 400). */
    public static Optional<SocialProvider> fromPath(String pathName) {
        for (SocialProvider provider : values()) {
            if (provider.pathName.equals(pathName)) {
                return Optional.of(provider);
            }
        }
        return Optional.empty();
    }
}
