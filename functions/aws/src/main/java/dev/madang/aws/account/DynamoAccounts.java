package dev.madang.aws.account;

import dev.madang.domain.account.Accounts;
import dev.madang.domain.account.LoginAttempts;
import dev.madang.domain.account.social.PendingSocialLogins;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The public door to the account adapters, all in the accounts table ({@code AccountsTable}, keys {@code pk}/{@code
 * sk}, TTL attribute {@code expiresAtEpoch}). Access patterns:
 * <pre>
 * | pattern                        | key condition                                         | index |
 * |--------------------------------|-------------------------------------------------------|-------|
 * | sign up (account + claims)     | TransactWriteItems: pk = ACCOUNT#id, sk = META and    | table |
 * |                                | EMAIL#email, PERSON#diHash, IDV#verificationId,       |       |
 * |                                | SOCIAL#provider#userId (sk UNIQUE/USED), all          |       |
 * |                                | attribute_not_exists (DynamoAccountRegistry)          |       |
 * | account by id                  | pk = ACCOUNT#id, sk = META                            | table |
 * | account by e-mail / link       | pk = EMAIL#email or SOCIAL#provider#userId (→ id)     | table |
 * | pending social login           | pk = SOCIALSTATE#state, sk = PENDING (put; delete     | table |
 * |                                | returning the old item to take it once)               |       |
 * | record a failed login          | pk = LOGINFAIL#email, sk = minute start (ADD 1)       | table |
 * | count / clear failed logins    | pk = LOGINFAIL#email, sk BETWEEN two minute starts    | table |
 * </pre>
 * No pattern scans, and no index is needed. Transactions only where a claim is made or released (sign-up, a later
 * verification, closing an account: rare, and contended only by the same e-mail or person; docs/architecture.md
 * §3.6). Refresh tokens live in the same table ({@link dev.madang.aws.account.token.DynamoRefreshTokens}).
 */
public final class DynamoAccounts {

    private final DynamoDbClient dynamo;
    private final String accountsTable;

    public DynamoAccounts(DynamoDbClient dynamo, String accountsTable) {
        this.dynamo = dynamo;
        this.accountsTable = accountsTable;
    }

    public Accounts accounts() {
        return new DynamoAccountRegistry(dynamo, accountsTable);
    }

    public PendingSocialLogins pendingSocialLogins() {
        return new DynamoPendingSocialLogins(dynamo, accountsTable);
    }

    public LoginAttempts loginAttempts() {
        return new DynamoLoginAttempts(dynamo, accountsTable);
    }
}
