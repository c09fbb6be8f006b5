package dev.madang.domain.account;

import java.util.Objects;

/**
 * A provider account that logs in as one of ours: {@code provider} is the lower-case provider name ({@code kakao},
 * {@code naver}) and {@code providerUserId} the provider's stable id for the user. Linking is by that id only, never
 * by e-mail: an e-mail a provider reports is not proof of owning the Madang account that has it.
 */
public record SocialLink(String provider, String providerUserId) {

    public SocialLink {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerUserId, "providerUserId");
        if (provider.isBlank() || providerUserId.isBlank()) {
            throw new IllegalArgumentException("a social link names a provider and a user id");
        }
    }
}
