package dev.madang.operator;

import dev.madang.aws.account.Argon2idPasswordHasher;
import dev.madang.aws.account.DynamoAccounts;
import dev.madang.domain.account.Account;
import dev.madang.domain.account.CreatingAdmins;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Ids;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;

/**
 * The bootstrap command for organiser (ADMIN) accounts: sign-up never makes one, so an operator with write access to
 * the accounts table runs this. It uses the same account rules as sign-up (e-mail form, password policy, Argon2id,
 * unique e-mail in one transaction).
 *
 * <pre>
 * ACCOUNTS_TABLE=madang-prod-AccountsTable-XXXX AWS_REGION=ap-northeast-2 \
 *   mvn -q -pl tools/operator exec:java -Dexec.mainClass=dev.madang.operator.CreateAdmin \
 *   -Dexec.args="organiser@example.com '김관리'"
 * </pre>
 * The password is read from the terminal without echo (or, when there is no terminal, from the first line of
 * standard input), never from an argument: arguments end up in shell history and process lists. AWS credentials
 * come from the usual chain; {@code MADANG_AWS_ENDPOINT_DYNAMODB} points it at a local stack instead.
 */
public final class CreateAdmin {

    private CreateAdmin() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: CreateAdmin <email> [name]   (password read from the terminal or stdin)");
            System.exit(2);
        }
        String table = System.getenv("ACCOUNTS_TABLE");
        if (table == null || table.isBlank()) {
            System.err.println("ACCOUNTS_TABLE must name the accounts table (stack output AccountsTableName)");
            System.exit(2);
        }
        char[] password = readPassword();
        try (DynamoDbClient dynamo = client()) {
            Account admin = create(dynamo, table, args[0], password, args.length == 2 ? args[1] : null);
            System.out.println("created admin account " + admin.id() + " (" + admin.email() + ")");
        } catch (DomainException e) {
            System.err.println("refused: " + e.getMessage() + (e.errors().isEmpty() ? "" : " " + e.errors()));
            System.exit(1);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** What the command does, for the local runner and tests: an ADMIN account through the domain's rules. */
    public static Account create(DynamoDbClient dynamo, String table, String email, char[] password, String name) {
        Clock clock = Clock.systemUTC();
        return new CreatingAdmins(new DynamoAccounts(dynamo, table).accounts(), new Argon2idPasswordHasher(),
                new Ids(clock), clock).createAdmin(email, password, name);
    }

    private static char[] readPassword() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("password for the new admin: ");
            char[] again = console.readPassword("again: ");
            if (first == null || !Arrays.equals(first, again)) {
                System.err.println("the passwords differ");
                System.exit(2);
            }
            Arrays.fill(again, '\0');
            return first;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? new char[0] : line.toCharArray();
    }

    private static DynamoDbClient client() {
        String region = System.getenv().getOrDefault("AWS_REGION", "ap-northeast-2");
        DynamoDbClientBuilder builder = DynamoDbClient.builder().region(Region.of(region))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        String endpoint = System.getenv("MADANG_AWS_ENDPOINT_DYNAMODB");
        if (endpoint != null && !endpoint.isBlank()) {
            // a local stack accepts any keys, and a developer's machine may have none configured
            builder.endpointOverride(URI.create(endpoint)).credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("local", "local")));
        }
        return builder.build();
    }
}
