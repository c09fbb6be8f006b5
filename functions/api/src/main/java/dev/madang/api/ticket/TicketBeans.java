package dev.madang.api.ticket;

import dev.madang.api.account.CurrentSigningKeys;
import dev.madang.aws.account.DynamoAccounts;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.ticket.DynamoScannerScopes;
import dev.madang.aws.ticket.DynamoTickets;
import dev.madang.domain.account.PasswordHasher;
import dev.madang.domain.common.Ids;
import dev.madang.domain.ticket.CheckingIn;
import dev.madang.domain.ticket.CreatingScanners;
import dev.madang.domain.ticket.ReadingAdmissions;
import dev.madang.domain.ticket.RevokingTickets;
import dev.madang.domain.ticket.ShowingTicketCodes;
import dev.madang.domain.ticket.TicketCodes;
import io.smallrye.jwt.util.ResourceUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Wires mobile tickets and check-in. Codes are signed with the API's signing keys, asked for only when a code is
 * shown (so only the ticket-code function reads the signing secret), and verified with the published JWKS, read from
 * where the API's token verification reads it.
 */
@ApplicationScoped
public class TicketBeans {

    @Produces
    @Singleton
    DynamoTickets tickets(DynamoDbClient dynamo, @ConfigProperty(name = "madang.tables.orders") String table) {
        return new DynamoTickets(dynamo, table);
    }

    @Produces
    @Singleton
    DynamoScannerScopes scopes(DynamoDbClient dynamo, @ConfigProperty(name = "madang.tables.accounts") String table) {
        return new DynamoScannerScopes(dynamo, table);
    }

    /** The issuer's published keys, read where the API's token verification reads them (codes and passes check them). */
    @Produces
    @Singleton
    PublishedKeys publishedKeys(Clock clock,
                                @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> inline,
                                @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> location) {
        Supplier<String> jwks = () -> inline.filter(s -> !s.isBlank()).orElseGet(() -> {
            String where = location.filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                    "neither mp.jwt.verify.publickey nor mp.jwt.verify.publickey.location is configured"));
            try {
                return ResourceUtils.readResource(where);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the published keys", e);
            }
        });
        return new PublishedKeys(jwks, clock);
    }

    @Produces
    @Singleton
    TicketCodes codes(Instance<CurrentSigningKeys> signing, PublishedKeys keys) {
        return new JwsTicketCodes(() -> signing.get().current(), keys);
    }

    @Produces
    @Singleton
    ShowingTicketCodes showing(DynamoTickets tickets, TicketCodes codes, Clock clock) {
        return new ShowingTicketCodes(tickets, codes, clock);
    }

    @Produces
    @Singleton
    CheckingIn checkingIn(TicketCodes codes, DynamoTickets tickets, DynamoScannerScopes scopes, Clock clock) {
        return new CheckingIn(codes, tickets, scopes, clock);
    }

    @Produces
    @Singleton
    RevokingTickets revoking(DynamoTickets tickets, Clock clock) {
        return new RevokingTickets(tickets, clock);
    }

    @Produces
    @Singleton
    ReadingAdmissions admissions(DynamoTickets tickets, DynamoCatalog catalog) {
        return new ReadingAdmissions(tickets, catalog.rounds());
    }

    @Produces
    @Singleton
    CreatingScanners creatingScanners(DynamoAccounts accounts, DynamoScannerScopes scopes, DynamoCatalog catalog,
                                      PasswordHasher hasher, Ids ids, Clock clock) {
        return new CreatingScanners(accounts.accounts(), scopes, catalog.rounds(), hasher, ids, clock);
    }
}
