package dev.madang.api.support;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.queue.RequestBudgets;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Spends a {@link Throttled} request from three budgets, each a token bucket in the instance's memory: the account's
 * (what the gateway cannot see), the client address's (the first {@code X-Forwarded-For} hop, which API Gateway
 * sets, else the connection's), and the round's when the path names one. Any one empty is a 429 with
 * {@code Retry-After}, before a read or a write is made, so an overload is refused, never a 5xx. The totals across
 * instances are the gateway's route throttling (template.yaml, {@code HttpApi} {@code RouteSettings}).
 */
@Provider
@Throttled
@Priority(Priorities.USER)
public class RequestLimits implements ContainerRequestFilter {

    private final RequestBudgets accounts;
    private final RequestBudgets addresses;
    private final RequestBudgets rounds;

    @Context
    HttpServerRequest connection;

    @Inject
    public RequestLimits(Clock clock,
                         @ConfigProperty(name = "madang.limits.account.per-second") double accountRate,
                         @ConfigProperty(name = "madang.limits.account.burst") int accountBurst,
                         @ConfigProperty(name = "madang.limits.address.per-second") double addressRate,
                         @ConfigProperty(name = "madang.limits.address.burst") int addressBurst,
                         @ConfigProperty(name = "madang.limits.round.per-second") double roundRate,
                         @ConfigProperty(name = "madang.limits.round.burst") int roundBurst) {
        this.accounts = new RequestBudgets(new RequestBudgets.Limit(accountRate, accountBurst), clock);
        this.addresses = new RequestBudgets(new RequestBudgets.Limit(addressRate, addressBurst), clock);
        this.rounds = new RequestBudgets(new RequestBudgets.Limit(roundRate, roundBurst), clock);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Principal who = request.getSecurityContext().getUserPrincipal();
        if (who != null) {
            refuseIfSpent(accounts.take(who.getName()), "too many requests from your account");
        }
        refuseIfSpent(addresses.take(address(request)), "too many requests from your address");
        String round = request.getUriInfo().getPathParameters().getFirst("roundId");
        if (round != null) {
            refuseIfSpent(rounds.take(round), "this round is busy");
        }
    }

    private String address(ContainerRequestContext request) {
        String forwarded = request.getHeaderString("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded.split(",")[0].strip();
        }
        return connection == null || connection.remoteAddress() == null ? "unknown"
                : connection.remoteAddress().hostAddress();
    }

    private static void refuseIfSpent(Optional<Duration> wait, String why) {
        if (wait.isPresent()) {
            Duration retry = Duration.ofSeconds(Math.max(1, (wait.get().toMillis() + 999) / 1000));
            throw DomainException.throttled("rate-limited", why + "; try again in " + retry.toSeconds() + " s", retry);
        }
    }
}
