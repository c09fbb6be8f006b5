package dev.madang.api;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Raw reads of the accounts table, for tests that check what was (not) written. Test-only scans. */
final class AccountsTable {

    private AccountsTable() {
    }

    static List<Map<String, AttributeValue>> items() {
        List<Map<String, AttributeValue>> all = new ArrayList<>();
        LocalAwsResource.aws.dynamo().scanPaginator(r -> r.tableName(LocalAwsResource.aws.tableName("AccountsTable")))
                .items().forEach(all::add);
        return all;
    }

    /** Items that are accounts or claims (not counters, tokens or pending logins, which other tests write). */
    static long accountsAndClaims() {
        return items().stream().map(i -> i.get("pk").s())
                .filter(pk -> pk.startsWith("ACCOUNT#") || pk.startsWith("EMAIL#") || pk.startsWith("PERSON#")
                        || pk.startsWith("IDV#") || pk.startsWith("SOCIAL#"))
                .count();
    }

    static Map<String, AttributeValue> account(String id) {
        return LocalAwsResource.aws.dynamo().getItem(r -> r.tableName(LocalAwsResource.aws.tableName("AccountsTable"))
                .key(Map.of("pk", AttributeValue.fromS("ACCOUNT#" + id), "sk", AttributeValue.fromS("META")))).item();
    }
}
