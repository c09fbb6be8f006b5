package dev.madang.api.account;

import dev.madang.domain.identity.IdentityVerifications;
import dev.madang.domain.identity.VerificationResult;

import java.util.function.Supplier;

/**
 * Builds the PortOne adapter on the first verification, not when the use cases are wired: reading PortOne's secret is
 * then the cost of a sign-up, not of every cold start of a function that merely can sign people up.
 */
final class LazyIdentityVerifications implements IdentityVerifications {

    private final Supplier<IdentityVerifications> factory;
    private volatile IdentityVerifications adapter;

    LazyIdentityVerifications(Supplier<IdentityVerifications> factory) {
        this.factory = factory;
    }

    @Override
    public VerificationResult check(String identityVerificationId) {
        IdentityVerifications a = adapter;
        if (a == null) {
            synchronized (this) {
                if (adapter == null) {
                    adapter = factory.get();
                }
                a = adapter;
            }
        }
        return a.check(identityVerificationId);
    }
}
