package dev.madang.aws.account;

import dev.madang.domain.account.Account;
import dev.madang.domain.account.AccountStatus;
import dev.madang.domain.account.Accounts;
import dev.madang.domain.account.EmailAddress;
import dev.madang.domain.account.Profile;
import dev.madang.domain.account.Role;
import dev.madang.domain.account.SocialLink;
import dev.madang.domain.account.VerifiedIdentity;
import dev.madang.domain.common.DomainException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
 * Accounts and their uniqueness claims in the accounts table:
 * <pre>
 * | pattern                        | key condition                                            | index |
 * |--------------------------------|----------------------------------------------------------|-------|
 * | create account + claims        | one TransactWriteItems: pk = ACCOUNT#id, sk = META and   | table |
 * |                                | EMAIL#email / PERSON#diHash / IDV#verificationId /       |       |
 * |                                | SOCIAL#provider#userId, each attribute_not_exists(pk)    |       |
 * | account by id                  | GetItem pk = ACCOUNT#id, sk = META                       | table |
 * | account by e-mail              | GetItem pk = EMAIL#email, sk = UNIQUE → id, then by id   | table |
 * | account by social link         | GetItem pk = SOCIAL#provider#userId → id, then by id     | table |
 * | verify later                   | TransactWriteItems: Update ACCOUNT (active, unverified)  | table |
 * |                                | + Put PERSON#diHash + Put IDV#verificationId             |       |
 * | edit profile / change password | UpdateItem ACCOUNT#id IF status = ACTIVE                 | table |
 * | close                          | TransactWriteItems: Update ACCOUNT (erase, CLOSED) +     | table |
 * |                                | Delete each claim the account held                       |       |
 * </pre>
 * Every uniqueness rule is an item's key, written in the same transaction as what it guards: a second claimant's
 * transaction fails that item's condition and writes nothing, not even its own account. The transaction's
 * cancellation reasons say which claim was taken. Reads are strongly consistent, so a login right after sign-up
 * finds the account. The DI is never stored, only its SHA-256 (in the PERSON claim's key and on the account, so
 * closing can release it).
 */
final class DynamoAccountRegistry implements Accounts {

    /** On AWS a transaction that meets another one in flight on the same item is cancelled with TransactionConflict. */
    private static final int CONFLICT_ATTEMPTS = 4;

    private final DynamoDbClient dynamo;
    private final String table;

    DynamoAccountRegistry(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** What a claim item guards, and the conflict its failed condition means. */
    private record Claim(TransactWriteItem item, String conflictType, String conflictDetail) {
    }

    @Override
    public void create(Account account, String identityVerificationId) {
        if ((account.identity() != null) != (identityVerificationId != null)) {
            throw new IllegalArgumentException("a verified account comes with the verification that vouched for it");
        }
        List<Claim> claims = new ArrayList<>();
        claims.add(new Claim(put(accountItem(account)), null, null));
        if (account.email() != null) {
            claims.add(new Claim(put(claimItem(AccountKeys.email(account.email()), account.id())), "email-taken",
                    "an account with this e-mail already exists"));
        }
        if (account.identity() != null) {
            claims.addAll(identityClaims(account.id(), account.identity(), identityVerificationId));
        }
        for (SocialLink link : account.socialLinks()) {
            claims.add(new Claim(put(claimItem(AccountKeys.socialLink(link.provider(), link.providerUserId()),
                    account.id())), "social-link-taken", "this provider account is linked to another account"));
        }
        write(claims, "account id " + account.id() + " already exists");
    }

    @Override
    public void attachIdentity(String accountId, VerifiedIdentity identity, String identityVerificationId) {
        Map<String, AttributeValue> values = new HashMap<>(identityValues(identity));
        values.put(":active", s(AccountStatus.ACTIVE.name()));
        TransactWriteItem update = TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(AccountKeys.account(accountId))
                .updateExpression("SET idName = :idName, idBirthDate = :idBirthDate, diHash = :diHash, "
                        + "verifiedAt = :verifiedAt" + (identity.phone() == null ? "" : ", idPhone = :idPhone"))
                .conditionExpression("attribute_exists(pk) AND #status = :active AND attribute_not_exists(diHash)")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(values).build()).build();
        List<Claim> claims = new ArrayList<>();
        claims.add(new Claim(update, null, null));
        claims.addAll(identityClaims(accountId, identity, identityVerificationId));
        try {
            write(claims, null);
        } catch (AccountItemRefused refused) {
            Optional<Account> account = byId(accountId).filter(Account::isActive);
            if (account.isPresent() && account.get().isIdentityVerified()) {
                throw DomainException.conflict("identity-already-verified",
                        "this account's identity is verified already");
            }
            throw DomainException.notFound("account", accountId);
        }
    }

