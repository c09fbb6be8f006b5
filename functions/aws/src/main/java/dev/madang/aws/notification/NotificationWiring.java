package dev.madang.aws.notification;

import dev.madang.domain.notification.DeliveringNotifications;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.time.Clock;

/**
 * The notification consumer's wiring, shared by the deployed worker, the local runner and the api's tests (which
 * cannot put the workers artifact on their class path).
 */
public final class NotificationWiring {

    private NotificationWiring() {
    }

    public static DeliveringNotifications delivering(DynamoDbClient dynamo, SesV2Client ses, String sender,
                                                     DynamoNotificationLookups.Tables tables, Clock clock) {
        return new DeliveringNotifications(new DynamoInbox(dynamo, tables.accounts()), new SesMailSender(ses, sender),
                new DynamoNotificationLookups(dynamo, tables), clock);
    }
}
