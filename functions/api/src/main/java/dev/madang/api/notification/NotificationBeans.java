package dev.madang.api.notification;

import dev.madang.aws.notification.DynamoInbox;
import dev.madang.domain.notification.ReadingInbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/** The inbox, beside the accounts. */
@ApplicationScoped
public class NotificationBeans {

    @Produces
    @Singleton
    ReadingInbox inbox(DynamoDbClient dynamo, Clock clock,
                       @ConfigProperty(name = "madang.tables.accounts") String accountsTable) {
        return new ReadingInbox(new DynamoInbox(dynamo, accountsTable), clock);
    }
}
