package dev.madang.aws.account;

import dev.madang.domain.account.Account;
import dev.madang.domain.account.AccountStatus;
import dev.madang.domain.account.Accounts;
import dev.madang.domain.account.EmailAddress;
import dev.madang.domain.account.Role;
import dev.madang.domain.common.DomainException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.madang.aws.support.Attr.s;
import static dev.madang.aws.support.Attr.ss;
import static dev.madang.aws.support.Attr.str;
import static dev.madang.aws.support.Attr.strings;

/**
 * Accounts and their unique e-mails in the accounts table:
 * <pre>
 * | pattern                      | key condition                              | index |
 * |------------------------------|--------------------------------------------|-------|
 * | create account + claim email | pk = ACCOUNT#id, sk = META and             | table |
 * |   (one TransactWriteItems)   | pk = EMAIL#email, sk = UNIQUE, both        |       |
 * |                              | attribute_not_exists(pk)                   |       |
 * | account by id                | pk = ACCOUNT#id, sk = META (GetItem)       | table |
 * | account by e-mail            | pk = EMAIL#email, sk = UNIQUE → accountId, | table |
 * |                              | then account by id                         |       |
 * </pre>
 * Uniqueness is the e-mail item's key: a second sign-up's transaction fails its condition and writes nothing, not
 * even its own account item. Reads are strongly consistent, so a login right after sign-up finds the account.
 */
final class DynamoAccountRegistry implements Accounts {

    /** Index of the e-mail item in the create transaction; its cancellation reason says "taken". */
    private static final int EMAIL_ITEM = 1;
    /** On AWS a transaction that meets another one in flight on the same item is cancelled with TransactionConflict. */
    private static final int CONFLICT_ATTEMPTS = 4;

    private final DynamoDbClient dynamo;
    private final String table;

    DynamoAccountRegistry(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void create(Account account) {
        Map<String, AttributeValue> accountItem = new HashMap<>(AccountKeys.account(account.id()));
        accountItem.put("id", s(account.id()));
        accountItem.put("email", s(account.email()));
        accountItem.put("passwordHash", s(account.passwordHash()));
        accountItem.put("roles", ss(account.roles().stream().map(Role::name).toList()));
        accountItem.put("status", s(account.status().name()));
        accountItem.put("createdAt", s(account.createdAt().toString()));
        Map<String, AttributeValue> emailItem = new HashMap<>(AccountKeys.email(account.email()));
        emailItem.put("accountId", s(account.id()));
        List<TransactWriteItem> items = List.of(put(accountItem), put(emailItem)); // EMAIL_ITEM is the second

        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(r -> r.transactItems(items));
                return;
            } catch (TransactionCanceledException cancelled) {
                List<String> reasons = cancelled.hasCancellationReasons()
                        ? cancelled.cancellationReasons().stream().map(CancellationReason::code).toList() : List.of();
                if (reasons.size() > EMAIL_ITEM && "ConditionalCheckFailed".equals(reasons.get(EMAIL_ITEM))) {
                    throw DomainException.conflict("email-taken", "an account with this e-mail already exists");
                }
                if (reasons.contains("ConditionalCheckFailed")) {
                    // the account id exists: a ULID collision, which the id generator makes practically impossible
                    throw new IllegalStateException("account id " + account.id() + " already exists", cancelled);
                }
                if (!reasons.contains("TransactionConflict") || attempt >= CONFLICT_ATTEMPTS) {
                    throw cancelled;
                }
                // another sign-up for this e-mail is in flight: try again, and meet its result as a failed condition
                pause(attempt);
            }
        }
    }

    /** A put that creates the item or fails: neither the account nor the e-mail claim is ever overwritten. */
    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    @Override
    public Optional<Account> byEmail(String email) {
        String normalised = EmailAddress.normalise(email);
        if (normalised == null || normalised.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> claim = dynamo.getItem(r -> r.tableName(table).key(AccountKeys.email(normalised))
                .consistentRead(true)).item();
        String id = claim == null ? null : str(claim, "accountId");
        return id == null ? Optional.empty() : byId(id);
    }

    @Override
    public Optional<Account> byId(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(AccountKeys.account(id))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toAccount(item));
    }

    private static Account toAccount(Map<String, AttributeValue> item) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        strings(item, "roles").forEach(r -> roles.add(Role.valueOf(r)));
        return new Account(str(item, "id"), str(item, "email"), str(item, "passwordHash"), roles,
                AccountStatus.valueOf(str(item, "status")), Instant.parse(str(item, "createdAt")));
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep((long) (10 * Math.pow(2, attempt) * (0.5 + Math.random() / 2)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a sign-up", e);
        }
    }
}
