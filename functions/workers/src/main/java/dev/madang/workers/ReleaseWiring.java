package dev.madang.workers;

import dev.madang.aws.release.DynamoNightlyReleases;
import dev.madang.aws.release.DynamoReleasePools;
import dev.madang.domain.release.DawnRelease;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.security.SecureRandom;
import java.time.Clock;

/** The dawn release's composition root, in plain Java like {@link LotteryWiring}: the worker and the local stack share it. */
public final class ReleaseWiring {

    private ReleaseWiring() {
    }

    /** Over the seats table's pools and night records, deciding each minute with a cryptographic random source. */
    public static DawnRelease dawnRelease(DynamoDbClient dynamo, String seatsTable, Clock clock) {
        SecureRandom random = new SecureRandom();
        return new DawnRelease(new DynamoReleasePools(dynamo, seatsTable), new DynamoNightlyReleases(dynamo, seatsTable),
                random::nextInt, clock);
    }
}
