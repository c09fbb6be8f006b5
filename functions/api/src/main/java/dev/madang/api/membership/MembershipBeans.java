package dev.madang.api.membership;

import dev.madang.aws.membership.DynamoMemberships;
import dev.madang.aws.order.DynamoOrders;
import dev.madang.aws.order.StepFunctionsPaymentWorkflows;
import dev.madang.domain.membership.BuyingMemberships;
import dev.madang.domain.payment.PaymentGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/** Wires memberships: offered and held in the orders table, bought through the payment workflow, refunded at the PG. */
@ApplicationScoped
public class MembershipBeans {

    @Produces
    @Singleton
    BuyingMemberships buying(DynamoDbClient dynamo, DynamoOrders orders, StepFunctionsPaymentWorkflows workflows,
                             PaymentGateway gateway, Clock clock,
                             @ConfigProperty(name = "madang.tables.orders") String table) {
        DynamoMemberships memberships = new DynamoMemberships(dynamo, table);
        return new BuyingMemberships(memberships, memberships, orders, workflows, gateway, clock);
    }
}
