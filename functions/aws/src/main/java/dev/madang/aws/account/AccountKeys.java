package dev.madang.aws.account;

import dev.madang.aws.support.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.madang.aws.support.Attr.s;

/** Keys of the accounts table; see {@link DynamoAccounts} for the access patterns they serve. */
final class AccountKeys {

    static final String META = "META";
    static final String UNIQUE = "UNIQUE";
    /** Failed logins are counted per minute; a window is the sum of its minutes. */
    static final Duration FAILURE_BUCKET = Duration.ofMinutes(1);

    private AccountKeys() {
    }

    static Map<String, AttributeValue> account(String id) {
        return Map.of("pk", s("ACCOUNT#" + id), "sk", s(META));
    }

    static Map<String, AttributeValue> email(String normalisedEmail) {
        return Map.of("pk", s("EMAIL#" + normalisedEmail), "sk", s(UNIQUE));
    }

    /** One person, one account: keyed by the SHA-256 of the person's DI. */
    static Map<String, AttributeValue> person(String diHash) {
        return Map.of("pk", s("PERSON#" + diHash), "sk", s(UNIQUE));
    }

    /** An identity verification that vouched for an account; kept, so it never vouches again. */
    static Map<String, AttributeValue> verification(String identityVerificationId) {
        return Map.of("pk", s("IDV#" + identityVerificationId), "sk", s("USED"));
    }

    static Map<String, AttributeValue> socialLink(String provider, String providerUserId) {
        return Map.of("pk", s("SOCIAL#" + provider + "#" + providerUserId), "sk", s(UNIQUE));
    }

    static String failuresPartition(String normalisedEmail) {
        return "LOGINFAIL#" + normalisedEmail;
    }

    /** The start of the bucket holding {@code t}, as a sort key ({@code 2026-11-26T03:07:00Z}): sorts by time. */
    static String failureBucket(Instant t) {
        long bucketMillis = FAILURE_BUCKET.toMillis();
        return Attr.sortable(Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), bucketMillis) * bucketMillis));
    }
}
