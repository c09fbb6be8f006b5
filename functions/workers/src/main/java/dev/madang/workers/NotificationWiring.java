package dev.madang.workers;

import dev.madang.aws.notification.DynamoInbox;
import dev.madang.aws.notification.DynamoNotificationLookups;
import dev.madang.aws.notification.SesMailSender;
import dev.madang.domain.notification.DeliveringNotifications;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.time.Clock;

/** The notification consumer's wiring, shared by the deployed worker, the local runner and tests. */
public final class NotificationWiring {

    private NotificationWiring() {
    }

    public static DeliveringNotifications delivering(DynamoDbClient dynamo, SesV2Client ses, String sender,
                                                     DynamoNotificationLookups.Tables tables, Clock clock) {
        return new DeliveringNotifications(new DynamoInbox(dynamo, tables.accounts()), new SesMailSender(ses, sender),
                new DynamoNotificationLookups(dynamo, tables), clock);
    }
}
