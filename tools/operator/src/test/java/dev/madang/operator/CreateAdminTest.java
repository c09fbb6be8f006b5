package dev.madang.operator;

import dev.madang.aws.account.Argon2idPasswordHasher;
import dev.madang.aws.account.DynamoAccounts;
import dev.madang.domain.account.Account;
import dev.madang.domain.account.LoggingIn;
import dev.madang.domain.account.Role;
import dev.madang.domain.common.DomainException;
import dev.madang.localstack.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The admin bootstrap command's code path against the local accounts table: an ADMIN who logs in like anyone. */
class CreateAdminTest {

    static LocalAws aws;

    @BeforeAll
    static void start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @Test
    void the_command_makes_an_admin_who_logs_in_and_refuses_a_taken_email_or_a_weak_password() {
        String table = aws.tableName("AccountsTable");
        Account admin = CreateAdmin.create(aws.dynamo(), table, "Organiser@Example.com", "Strong-Admin-Pass-1".toCharArray(),
                "김관리");
        assertThat(admin.roles()).containsExactly(Role.USER, Role.ADMIN);
        assertThat(admin.email()).isEqualTo("organiser@example.com");

        DynamoAccounts accounts = new DynamoAccounts(aws.dynamo(), table);
        Account loggedIn = new LoggingIn(accounts.accounts(), new Argon2idPasswordHasher(), accounts.loginAttempts(),
                Clock.systemUTC()).logIn(new LoggingIn.LogIn("organiser@example.com", "Strong-Admin-Pass-1".toCharArray()));
        assertThat(loggedIn.id()).isEqualTo(admin.id());
        assertThat(loggedIn.hasRole(Role.ADMIN)).isTrue();

        assertThatThrownBy(() -> CreateAdmin.create(aws.dynamo(), table, "organiser@example.com",
                "Another-Pass-22".toCharArray(), null)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.type()).isEqualTo("email-taken"));
        assertThatThrownBy(() -> CreateAdmin.create(aws.dynamo(), table, "second@example.com", "short".toCharArray(),
                null)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID));
    }
}