    @Override
    public void updateProfile(String accountId, Profile profile) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":active", s(AccountStatus.ACTIVE.name()));
        values.put(":consent", AttributeValue.fromBool(profile.marketingConsent()));
        List<String> set = new ArrayList<>(List.of("marketingConsent = :consent"));
        List<String> remove = new ArrayList<>();
        setOrRemove("name", profile.name(), set, remove, values);
        setOrRemove("phone", profile.phone(), set, remove, values);
        String expression = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        conditionalUpdate(accountId, expression, "#status = :active", values);
    }

    @Override
    public void changePasswordHash(String accountId, String newPasswordHash) {
        conditionalUpdate(accountId, "SET passwordHash = :hash", "#status = :active AND attribute_exists(passwordHash)",
                Map.of(":hash", s(newPasswordHash), ":active", s(AccountStatus.ACTIVE.name())));
    }

    @Override
    public void close(Account account, Instant at) {
        if (account.status() == AccountStatus.CLOSED) {
            return;
        }
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(AccountKeys.account(account.id()))
                // everything personal goes; id, roles and dates stay for the tickets and payments that point here
                .updateExpression("SET #status = :closed, closedAt = :at REMOVE email, passwordHash, #name, phone, "
                        + "marketingConsent, idName, idBirthDate, idPhone, diHash, verifiedAt, socialLinks")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#status", "status", "#name", "name"))
                .expressionAttributeValues(Map.of(":closed", s(AccountStatus.CLOSED.name()), ":at", s(at.toString())))
                .build()).build());
        if (account.email() != null) {
            items.add(release(AccountKeys.email(account.email()), account.id()));
        }
        if (account.identity() != null) {
            items.add(release(AccountKeys.person(account.identity().diHash()), account.id()));
        }
        for (SocialLink link : account.socialLinks()) {
            items.add(release(AccountKeys.socialLink(link.provider(), link.providerUserId()), account.id()));
        }
        dynamo.transactWriteItems(r -> r.transactItems(items));
    }

    @Override
    public Optional<Account> byEmail(String email) {
        String normalised = EmailAddress.normalise(email);
        if (normalised == null || normalised.isEmpty()) {
            return Optional.empty();
        }
        return byClaim(AccountKeys.email(normalised));
    }

    @Override
    public Optional<Account> bySocialLink(SocialLink link) {
        return byClaim(AccountKeys.socialLink(link.provider(), link.providerUserId()));
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

    private Optional<Account> byClaim(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> claim = dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
        String id = claim == null ? null : str(claim, "accountId");
        return id == null ? Optional.empty() : byId(id);
    }

    private List<Claim> identityClaims(String accountId, VerifiedIdentity identity, String identityVerificationId) {
        return List.of(
                new Claim(put(claimItem(AccountKeys.person(identity.diHash()), accountId)), "identity-already-linked",
                        "this person already has an account; log in to it (one person, one account)"),
                new Claim(put(claimItem(AccountKeys.verification(identityVerificationId), accountId)),
                        "identity-verification-used", "this identity verification was already used; verify again"));
    }

    /** Signals that the first item (the account's own) failed its condition; callers decide what that means. */
    private static final class AccountItemRefused extends RuntimeException {
        AccountItemRefused(Throwable cause) {
            super(null, cause, false, false);
        }
    }

    /**
     * Writes the claims in one transaction. A claim whose condition failed becomes its CONFLICT; the account item's
     * own failure becomes {@code accountItemTaken} as an IllegalStateException when given (after the claims), else
     * AccountItemRefused (before the claims).
     */
    private void write(List<Claim> claims, String accountItemTaken) {
        List<TransactWriteItem> items = claims.stream().map(Claim::item).toList();
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(r -> r.transactItems(items));
                return;
            } catch (TransactionCanceledException cancelled) {
                List<String> reasons = cancelled.hasCancellationReasons()
                        ? cancelled.cancellationReasons().stream().map(CancellationReason::code).toList() : List.of();
                boolean accountItemFailed = !reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0));
                if (accountItemFailed && accountItemTaken == null) {
                    // an existing account's own state (missing, closed, verified already) answers before its claims:
                    // re-verifying a verified account also meets its own PERSON claim, which is no other account's
                    throw new AccountItemRefused(cancelled);
                }
                // report the first claim that was taken: the order is e-mail, person, verification, links
                for (int i = 1; i < Math.min(reasons.size(), claims.size()); i++) {
                    if ("ConditionalCheckFailed".equals(reasons.get(i))) {
                        throw DomainException.conflict(claims.get(i).conflictType(), claims.get(i).conflictDetail());
                    }
                }
                if (accountItemFailed) {
                    // a ULID collision, which the id generator makes practically impossible
                    throw new IllegalStateException(accountItemTaken, cancelled);
                }
                if (!reasons.contains("TransactionConflict") || attempt >= CONFLICT_ATTEMPTS) {
                    throw cancelled;
                }
                // another write on one of these items is in flight: try again, and meet its result as a condition
                pause(attempt);
            }
        }
    }

    private void conditionalUpdate(String accountId, String update, String condition,
                                   Map<String, AttributeValue> values) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(AccountKeys.account(accountId)).updateExpression(update)
                    .conditionExpression("attribute_exists(pk) AND " + condition)
                    .expressionAttributeNames(names(update + " " + condition))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            throw DomainException.notFound("account", accountId);
        }
    }

    /** An alias for every {@code #attribute} the expressions use ("status" and "name" are reserved words). */
    private static Map<String, String> names(String expressions) {
        Map<String, String> names = new HashMap<>();
        java.util.regex.Matcher alias = java.util.regex.Pattern.compile("#(\\w+)").matcher(expressions);
        while (alias.find()) {
            names.put(alias.group(), alias.group(1));
        }
        return names;
    }

    private static void setOrRemove(String attribute, String value, List<String> set, List<String> remove,
                                    Map<String, AttributeValue> values) {
        String alias = "#" + attribute;
        if (value == null) {
            remove.add(alias);
        } else {
            set.add(alias + " = :" + attribute);
            values.put(":" + attribute, s(value));
        }
    }

    private Map<String, AttributeValue> accountItem(Account account) {
        Map<String, AttributeValue> item = new HashMap<>(AccountKeys.account(account.id()));
        item.put("id", s(account.id()));
        if (account.email() != null) {
            item.put("email", s(account.email()));
            item.put("passwordHash", s(account.passwordHash()));
        }
        item.put("roles", ss(account.roles().stream().map(Role::name).toList()));
        item.put("status", s(account.status().name()));
        item.put("createdAt", s(account.createdAt().toString()));
        putIfPresent(item, "name", account.profile().name());
        putIfPresent(item, "phone", account.profile().phone());
        item.put("marketingConsent", AttributeValue.fromBool(account.profile().marketingConsent()));
        if (account.identity() != null) {
            identityValues(account.identity()).forEach((k, v) -> item.put(k.substring(1), v));
        }
        if (!account.socialLinks().isEmpty()) {
            item.put("socialLinks", ss(account.socialLinks().stream()
                    .map(l -> l.provider() + "#" + l.providerUserId()).toList()));
        }
        return item;
    }

    private static Map<String, AttributeValue> identityValues(VerifiedIdentity identity) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":idName", s(identity.name()));
        values.put(":idBirthDate", s(identity.birthDate().toString()));
        values.put(":diHash", s(identity.diHash()));
        values.put(":verifiedAt", s(identity.verifiedAt().toString()));
        if (identity.phone() != null) {
            values.put(":idPhone", s(identity.phone()));
        }
        return values;
    }

    private static Map<String, AttributeValue> claimItem(Map<String, AttributeValue> key, String accountId) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("accountId", s(accountId));
        return item;
    }

    /** A put that creates the item or fails: neither an account nor a claim is ever overwritten. */
    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** Deletes a claim if it is this account's (a claim someone else has since taken is left alone). */
    private TransactWriteItem release(Map<String, AttributeValue> key, String accountId) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key)
                .conditionExpression("attribute_not_exists(pk) OR accountId = :id")
                .expressionAttributeValues(Map.of(":id", s(accountId))).build()).build();
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static Account toAccount(Map<String, AttributeValue> item) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        strings(item, "roles").forEach(r -> roles.add(Role.valueOf(r)));
        AttributeValue consent = item.get("marketingConsent");
        Profile profile = new Profile(str(item, "name"), str(item, "phone"),
                consent != null && Boolean.TRUE.equals(consent.bool()));
        VerifiedIdentity identity = str(item, "diHash") == null ? null : new VerifiedIdentity(str(item, "idName"),
                LocalDate.parse(str(item, "idBirthDate")), str(item, "idPhone"), str(item, "diHash"),
                Instant.parse(str(item, "verifiedAt")));
        List<SocialLink> links = item.containsKey("socialLinks") ? strings(item, "socialLinks").stream().map(l -> {
            int hash = l.indexOf('#');
            return new SocialLink(l.substring(0, hash), l.substring(hash + 1));
        }).toList() : List.of();
        return new Account(str(item, "id"), str(item, "email"), str(item, "passwordHash"), roles,
                AccountStatus.valueOf(str(item, "status")), Instant.parse(str(item, "createdAt")), profile, identity,
                links);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep((long) (10 * Math.pow(2, attempt) * (0.5 + Math.random() / 2)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying an account write", e);
        }
    }
}
