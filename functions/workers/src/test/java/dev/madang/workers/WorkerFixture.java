package dev.madang.workers;

import dev.madang.aws.order.PaymentTaskWiring;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.aws.booking.DynamoBooking;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.order.DynamoOrders;
import dev.madang.aws.order.PaymentWorkflowTasks;
import dev.madang.aws.toss.TossPayments;
import dev.madang.domain.booking.HoldingSeats;
import dev.madang.domain.booking.RecentlyTakenSeats;
import dev.madang.domain.booking.SeatHold;
import dev.madang.domain.catalog.BookingMode;
import dev.madang.domain.catalog.CachedCatalog;
import dev.madang.domain.catalog.Genre;
import dev.madang.domain.catalog.GradePrice;
import dev.madang.domain.catalog.ManagingPerformances;
import dev.madang.domain.catalog.ManagingVenues;
import dev.madang.domain.catalog.PerformanceDetails;
import dev.madang.domain.catalog.Round;
import dev.madang.domain.catalog.SchedulingRounds;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.Section;
import dev.madang.domain.catalog.SectionPlan;
import dev.madang.domain.common.Ids;
import dev.madang.domain.order.Order;
import dev.madang.domain.order.PayingOrders;
import dev.madang.domain.order.PaymentMethod;
import dev.madang.domain.order.PaymentWorkflows;
import dev.madang.domain.order.PlacingOrders;
import dev.madang.localstack.LocalAws;
import dev.madang.localstack.TossSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack provisioned from template.yaml and the Toss sandbox, the workers' collaborators built on them the way
 * {@link WorkerBeans} builds them, and orders seeded through the API's own use cases (a round on sale, a hold, an
 * order), so each handler test can load its stored event, invoke the handler and read what it left in the tables.
 */
abstract class WorkerFixture {

    static final String TOSS_SECRET = "test_sk_" + UUID.randomUUID().toString().replace("-", "");
    static final long PRICE = 77_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    static LocalAws aws;
    static TossSandbox toss;
    static DynamoCatalog catalog;
    static DynamoOrders orders;
    static HoldingSeats holding;
    static PlacingOrders placing;
    static PayingOrders paying;

    @BeforeAll
    static void startStack() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
        toss = TossSandbox.start(TOSS_SECRET);
        catalog = new DynamoCatalog(aws.dynamo(), aws.tableName("CatalogTable"), aws.tableName("SeatsTable"));
        orders = new DynamoOrders(aws.dynamo(), aws.tableName("OrdersTable"));
        DynamoBooking booking = new DynamoBooking(aws.dynamo(), aws.tableName("SeatsTable"));
        Clock clock = Clock.systemUTC();
        CachedCatalog cached = new CachedCatalog(catalog.rounds(), catalog.venues(), catalog.performances(), clock,
                Duration.ofSeconds(10),
                Runnable::run);
        // the API starts the workflow and answers its waits; here nothing runs the state machine but the tests
        PaymentWorkflows noWorkflow = new PaymentWorkflows() {
            @Override
            public void start(String orderId, long paymentWaitSeconds) {
            }

            @Override
            public boolean succeed(String taskToken, String outputJson) {
                return true;
            }

            @Override
            public boolean fail(String taskToken, String error, String cause) {
                return true;
            }
        };
        holding = new HoldingSeats(cached, RecentlyTakenSeats.none(clock), booking.seatClaims(),
                booking.holdLedgers(), booking.idempotencyKeys(), new Ids(clock), clock, Duration.ofMinutes(8));
        placing = new PlacingOrders(holding, orders, catalog.rounds(), noWorkflow, clock);
        paying = new PayingOrders(orders, tossPayments(), noWorkflow);
    }

    @AfterAll
    static void stopStack() {
        if (toss != null) {
            toss.close();
        }
        if (aws != null) {
            aws.close();
        }
    }

    /** The payment steps as WorkerBeans wires them, on the local stack and the Toss sandbox, with the given clock. */
    /** The payment tasks as {@link WorkerBeans} wires them for the deployed functions, on the given clock. */
    static PaymentWorkflowTasks paymentTasks(Clock clock) {
        return PaymentTaskWiring.tasks(aws.dynamo(), aws.sfn(), aws.sqs(), tossPayments(),
                new PaymentTaskWiring.Tables(aws.tableName("CatalogTable"), aws.tableName("SeatsTable"),
                        aws.tableName("OrdersTable")), aws.queueUrl("NotificationQueue"), clock);
    }

    private static TossPayments tossPayments() {
        return new TossPayments(toss.baseUrl(), TOSS_SECRET,
                new TossPayments.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(50)));
    }

    /** The stored event {@code events/<name>}, as the Lambda runtime hands it to a handler. */
    static Map<String, Object> event(String name) {
        try (InputStream in = WorkerFixture.class.getResourceAsStream("/events/" + name)) {
            assertThat(in).as("test resource events/" + name).isNotNull();
            return JSON.readValue(in, new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored event with the seeded order's id in place of the sample's. */
    static Map<String, Object> event(String name, String orderId) {
        Map<String, Object> event = new HashMap<>(event(name));
        assertThat(event).containsKey("orderId");
        event.put("orderId", orderId);
        return event;
    }

    /** A round on sale since yesterday: one row of seats at R. */
    static Round roundOnSale(int seats) {
        Ids ids = new Ids(Clock.systemUTC());
        List<Seat> row = new ArrayList<>();
        for (int n = 1; n <= seats; n++) {
            row.add(new Seat(Seat.idOf("A", "1", n), "A", "1", n, n * 10, 0));
        }
        String venue = new ManagingVenues(catalog.venues(), ids).register("Worker Hall", null,
                List.of(new Section("A", "A", row))).venue().id();
        String perf = new ManagingPerformances(catalog.performances(), ids).register(new PerformanceDetails("일꾼",
                Genre.CONCERT, List.of(), 90, 0, null, null)).id();
        return new SchedulingRounds(catalog.performances(), catalog.rounds(), catalog.venues(), ids,
                Clock.systemUTC()).schedule(perf, venue, new Round.Schedule(Instant.now().plus(Duration.ofDays(10)),
                        Instant.now().minus(Duration.ofDays(1)), 4, List.of(new GradePrice("R", PRICE))),
                Map.of("A", new SectionPlan(BookingMode.SEAT_SELECTION, "R")));
    }

    /** A card order for the seats, AWAITING_PAYMENT, as the API's POST /orders leaves it. */
    static Order cardOrder(String fan, Round round, String... seats) {
        SeatHold hold = holding.hold(new HoldingSeats.HoldRequest(fan, true, round.id(), List.of(seats), null));
        return placing.place(new PlacingOrders.PlaceOrder(fan, true, hold.holdId(), PaymentMethod.CARD, null));
    }

    /** The fan back from the Toss window: the card payment authorized and its key submitted (CONFIRMING). */
    static Order paid(String fan, Order order) {
        String paymentKey = toss.authorize(order.id(), order.amount(), TossSandbox.PayMethod.CARD);
        return paying.submitPayment(new PayingOrders.Submission(fan, order.id(), paymentKey, order.amount()));
    }

    static Order stored(String orderId) {
        return orders.byId(orderId).orElseThrow();
    }

    static String fan() {
        return "acc_" + UUID.randomUUID().toString().replace("-", "");
    }
}
