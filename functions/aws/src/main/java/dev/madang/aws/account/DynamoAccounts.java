package dev.madang.aws.account;

import dev.madang.domain.account.Accounts;
import dev.madang.domain.account.LoginAttempts;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The public door to the account adapters, all in the accounts table ({@code AccountsTable}, keys {@code pk}/{@code
 * sk}, TTL attribute {@code expiresAtEpoch}). Access patterns:
 * <pre>
 * | pattern                        | key condition                                         | index |
 * |--------------------------------|-------------------------------------------------------|-------|
 * | sign up (account + e-mail)     | TransactWriteItems: pk = ACCOUNT#id, sk = META and    | table |
 * |                                | pk = EMAIL#email, sk = UNIQUE, attribute_not_exists   |       |
 * | account by id                  | pk = ACCOUNT#id, sk = META                            | table |
 * | account by e-mail              | pk = EMAIL#email, sk = UNIQUE (→ id), then by id      | table |
 * | record a failed login          | pk = LOGINFAIL#email, sk = minute start (ADD 1)       | table |
 * | count / clear failed logins    | pk = LOGINFAIL#email, sk BETWEEN two minute starts    | table |
 * </pre>
 * No pattern scans, and no index is needed. Transactions only at sign-up (rare, contended only by the same e-mail;
 * ARCHITECTURE.md section 3).
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

    public LoginAttempts loginAttempts() {
        return new DynamoLoginAttempts(dynamo, accountsTable);
    }
}
