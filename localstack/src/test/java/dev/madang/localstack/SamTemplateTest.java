package dev.madang.localstack;

import dev.madang.localstack.SamTemplate.Fn;
import dev.madang.localstack.SamTemplate.Function;
import dev.madang.localstack.SamTemplate.GetAtt;
import dev.madang.localstack.SamTemplate.HttpApiEvent;
import dev.madang.localstack.SamTemplate.If;
import dev.madang.localstack.SamTemplate.Join;
import dev.madang.localstack.SamTemplate.Key;
import dev.madang.localstack.SamTemplate.Ref;
import dev.madang.localstack.SamTemplate.Resource;
import dev.madang.localstack.SamTemplate.Sub;
import dev.madang.localstack.SamTemplate.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reads the repository's template.yaml and checks the conventions every deployment relies on. */
class SamTemplateTest {

    static final String API_ARTIFACT = "functions/api/target/function.zip";
    static final String WORKERS_ARTIFACT = "functions/workers/target/function.zip";
    static final String QUARKUS_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    /** The routes the API serves, per function (the lead's resources use exactly these paths). */
    static final Map<String, Set<String>> API_ROUTES = Map.ofEntries(
            Map.entry("GetServerTimeFunction", Set.of("GET /v1/time")),
            Map.entry("ListPerformancesFunction", Set.of("GET /v1/performances")),
            Map.entry("GetPerformanceFunction", Set.of("GET /v1/performances/{performanceId}",
                    "GET /v1/performances/{performanceId}/cancellation-policy")),
            Map.entry("GetRoundFunction", Set.of("GET /v1/rounds/{roundId}")),
            Map.entry("GetSeatMapFunction", Set.of("GET /v1/rounds/{roundId}/seats", "GET /v1/rounds/{roundId}/seat-status",
                    "GET /v1/venues/{venueId}/layouts/{version}")),
            Map.entry("GetAvailabilityFunction", Set.of("GET /v1/rounds/{roundId}/availability",
                    "GET /v1/performances/{performanceId}/slots")),
            Map.entry("AdminVenuesFunction", Set.of("POST /v1/admin/venues", "GET /v1/admin/venues/{venueId}",
                    "PUT /v1/admin/venues/{venueId}", "PUT /v1/admin/venues/{venueId}/layout")),
            Map.entry("AdminPerformancesFunction", Set.of("POST /v1/admin/performances",
                    "PUT /v1/admin/performances/{performanceId}",
                    "PUT /v1/admin/performances/{performanceId}/cancellation-policy")),
            Map.entry("AdminRoundsFunction", Set.of("POST /v1/admin/performances/{performanceId}/rounds",
                    "PUT /v1/admin/rounds/{roundId}", "PUT /v1/admin/rounds/{roundId}/sections",
                    "POST /v1/admin/performances/{performanceId}/slots", "POST /v1/admin/rounds/{roundId}/time-sales",
                    "GET /v1/admin/rounds/{roundId}/time-sales")),
            Map.entry("HoldSeatsFunction", Set.of("POST /v1/holds", "POST /v1/holds/best-available")),
            Map.entry("HoldsFunction", Set.of("GET /v1/holds/{holdId}", "DELETE /v1/holds/{holdId}")),
            Map.entry("CaptchaFunction", Set.of("POST /v1/captcha/challenges",
                    "POST /v1/captcha/challenges/{challengeId}/answer")),
            Map.entry("AuthFunction", Set.of("POST /v1/auth/signup", "POST /v1/auth/login", "POST /v1/auth/refresh",
                    "POST /v1/auth/logout", "POST /v1/auth/social/{provider}/authorizations",
                    "POST /v1/auth/social/{provider}/callback", "GET /v1/auth/.well-known/jwks.json",
                    "GET /v1/auth/.well-known/openid-configuration")),
            Map.entry("MeFunction", Set.of("GET /v1/me", "PATCH /v1/me", "DELETE /v1/me", "PUT /v1/me/password",
                    "POST /v1/me/identity-verification", "GET /v1/accounts/{accountId}",
                    "PATCH /v1/accounts/{accountId}", "GET /v1/me/inbox",
                    "POST /v1/me/inbox/{notificationId}/read")),
            Map.entry("OrdersFunction", Set.of("POST /v1/orders", "GET /v1/orders", "GET /v1/orders/{orderId}",
                    "POST /v1/orders/{orderId}/payment", "POST /v1/orders/{orderId}/cancellation",
                    "POST /v1/orders/{orderId}/cancellation-quote", "POST /v1/orders/{orderId}/ticket-cancellations",
                    "GET /v1/me/bookings")),
            Map.entry("TicketsFunction", Set.of("GET /v1/tickets")),
            Map.entry("TicketCodeFunction", Set.of("GET /v1/tickets/{ticketId}/code")),
            Map.entry("ScannerFunction", Set.of("POST /v1/scanner/scans", "POST /v1/scanner/scan-batches",
                    "GET /v1/scanner/rounds/{roundId}/revocations")),
            Map.entry("AdminScannersFunction", Set.of("POST /v1/admin/scanners")),
            Map.entry("AdminAdmissionsFunction", Set.of("GET /v1/admin/rounds/{roundId}/admissions")),
            Map.entry("AdminRoundCancellationFunction", Set.of("POST /v1/admin/rounds/{roundId}/cancellation",
                    "GET /v1/admin/rounds/{roundId}/cancellation")),
            Map.entry("PaymentHooksFunction", Set.of("POST /v1/hooks/toss")),
            Map.entry("AdminLotteryFunction", Set.of("PUT /v1/admin/rounds/{roundId}/lottery",
                    "GET /v1/admin/rounds/{roundId}/lottery", "POST /v1/admin/rounds/{roundId}/lottery/draw",
                    "GET /v1/admin/rounds/{roundId}/lottery/offers")),
            Map.entry("LotteryResultFunction", Set.of("GET /v1/rounds/{roundId}/lottery/result")),
            Map.entry("WaitlistFunction", Set.of("GET /v1/me/waitlist", "POST /v1/me/waitlist",
                    "DELETE /v1/me/waitlist/{subscriptionId}")),
            Map.entry("GenreFollowsFunction", Set.of("GET /v1/me/genres", "PUT /v1/me/genres/{genre}",
                    "DELETE /v1/me/genres/{genre}")),
            Map.entry("RecommendationsApiFunction", Set.of("GET /v1/performances/{performanceId}/similar",
                    "GET /v1/me/recommendations", "PUT /v1/me/viewed-performances/{performanceId}")),
            Map.entry("CommunityFunction", Set.of("GET /v1/performances/{performanceId}/room/posts",
                    "POST /v1/performances/{performanceId}/room/posts",
                    "PUT /v1/performances/{performanceId}/room/posts/{postId}",
                    "DELETE /v1/performances/{performanceId}/room/posts/{postId}",
                    "POST /v1/performances/{performanceId}/room/posts/{postId}/confirmation",
                    "POST /v1/performances/{performanceId}/room/posts/{postId}/reports",
                    "GET /v1/me/rooms/{performanceId}", "GET /v1/admin/performances/{performanceId}/room/posts",
                    "POST /v1/admin/performances/{performanceId}/room/posts/{postId}/hiding",
                    "POST /v1/admin/performances/{performanceId}/room/posts/{postId}/restoring",
                    "PUT /v1/admin/room-mutes/{accountId}")),
            Map.entry("MembershipsFunction", Set.of("GET /v1/memberships", "GET /v1/me/memberships",
                    "POST /v1/me/memberships", "POST /v1/me/memberships/{membershipId}/cancellation",
                    "POST /v1/admin/memberships")),
            Map.entry("CouponsFunction", Set.of("GET /v1/coupon-batches", "GET /v1/me/coupons", "POST /v1/me/coupons",
                    "POST /v1/admin/coupon-batches", "GET /v1/admin/coupon-batches/{batchId}")),
            Map.entry("LotteryEntriesFunction", Set.of("POST /v1/rounds/{roundId}/lottery/entries",
                    "PUT /v1/rounds/{roundId}/lottery/entries/mine", "DELETE /v1/rounds/{roundId}/lottery/entries/mine",
                    "GET /v1/me/lottery-entries")),
            Map.entry("TradesFunction", Set.of("POST /v1/listings", "GET /v1/listings/{listingId}",
                    "DELETE /v1/listings/{listingId}", "POST /v1/listings/{listingId}/requests",
                    "POST /v1/listings/{listingId}/requests/{requestId}/acceptance",
                    "POST /v1/listings/{listingId}/requests/{requestId}/declination",
                    "POST /v1/listings/{listingId}/requests/{requestId}/order", "GET /v1/rounds/{roundId}/listings",
                    "GET /v1/me/listings", "GET /v1/me/trade-requests")),
            Map.entry("WaitingRoomFunction", Set.of("POST /v1/rounds/{roundId}/waiting-room/entries",
                    "GET /v1/rounds/{roundId}/waiting-room/position")),
            Map.entry("AdminWaitingRoomFunction", Set.of("PUT /v1/admin/rounds/{roundId}/waiting-room",
                    "GET /v1/admin/rounds/{roundId}/waiting-room", "PUT /v1/admin/rounds/{roundId}/waiting-room/rate")),
            Map.entry("AdminTradesFunction", Set.of("GET /v1/admin/tickets/{ticketId}/holders",
                    "GET /v1/admin/performances/{performanceId}/transfer-policy",
                    "PUT /v1/admin/performances/{performanceId}/transfer-policy")));

    static SamTemplate template;

    @BeforeAll
    static void load() {
        template = SamTemplate.loadRepositoryTemplate();
    }

    static SamTemplate fixture() {
        try {
            return SamTemplate.load(Path.of(SamTemplateTest.class.getResource("/fixture/template.yaml").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // --------------------------------------------------------------------------------------------------
    // the real template
    // --------------------------------------------------------------------------------------------------

    @Test
    void is_a_sam_template_with_the_expected_parameters() {
        assertThat(template.document()).containsEntry("Transform", "AWS::Serverless-2016-10-31");
        assertThat(template.parameters()).containsOnlyKeys("Stage", "JwtIssuer", "JwtAudience", "SigningKeysSecretArn",
                "ProviderSecretsArn", "KakaoClientId", "NaverClientId", "SocialRedirectUris", "TossApiUrl",
                "NotificationSender", "LogRetentionDays", "AlarmEmail");
        assertThat(template.parameters().get("Stage").allowedValues()).containsExactlyInAnyOrder("dev", "prod");
        assertThat(template.parameters().get("JwtAudience").defaultValue()).isEqualTo("madang-api");
        assertThat(template.parameters().get("LogRetentionDays").defaultValue()).isEqualTo("30");
    }

    @Test
    void globals_turn_on_snapstart_and_the_runtime_for_every_function() {
        Map<String, Object> globals = template.globalsFunction();
        assertThat(globals).containsEntry("Runtime", "java21")
                .containsEntry("Architectures", List.of("arm64"))
                .containsEntry("MemorySize", 1024)
                .containsEntry("Timeout", 10)
                .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"))
                .containsEntry("AutoPublishAlias", "live")
                .containsEntry("Tracing", "Active");
        for (Function f : template.functions()) {
            assertThat(f.runtime()).as(f.logicalId()).isEqualTo("java21");
            assertThat(f.properties().get("SnapStart")).as(f.logicalId())
                    .isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
            assertThat(f.handler()).as(f.logicalId()).isEqualTo(QUARKUS_HANDLER);
            assertThat(f.environment()).as(f.logicalId())
                    .containsEntry("CATALOG_TABLE", new Ref("CatalogTable"))
                    .containsEntry("SEATS_TABLE", new Ref("SeatsTable"))
                    .containsEntry("ACCOUNTS_TABLE", new Ref("AccountsTable"))
                    .containsEntry("ORDERS_TABLE", new Ref("OrdersTable"))
                    .containsEntry("LOTTERY_TABLE", new Ref("LotteryTable"))
                    .containsEntry("WAITING_ROOM_TABLE", new Ref("WaitingRoomTable"))
                    .containsEntry("NOTIFICATION_QUEUE_URL", new Ref("NotificationQueue"))
                    .containsEntry("QUARKUS_PROFILE", "prod");
            // request handlers start fast (C1 only); the long-running refresher wants C2 and a bigger keep-alive pool
            assertThat(f.environment().get("JAVA_TOOL_OPTIONS")).as(f.logicalId()).isEqualTo(
                    f.logicalId().equals("RefreshSeatMapsFunction")
                            ? "-XX:+TieredCompilation -Dhttp.maxConnections=32"
                            : "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
        }
    }

    @Test
    void every_function_has_a_log_group_with_the_retention_parameter() {
        for (Function f : template.functions()) {
            assertThat(template.logGroupOf(f.logicalId())).as("log group /aws/lambda/${%s}", f.logicalId())
                    .hasValueSatisfying(g -> assertThat(g.retentionInDays()).isEqualTo(new Ref("LogRetentionDays")));
        }
        assertThat(template.logGroups()).allSatisfy(g ->
                assertThat(g.retentionInDays()).as(g.logicalId()).isEqualTo(new Ref("LogRetentionDays")));
    }

    @Test
    void every_queue_has_a_dead_letter_queue_and_every_dead_letter_queue_an_alarm() {
        assertThat(template.queues()).isNotEmpty();
        for (SamTemplate.Queue q : template.queues()) {
            if (template.isDeadLetterQueue(q.logicalId())) {
                Resource alarm = template.resources().values().stream()
                        .filter(r -> r.type().equals("AWS::CloudWatch::Alarm"))
                        .filter(r -> r.properties().get("Dimensions") instanceof List<?> dimensions
                                && dimensions.contains(Map.of("Name", "QueueName",
                                        "Value", new GetAtt(q.logicalId(), "QueueName"))))
                        .findFirst().orElseThrow(() -> new AssertionError("no alarm on " + q.logicalId()));
                assertThat(alarm.properties()).containsEntry("MetricName", "ApproximateNumberOfMessagesVisible")
                        .containsEntry("ComparisonOperator", "GreaterThanThreshold")
                        .containsEntry("Threshold", 0);
            } else {
                assertThat(q.deadLetterQueue()).as(q.logicalId() + " RedrivePolicy").isNotNull();
                assertThat(q.maxReceiveCount()).as(q.logicalId()).isEqualTo(5);
            }
            assertThat(q.properties()).as(q.logicalId()).containsEntry("SqsManagedSseEnabled", true);
        }
        assertThat(template.queue("NotificationQueue").deadLetterQueue()).isEqualTo("NotificationDeadLetterQueue");
        assertThat(template.queuesInCreationOrder()).extracting(SamTemplate.Queue::logicalId)
                .containsExactly("NotificationDeadLetterQueue", "NotificationQueue", "RoundRefundDeadLetterQueue",
                        "RoundRefundQueue");
        assertThat(template.queue("RoundRefundQueue").deadLetterQueue()).isEqualTo("RoundRefundDeadLetterQueue");
    }

    @Test
    void every_api_function_has_exactly_its_http_api_routes() {
        List<Function> api = template.functionsWithCodeUri(API_ARTIFACT);
        assertThat(api).extracting(Function::logicalId).containsExactlyInAnyOrderElementsOf(API_ROUTES.keySet());
        for (Function f : api) {
            assertThat(f.events()).as(f.logicalId()).allSatisfy(e -> assertThat(e.type()).isEqualTo("HttpApi"));
            assertThat(new TreeSet<>(f.routeKeys())).as(f.logicalId())
                    .isEqualTo(new TreeSet<>(API_ROUTES.get(f.logicalId())));
            assertThat(f.routeKeys()).as("%s has no duplicate routes", f.logicalId()).doesNotHaveDuplicates();
            assertThat(f.httpApiEvents()).allSatisfy(e -> assertThat(e.apiId()).isEqualTo("HttpApi"));
            assertThat(f.quarkusLambdaHandler()).as(f.logicalId()).isEmpty();
        }
        assertThat(template.httpApiEvents()).extracting(HttpApiEvent::routeKey).doesNotHaveDuplicates();
    }

    @Test
    void admin_and_fan_routes_need_the_jwt_authorizer_and_the_catalog_and_auth_routes_are_public() {
        for (HttpApiEvent e : template.httpApiEvents()) {
            if (e.path().startsWith("/v1/admin/") || e.path().startsWith("/v1/holds") || e.path().equals("/v1/me")
                    || e.path().startsWith("/v1/me/")
                    || e.path().startsWith("/v1/accounts/") || e.path().startsWith("/v1/orders")
                    || e.path().startsWith("/v1/tickets") || e.path().startsWith("/v1/scanner/")
                    || e.path().matches("/v1/rounds/\\{roundId}/lottery/entries.*")
                    || e.path().startsWith("/v1/listings") || e.path().equals("/v1/rounds/{roundId}/listings")
                    || e.path().startsWith("/v1/rounds/{roundId}/waiting-room")
                    || e.path().startsWith("/v1/captcha/")
                    // writing in a room; reading it is public
                    || e.path().matches("/v1/performances/\\{performanceId}/room/posts.*")
                    && !e.method().equals("GET")) {
                assertThat(e.authorizer()).as(e.routeKey()).isEqualTo("JwtAuthorizer");
            } else {
                assertThat(e.isPublic()).as(e.routeKey()).isTrue();
            }
        }
        Map<String, Object> api = template.resource("HttpApi").orElseThrow().properties();
        @SuppressWarnings("unchecked")
        Map<String, Object> auth = (Map<String, Object>) api.get("Auth");
        assertThat(auth).doesNotContainKey("DefaultAuthorizer");
        assertThat(auth.get("Authorizers")).isEqualTo(Map.of("JwtAuthorizer", Map.of(
                "IdentitySource", "$request.header.Authorization",
                "JwtConfiguration", Map.of("issuer", new Ref("JwtIssuer"), "audience",
                        List.of(new Ref("JwtAudience"))))));
        assertThat(api).containsKeys("CorsConfiguration", "AccessLogSettings", "DefaultRouteSettings");
        // every route the gateway throttles on its own is a route of the API
        @SuppressWarnings("unchecked")
        Map<String, Object> throttled = (Map<String, Object>) api.get("RouteSettings");
        assertThat(throttled.keySet()).isSubsetOf(template.httpApiEvents().stream().map(HttpApiEvent::routeKey)
                .toList());
        assertThat(template.resource("HttpApiAccessLogGroup").orElseThrow().properties())
                .containsEntry("RetentionInDays", new Ref("LogRetentionDays"));
    }

    @Test
    void policies_are_scoped_to_the_tables_each_function_touches() {
        record Access(Set<String> read, Set<String> crud) {
        }
        // workers hold their handler's tables only (@TouchesTables); one wiring serves the six payment tasks
        final Access PAYMENT_WORKER = new Access(Set.of("CatalogTable"), Set.of("SeatsTable", "OrdersTable"));
        Map<String, Access> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("GetServerTimeFunction", new Access(Set.of(), Set.of())),
                Map.entry("ListPerformancesFunction", new Access(Set.of("CatalogTable"), Set.of())),
                Map.entry("GetPerformanceFunction", new Access(Set.of("CatalogTable"), Set.of())),
                Map.entry("GetRoundFunction", new Access(Set.of("CatalogTable"), Set.of())),
                Map.entry("GetSeatMapFunction", new Access(Set.of("CatalogTable", "SeatsTable"), Set.of())),
                Map.entry("GetAvailabilityFunction", new Access(Set.of("CatalogTable", "SeatsTable"), Set.of())),
                Map.entry("AdminVenuesFunction", new Access(Set.of(), Set.of("CatalogTable"))),
                Map.entry("AdminPerformancesFunction", new Access(Set.of(), Set.of("CatalogTable"))),
                Map.entry("AdminRoundsFunction", new Access(Set.of(), Set.of("CatalogTable"))),
                // the refresher moves the waitlist's told subscriptions to the end of their line (alerts table)
                Map.entry("RefreshSeatMapsFunction", new Access(Set.of("CatalogTable"), Set.of("SeatsTable",
                        "AlertsTable"))),
                Map.entry("GenreAlertsFunction", new Access(Set.of("AlertsTable"), Set.of())),
                Map.entry("WaitlistFunction", new Access(Set.of("CatalogTable"), Set.of("AlertsTable"))),
                Map.entry("GenreFollowsFunction", new Access(Set.of(), Set.of("AlertsTable"))),
                // the lists the recommendation job keeps in the catalog table
                Map.entry("RecommendationsApiFunction", new Access(Set.of("CatalogTable"), Set.of("AlertsTable"))),
                // reads the catalog, the paid orders and the genre follows; writes the lists into the catalog table
                Map.entry("RecommendationsFunction", new Access(Set.of("OrdersTable", "AlertsTable"),
                        Set.of("CatalogTable"))),
                // the room's posts; whether the performance exists; whether the author holds a ticket
                Map.entry("CommunityFunction", new Access(Set.of("CatalogTable", "OrdersTable"),
                        Set.of("CommunityTable"))),
                // the sales, the rounds they reprice and the price history; how much of a grade is taken
                Map.entry("TimeSalesFunction", new Access(Set.of("SeatsTable"), Set.of("CatalogTable"))),
                // memberships, the fans' cards and the membership orders, all in the orders table
                Map.entry("MembershipsFunction", new Access(Set.of(), Set.of("OrdersTable"))),
                // coupon batches, their claim quotas and the fans' wallets, all in the orders table
                Map.entry("CouponsFunction", new Access(Set.of(), Set.of("OrdersTable"))),
                // draws sections into offers (seat holds), reads whether an offer's order was paid, and at the end
                // releases the round's lottery sections to general sale (a catalog write)
                Map.entry("LotteryTasksFunction", new Access(Set.of("OrdersTable"),
                        Set.of("CatalogTable", "SeatsTable", "LotteryTable"))),
                // releases the pooled seats and records the night (seats table)
                Map.entry("DawnReleaseFunction", new Access(Set.of(), Set.of("SeatsTable"))),
                Map.entry("HoldSeatsFunction", new Access(Set.of("CatalogTable"), Set.of("SeatsTable"))),
                Map.entry("HoldsFunction", new Access(Set.of("CatalogTable"), Set.of("SeatsTable"))),
                // challenges and spent passes, beside the other short-lived account items
                Map.entry("CaptchaFunction", new Access(Set.of(), Set.of("AccountsTable"))),
                // and the fan's membership cards, named in each access token
                Map.entry("AuthFunction", new Access(Set.of("OrdersTable"), Set.of("AccountsTable"))),
                // closing an account anonymises its room posts
                Map.entry("MeFunction", new Access(Set.of(), Set.of("AccountsTable", "CommunityTable"))),
                // ordering marks the fan's hold-ledger entry (seats table) as the order's
                Map.entry("OrdersFunction", new Access(Set.of("CatalogTable"), Set.of("SeatsTable", "OrdersTable"))),
                Map.entry("TicketsFunction", new Access(Set.of("OrdersTable"), Set.of())),
                // an exchange passes each seat's record (seats table) to its new ticket with the tickets
                Map.entry("TradesFunction", new Access(Set.of("CatalogTable"), Set.of("SeatsTable", "OrdersTable"))),
                // sets transfer fees (catalog), reads a seat's chain of holders (orders)
                // the line's places and counts; the room's settings beside the round
                // and spends a captcha pass in the accounts table on entering
                Map.entry("WaitingRoomFunction", new Access(Set.of("CatalogTable"), Set.of("WaitingRoomTable",
                        "AccountsTable"))),
                Map.entry("AdminWaitingRoomFunction", new Access(Set.of(), Set.of("CatalogTable",
                        "WaitingRoomTable"))),
                Map.entry("AdminTradesFunction", new Access(Set.of("OrdersTable"), Set.of("CatalogTable"))),
                Map.entry("TicketCodeFunction", new Access(Set.of("OrdersTable"), Set.of())),
                // reads the scanner's rounds, admits tickets (a conditional write on the ticket item)
                Map.entry("ScannerFunction", new Access(Set.of("AccountsTable"), Set.of("OrdersTable"))),
                Map.entry("AdminScannersFunction", new Access(Set.of("CatalogTable"), Set.of("AccountsTable"))),
                Map.entry("AdminAdmissionsFunction", new Access(Set.of("CatalogTable", "OrdersTable"), Set.of())),
                // marks the round cancelled (catalog), records the cancellation beside the orders
                Map.entry("AdminRoundCancellationFunction", new Access(Set.of(), Set.of("CatalogTable",
                        "OrdersTable"))),
                // refunds a cancelled round's orders (orders table), reading the round and its seats
                Map.entry("RoundRefundFunction", new Access(Set.of("CatalogTable", "SeatsTable"),
                        Set.of("OrdersTable"))),
                // writes inbox lines and delivery records beside the accounts it reads; reads titles and orders
                Map.entry("NotificationFunction", new Access(Set.of("CatalogTable", "SeatsTable", "OrdersTable"),
                        Set.of("AccountsTable"))),
                Map.entry("PaymentHooksFunction", new Access(Set.of(), Set.of("OrdersTable"))),
                Map.entry("AdminLotteryFunction", new Access(Set.of("CatalogTable"), Set.of("LotteryTable"))),
                Map.entry("LotteryEntriesFunction", new Access(Set.of("CatalogTable"), Set.of("LotteryTable"))),
                Map.entry("LotteryResultFunction", new Access(Set.of("LotteryTable"), Set.of())),
                Map.entry("AwaitPaymentFunction", PAYMENT_WORKER),
                Map.entry("ConfirmPaymentFunction", PAYMENT_WORKER),
                Map.entry("IssueTicketsFunction", PAYMENT_WORKER),
                Map.entry("NotifyBookingFunction", PAYMENT_WORKER),
                Map.entry("CloseOrderFunction", PAYMENT_WORKER),
                Map.entry("ExpireUnpaidOrdersFunction", PAYMENT_WORKER),
                // reads the orders, writes the day's report beside them
                Map.entry("ReconcilePaymentsFunction", new Access(Set.of(), Set.of("OrdersTable")))));
        // secrets: only the functions that sign tokens (access tokens, ticket codes, captcha passes, waiting-room
        // places and admissions) read the signing keys; scanners and the booking routes verify with the public JWKS;
        // provider credentials where used
        Map<String, Set<String>> expectedSecrets = new TreeMap<>(Map.of(
                "AuthFunction", Set.of("SigningKeysSecretArn", "ProviderSecretsArn"),
                "TicketCodeFunction", Set.of("SigningKeysSecretArn"),
                "CaptchaFunction", Set.of("SigningKeysSecretArn"),
                "WaitingRoomFunction", Set.of("SigningKeysSecretArn"),
                "MeFunction", Set.of("ProviderSecretsArn"),
                "OrdersFunction", Set.of("ProviderSecretsArn"), // a submitted payment key is read back from Toss
                "PaymentHooksFunction", Set.of("ProviderSecretsArn")));
        expectedSecrets.put("MembershipsFunction", Set.of("ProviderSecretsArn")); // a cancelled purchase is refunded
        for (String worker : List.of("AwaitPayment", "ConfirmPayment", "IssueTickets", "NotifyBooking", "CloseOrder",
                "ExpireUnpaidOrders", "ReconcilePayments", "RoundRefund")) {
            expectedSecrets.put(worker + "Function", Set.of("ProviderSecretsArn"));
        }
        Map<String, Access> actual = new TreeMap<>();
        Map<String, Set<String>> secrets = new TreeMap<>();
        for (Function f : template.functions()) {
            actual.put(f.logicalId(), new Access(f.tablesWithPolicy("DynamoDBReadPolicy"),
                    f.tablesWithPolicy("DynamoDBCrudPolicy")));
            assertThat(f.policies()).as(f.logicalId()).allSatisfy(p -> {
                assertThat(p.name()).isIn("DynamoDBReadPolicy", "DynamoDBCrudPolicy",
                        "AWSSecretsManagerGetSecretValuePolicy", "StepFunctionsExecutionPolicy", "SQSSendMessagePolicy",
                        "SESCrudPolicy", "EventBridgePutEventsPolicy", "Statement");
                if (p.name().startsWith("DynamoDB")) {
                    assertThat(p.table()).isPresent();
                }
                if (p.name().equals("Statement")) {
                    // inline statements only for what SAM's policy templates lack: answering task tokens (which IAM
                    // cannot scope to a resource) and stopping the lottery's own executions
                    assertThat(p.parameters().toString()).containsAnyOf("states:SendTaskSuccess",
                                    "states:StopExecution")
                            .doesNotContain("dynamodb:").doesNotContain("secretsmanager:");
                } else {
                    assertThat(p.referencedResources()).hasSize(1);
                }
            });
            f.policies().stream().filter(p -> p.name().equals("AWSSecretsManagerGetSecretValuePolicy"))
                    .forEach(p -> secrets.computeIfAbsent(f.logicalId(), k -> new java.util.TreeSet<>())
                            .addAll(p.referencedResources()));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(secrets).isEqualTo(expectedSecrets);
    }

    @Test
    void the_seat_map_refresh_runs_every_minute_from_the_workers_artifact() {
        Function f = template.function("RefreshSeatMapsFunction");
        assertThat(f.codeUri()).isEqualTo(WORKERS_ARTIFACT);
        assertThat(f.quarkusLambdaHandler()).hasValue("refreshSeatMaps");
        assertThat(f.scheduleEvents()).singleElement().satisfies(s -> {
            assertThat(s.type()).isEqualTo("ScheduleV2");
            assertThat(s.expression()).isEqualTo("rate(1 minute)");
            assertThat(s.flexibleTimeWindowMode()).isEqualTo("OFF");
            assertThat(s.enabled()).isTrue();
        });
        assertThat(f.events()).hasSize(1);
        for (Function w : template.functionsWithCodeUri(WORKERS_ARTIFACT)) {
            assertThat(w.quarkusLambdaHandler()).as(w.logicalId()).isPresent();
        }
        assertThat(template.functions()).allSatisfy(fn ->
                assertThat(fn.codeUri()).isIn(API_ARTIFACT, WORKERS_ARTIFACT));
    }

    @Test
    void the_dawn_release_is_drawn_every_minute_from_two_to_five_korea_time() {
        Function f = template.function("DawnReleaseFunction");
        assertThat(f.codeUri()).isEqualTo(WORKERS_ARTIFACT);
        assertThat(f.quarkusLambdaHandler()).hasValue("dawnRelease");
        assertThat(f.scheduleEvents()).singleElement().satisfies(s -> {
            assertThat(s.type()).isEqualTo("ScheduleV2");
            // minutes * of hours 2-4: 02:00 to 04:59, the window the release's chance counts down over
            assertThat(s.expression()).isEqualTo("cron(* 2-4 * * ? *)");
            assertThat(s.timezone()).isEqualTo("Asia/Seoul");
            assertThat(s.flexibleTimeWindowMode()).isEqualTo("OFF");
            assertThat(s.enabled()).isTrue();
        });
    }

    @Test
    void tables_have_their_keys_indexes_ttl_and_protection() {
        Table catalog = template.table("CatalogTable");
        assertThat(catalog.key()).isEqualTo(new Key("pk", "sk"));
        assertThat(catalog.globalSecondaryIndexes()).singleElement().satisfies(i -> {
            assertThat(i.name()).isEqualTo("gsi1");
            assertThat(i.key()).isEqualTo(new Key("gsi1pk", "gsi1sk"));
            assertThat(i.projectionType()).isEqualTo("ALL");
        });
        assertThat(catalog.attributeTypes()).containsOnly(Map.entry("pk", "S"), Map.entry("sk", "S"),
                Map.entry("gsi1pk", "S"), Map.entry("gsi1sk", "S"));
        assertThat(catalog.ttlAttribute()).isNull();

        Table seats = template.table("SeatsTable");
        assertThat(seats.key()).isEqualTo(new Key("pk", "sk"));
        assertThat(seats.globalSecondaryIndexes()).isEmpty();
        assertThat(seats.ttlAttribute()).isEqualTo("expiresAtEpoch");

        for (Table t : template.tables()) {
            assertThat(t.billingMode()).as(t.logicalId()).isEqualTo("PAY_PER_REQUEST");
            assertThat(t.tableName()).as("%s is named by CloudFormation", t.logicalId()).isNull();
            assertThat(t.properties()).as(t.logicalId())
                    .containsEntry("PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true))
                    .containsEntry("SSESpecification", Map.of("SSEEnabled", true));
            assertThat(template.resource(t.logicalId()).orElseThrow().attributes()).as(t.logicalId())
                    .containsEntry("DeletionPolicy", "Retain");
        }
    }

    @Test
    void every_state_machine_is_an_asl_file_using_exactly_its_substitutions() {
        for (SamTemplate t : List.of(template, fixture())) {
            for (SamTemplate.StateMachine m : t.stateMachines()) {
                assertThat(m.definitionFile()).as(m.logicalId()).isNotNull().isRegularFile();
                assertThat(m.definitionFile().getFileName().toString()).as(m.logicalId()).endsWith(".asl.json");
                assertThat(m.definitionFile().getParent().getFileName().toString()).isEqualTo("statemachines");
                assertThat(m.definitionPlaceholders()).as(m.logicalId())
                        .containsExactlyInAnyOrderElementsOf(m.substitutions().keySet());
            }
        }
    }

    @Test
    void outputs_name_the_api_url_tables_and_queue() {
        assertThat(template.outputs()).containsKeys("ApiUrl", "CatalogTableName", "SeatsTableName",
                "NotificationQueueUrl", "WebUrl", "WebBucketName");
        assertThat(map(template.outputs().get("WebUrl")).get("Value"))
                .isEqualTo(new Sub("https://${WebDistribution.DomainName}", Map.of()));
    }

    // --------------------------------------------------------------------------------------------------
    // the web client's hosting
    // --------------------------------------------------------------------------------------------------

    static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
    static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    static final String ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

    @Test
    void the_web_bucket_is_private_encrypted_and_read_only_by_the_distribution() {
        Resource bucket = template.resource("WebBucket").orElseThrow();
        assertThat(bucket.type()).isEqualTo("AWS::S3::Bucket");
        assertThat(bucket.properties().get("PublicAccessBlockConfiguration")).isEqualTo(Map.of(
                "BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
                "RestrictPublicBuckets", true));
        assertThat(bucket.properties()).as("no website endpoint, no ACLs: CloudFront is the only way in")
                .doesNotContainKeys("WebsiteConfiguration", "AccessControl");
        assertThat(map(list(map(bucket.properties().get("BucketEncryption"))
                .get("ServerSideEncryptionConfiguration")).get(0)).get("ServerSideEncryptionByDefault"))
                .isEqualTo(Map.of("SSEAlgorithm", "AES256"));

        Resource oac = template.resource("WebOriginAccessControl").orElseThrow();
        assertThat(oac.type()).isEqualTo("AWS::CloudFront::OriginAccessControl");
        assertThat(map(oac.properties().get("OriginAccessControlConfig")))
                .containsEntry("OriginAccessControlOriginType", "s3")
                .containsEntry("SigningBehavior", "always")
                .containsEntry("SigningProtocol", "sigv4");

        List<Resource> policies = template.resourcesOfType("AWS::S3::BucketPolicy");
        assertThat(policies).singleElement().satisfies(p ->
                assertThat(p.properties().get("Bucket")).isEqualTo(new Ref("WebBucket")));
        Map<String, Object> document = map(policies.get(0).properties().get("PolicyDocument"));
        assertThat(list(document.get("Statement"))).singleElement().satisfies(raw -> {
            Map<String, Object> statement = map(raw);
            assertThat(statement).containsEntry("Effect", "Allow")
                    .containsEntry("Principal", Map.of("Service", "cloudfront.amazonaws.com"))
                    .containsEntry("Action", "s3:GetObject")
                    .containsEntry("Resource", new Sub("${WebBucket.Arn}/*", Map.of()));
            Object sourceArn = map(map(statement.get("Condition")).get("StringEquals")).get("AWS:SourceArn");
            assertThat(sourceArn).as("scoped to this distribution, not to CloudFront at large").isEqualTo(new Sub(
                    "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${WebDistribution}", Map.of()));
        });
    }

    @Test
    void the_distribution_serves_the_bucket_through_origin_access_control_and_the_api_under_v1() {
        Map<String, Object> config = distributionConfig();
        assertThat(config).containsEntry("HttpVersion", "http2and3").containsEntry("PriceClass", "PriceClass_200")
                .containsEntry("DefaultRootObject", "index.html").containsEntry("Enabled", true);
        Map<String, Map<String, Object>> origins = new TreeMap<>();
        list(config.get("Origins")).forEach(o -> origins.put(String.valueOf(map(o).get("Id")), map(o)));
        assertThat(origins).containsOnlyKeys("WebBucketOrigin", "ApiOrigin");
        assertThat(origins.get("WebBucketOrigin"))
                .containsEntry("DomainName", new GetAtt("WebBucket", "RegionalDomainName"))
                .containsEntry("OriginAccessControlId", new GetAtt("WebOriginAccessControl", "Id"))
                .containsEntry("S3OriginConfig", Map.of("OriginAccessIdentity", ""));
        assertThat(template.resource("HttpApi").orElseThrow().type()).isEqualTo(SamTemplate.HTTP_API);
        assertThat(origins.get("ApiOrigin"))
                .containsEntry("DomainName", new Sub("${HttpApi}.execute-api.${AWS::Region}.amazonaws.com", Map.of()));
        assertThat(map(origins.get("ApiOrigin").get("CustomOriginConfig")))
                .containsEntry("OriginProtocolPolicy", "https-only");

        Map<String, Object> files = map(config.get("DefaultCacheBehavior"));
        assertThat(files).containsEntry("TargetOriginId", "WebBucketOrigin")
                .containsEntry("CachePolicyId", CACHING_OPTIMIZED)
                .containsEntry("Compress", true)
                .containsEntry("ViewerProtocolPolicy", "redirect-to-https")
                .containsEntry("FunctionAssociations", List.of(Map.of("EventType", "viewer-request",
                        "FunctionARN", new GetAtt("WebSpaRewrite", "FunctionARN"))));
        assertThat(map(template.resource("WebSpaRewrite").orElseThrow().properties().get("FunctionConfig")))
                .containsEntry("Runtime", "cloudfront-js-2.0");

        List<Map<String, Object>> behaviors = list(config.get("CacheBehaviors")).stream().map(b -> map(b)).toList();
        assertThat(behaviors).extracting(b -> b.get("PathPattern"))
                .as("the seat map's routes first: the first matching pattern wins")
                .containsExactly("/v1/rounds/*/seats", "/v1/rounds/*/seat-status", "/v1/venues/*/layouts/*", "/v1/*");
        assertThat(behaviors.get(3)).as("/v1/* goes to the API uncached, Authorization and all")
                .containsEntry("TargetOriginId", "ApiOrigin")
                .containsEntry("CachePolicyId", CACHING_DISABLED)
                .containsEntry("OriginRequestPolicyId", ALL_VIEWER_EXCEPT_HOST_HEADER)
                .containsEntry("ViewerProtocolPolicy", "https-only");
        assertThat(list(behaviors.get(3).get("AllowedMethods"))).containsExactlyInAnyOrder("GET", "HEAD", "OPTIONS",
                "PUT", "PATCH", "POST", "DELETE");

        // every route of the API is reachable through the distribution, under /v1/*
        Pattern api = CloudFrontDistribution.pathPattern("/v1/*");
        assertThat(template.httpApiEvents()).allSatisfy(e ->
                assertThat(api.matcher(samplePath(e.path())).matches()).as(e.routeKey()).isTrue());
    }

    @Test
    void only_the_public_seat_map_routes_are_cached_at_the_edge_and_compressed() {
        List<Object> behaviors = list(distributionConfig().get("CacheBehaviors"));
        Map<String, Object> policy = map(template.resource("WebSeatMapCachePolicy").orElseThrow().properties()
                .get("CachePolicyConfig"));
        assertThat(policy).containsEntry("MinTTL", 1).containsEntry("DefaultTTL", 1).containsEntry("MaxTTL", 1);
        assertThat(map(policy.get("ParametersInCacheKeyAndForwardedToOrigin")))
                .containsEntry("EnableAcceptEncodingGzip", true)
                .containsEntry("EnableAcceptEncodingBrotli", true)
                .containsEntry("CookiesConfig", Map.of("CookieBehavior", "none"))
                .containsEntry("HeadersConfig", Map.of("HeaderBehavior", "none"))
                .containsEntry("QueryStringsConfig", Map.of("QueryStringBehavior", "none"));

        // the combined map and the status for one second; a layout version, which never changes, for as long as it
        // says (managed CachingOptimized: path only in the key, gzip and brotli)
        Map<String, Object> expected = Map.of(
                "GET /v1/rounds/{roundId}/seats", new Ref("WebSeatMapCachePolicy"),
                "GET /v1/rounds/{roundId}/seat-status", new Ref("WebSeatMapCachePolicy"),
                "GET /v1/venues/{venueId}/layouts/{version}", CACHING_OPTIMIZED);
        for (int i = 0; i < 3; i++) {
            Map<String, Object> cachedBehavior = map(behaviors.get(i));
            assertThat(cachedBehavior).containsEntry("TargetOriginId", "ApiOrigin")
                    .containsEntry("Compress", true)
                    .doesNotContainKey("OriginRequestPolicyId");
            assertThat(list(cachedBehavior.get("AllowedMethods"))).containsExactlyInAnyOrder("GET", "HEAD");
            // a cached answer is shared by every viewer: each pattern must take in exactly one public route
            Pattern cached = CloudFrontDistribution.pathPattern(String.valueOf(cachedBehavior.get("PathPattern")));
            assertThat(template.httpApiEvents()).filteredOn(e -> cached.matcher(samplePath(e.path())).matches())
                    .singleElement().satisfies(e -> {
                        assertThat(e.isPublic()).as(e.routeKey()).isTrue();
                        assertThat(cachedBehavior).containsEntry("CachePolicyId", expected.get(e.routeKey()));
                    });
        }
    }

    private static Map<String, Object> distributionConfig() {
        Resource distribution = template.resource("WebDistribution").orElseThrow();
        assertThat(distribution.type()).isEqualTo(SamTemplate.DISTRIBUTION);
        assertThat(template.resourcesOfType(SamTemplate.DISTRIBUTION)).hasSize(1);
        return map(distribution.properties().get("DistributionConfig"));
    }

    /** A request path for a route path: {@code /v1/rounds/{roundId}/seats} is {@code /v1/rounds/roundId/seats}. */
    private static String samplePath(String routePath) {
        return routePath.replaceAll("\\{([^}]+)}", "$1");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    @Test
    void every_reference_names_a_parameter_pseudo_parameter_or_resource() {
        Set<String> known = new LinkedHashSet<>(template.parameters().keySet());
        known.addAll(template.resources().keySet());
        List<String> unknown = new ArrayList<>();
        collect(template.document(), unknown, known);
        assertThat(unknown).isEmpty();
    }

    private static void collect(Object value, List<String> unknown, Set<String> known) {
        if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> collect(v, unknown, known));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> collect(v, unknown, known));
        } else if (value instanceof SamTemplate.Intrinsic) {
            Set<String> ids = new SamTemplate.Policy("probe", value).referencedResources();
            ids.stream().filter(id -> !known.contains(id)).forEach(unknown::add);
            if (value instanceof Sub sub) {
                collect(sub.variables(), unknown, known);
            }
        }
    }

    @Test
    void every_environment_value_resolves_with_parameter_values() {
        SamTemplate.Resolver resolver = template.resolver(
                Map.of("JwtIssuer", "https://issuer.example/v1/auth", "SigningKeysSecretArn", "arn:keys",
                        "ProviderSecretsArn", "arn:providers", "KakaoClientId", "kakao", "NaverClientId", "naver",
                        "SocialRedirectUris", "https://app.example/cb"),
                TemplateProvisioner.PSEUDO_PARAMETERS, new NamesAreLogicalIds());
        for (Function f : template.functions()) {
            Object env = resolver.resolve(f.environment());
            assertThat(env).as(f.logicalId()).isInstanceOf(Map.class);
        }
        assertThat(resolver.resolve(template.function("GetRoundFunction").environment()))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("CATALOG_TABLE", "name-of-CatalogTable")
                .containsEntry("JWT_AUDIENCE", "madang-api")
                .containsEntry("JWT_ISSUER", "https://issuer.example/v1/auth")
                .containsEntry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "https://issuer.example/v1/auth/.well-known/jwks.json");
        assertThat(resolver.resolve(template.function("AuthFunction").environment()))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("SIGNING_KEYS_SECRET_ID", "arn:keys")
                .containsEntry("ACCOUNTS_TABLE", "name-of-AccountsTable");
        assertThat(resolver.resolve(template.function("TicketCodeFunction").environment()))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("SIGNING_KEYS_SECRET_ID", "arn:keys");
        assertThat(resolver.resolve(template.function("CaptchaFunction").environment()))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("SIGNING_KEYS_SECRET_ID", "arn:keys");
    }

    // --------------------------------------------------------------------------------------------------
    // the parser and the resolver
    // --------------------------------------------------------------------------------------------------

    @Test
    void reads_short_and_long_form_intrinsic_functions() {
        SamTemplate t = SamTemplate.parse("""
                Resources:
                  Thing:
                    Type: Custom::Thing
                    Properties:
                      A: !Ref Other
                      B: !GetAtt Other.Arn
                      C: !GetAtt [Other, Endpoint.Address]
                      D: !Sub "${AWS::Region}-${Other}"
                      E: !Sub
                        - "${X}-${Other.Arn}"
                        - X: !Ref Other
                      F: !Join [",", [a, !Ref Other]]
                      G: !If [Cond, yes-value, !Ref "AWS::NoValue"]
                      H: !Select [1, !Split [",", "a,b"]]
                      I: {Ref: Other}
                      J: {"Fn::GetAtt": [Other, Arn]}
                      K: {"Fn::Sub": "x${Other}"}
                      L: 2012-10-17
                      M: "OFF"
                      N: OFF
                  Other:
                    Type: Custom::Other
                """, null);
        Map<String, Object> p = t.resource("Thing").orElseThrow().properties();
        assertThat(p.get("A")).isEqualTo(new Ref("Other"));
        assertThat(p.get("B")).isEqualTo(new GetAtt("Other", "Arn"));
        assertThat(p.get("C")).isEqualTo(new GetAtt("Other", "Endpoint.Address"));
        assertThat(p.get("D")).isEqualTo(new Sub("${AWS::Region}-${Other}", Map.of()));
        assertThat(((Sub) p.get("D")).placeholders()).containsExactly("AWS::Region", "Other");
        assertThat(p.get("E")).isEqualTo(new Sub("${X}-${Other.Arn}", Map.of("X", new Ref("Other"))));
        assertThat(p.get("F")).isEqualTo(new Join(",", List.of("a", new Ref("Other"))));
        assertThat(p.get("G")).isEqualTo(new If("Cond", "yes-value", new Ref("AWS::NoValue")));
        assertThat(p.get("H")).isEqualTo(new Fn("Fn::Select", List.of(1, new Fn("Fn::Split", List.of(",", "a,b")))));
        assertThat(p.get("I")).isEqualTo(new Ref("Other"));
        assertThat(p.get("J")).isEqualTo(new GetAtt("Other", "Arn"));
        assertThat(p.get("K")).isEqualTo(new Sub("x${Other}", Map.of()));
        assertThat(p.get("L")).as("timestamps stay strings").isEqualTo("2012-10-17");
        assertThat(p.get("M")).isEqualTo("OFF");
        assertThat(p.get("N")).as("YAML 1.1: a bare OFF is a boolean").isEqualTo(false);
    }

    @Test
    void resolves_intrinsic_functions() {
        SamTemplate t = SamTemplate.parse("""
                Parameters:
                  Stage: {Type: String, Default: dev}
                  Secret: {Type: String}
                Conditions:
                  IsProd: !Equals [!Ref Stage, prod]
                  NotProd: !Not [!Condition IsProd]
                Resources:
                  Thing:
                    Type: Custom::Thing
                    Properties:
                      Sub: !Sub "${Stage}/${AWS::Region}/${Other}/${Other.Arn}/${!Literal}/${X}"
                      SubVars: !Sub ["${X}", {X: !Join ["+", [!Ref Stage, b]]}]
                      Maybe: !If [IsProd, big, !Ref "AWS::NoValue"]
                      List: [a, !If [NotProd, !Ref "AWS::NoValue", b], c]
                      Pick: !Select [1, !Split [",", "x,y,z"]]
                      Secret: !Ref Secret
                  Other:
                    Type: Custom::Other
                """, null);
        SamTemplate.Resolver r = t.resolver(Map.of(), Map.of("AWS::Region", "ap-northeast-2"),
                new NamesAreLogicalIds());
        Map<String, Object> p = t.resource("Thing").orElseThrow().properties();
        assertThatThrownBy(() -> r.resolve(p.get("Sub"))).hasMessageContaining("X");
        assertThat(t.resolver(Map.of(), Map.of("AWS::Region", "ap-northeast-2"), new NamesAreLogicalIds())
                .resolve(new Sub("${Stage}/${AWS::Region}/${Other}/${Other.Arn}/${!Literal}", Map.of())))
                .isEqualTo("dev/ap-northeast-2/name-of-Other/arn-of-Other/${Literal}");
        assertThat(r.resolve(p.get("SubVars"))).isEqualTo("dev+b");
        assertThat(r.resolve(p.get("Maybe"))).isSameAs(SamTemplate.NO_VALUE);
        assertThat(r.resolve(p.get("List"))).isEqualTo(List.of("a", "c"));
        assertThat(r.resolve(p.get("Pick"))).isEqualTo("y");
        assertThatThrownBy(() -> r.resolve(p.get("Secret")))
                .isInstanceOf(SamTemplate.MissingParameterValueException.class);
        SamTemplate.Resolver prod = t.resolver(Map.of("Stage", "prod", "Secret", "s"), Map.of(),
                new NamesAreLogicalIds());
        assertThat(prod.resolve(p.get("Maybe"))).isEqualTo("big");
        assertThat(prod.resolve(p.get("List"))).isEqualTo(List.of("a", "b", "c"));
        assertThat(prod.resolve(p.get("Secret"))).isEqualTo("s");
        Map<String, Object> whole = new LinkedHashMap<>(p);
        whole.remove("Sub");
        assertThat(prod.resolve(whole)).isInstanceOf(Map.class);
    }

    @Test
    void reads_the_fixture_state_machines_and_sqs_events() {
        SamTemplate f = fixture();
        SamTemplate.StateMachine flow = f.stateMachine("FixtureFlowStateMachine");
        assertThat(flow.definitionFile()).isRegularFile()
                .isEqualTo(f.path().getParent().resolve("statemachines/fixture-flow.asl.json"));
        assertThat(flow.type()).isEqualTo("STANDARD");
        assertThat(flow.definitionPlaceholders()).containsExactlyInAnyOrderElementsOf(flow.substitutions().keySet());
        assertThat(flow.substitutions().get("EchoFunctionArn")).isEqualTo(new GetAtt("FixtureEchoFunction", "Arn"));
        assertThat(f.stateMachine("FixtureNoopStateMachine").substitutions()).isEmpty();

        Function echo = f.function("FixtureEchoFunction");
        assertThat(echo.sqsEvents()).singleElement().satisfies(e -> {
            assertThat(e.queue()).isEqualTo("FixtureWorkQueue");
            assertThat(e.batchSize()).isEqualTo(5);
            assertThat(e.reportsBatchItemFailures()).isTrue();
        });
        assertThat(echo.environment()).containsEntry("FIXTURE_TABLE", new Ref("FixtureTable"))
                .containsEntry("QUARKUS_LAMBDA_HANDLER", "echo");
        assertThat(echo.policies().get(1).referencedResources()).containsExactly("FixtureWorkQueue");
        assertThat(f.queuesInCreationOrder()).extracting(SamTemplate.Queue::logicalId).containsExactly(
                "FixtureDeadLetterQueue", "FixtureWorkQueue", "FixtureOrderedDeadLetterQueue", "FixtureOrderedQueue");
        assertThat(f.queue("FixtureOrderedQueue").fifo()).isTrue();
        assertThat(f.table("FixtureTable").globalSecondaryIndex("byStatus")).hasValueSatisfying(i ->
                assertThat(i.nonKeyAttributes()).containsExactly("title"));
    }

    @Test
    void refuses_a_template_without_resources_and_duplicate_keys() {
        assertThatThrownBy(() -> SamTemplate.parse("Parameters: {}\n", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SamTemplate.parse("Resources:\n  A: {Type: X}\n  A: {Type: Y}\n", null))
                .hasMessageContaining("duplicate");
    }

    /** Local names for the resolver tests: {@code name-of-X} and {@code arn-of-X}. */
    static final class NamesAreLogicalIds implements SamTemplate.ResourceValues {
        @Override
        public Object ref(Resource resource) {
            return "name-of-" + resource.logicalId();
        }

        @Override
        public Object getAtt(Resource resource, String attribute) {
            return attribute.equals("Arn") ? "arn-of-" + resource.logicalId()
                    : attribute.toLowerCase() + "-of-" + resource.logicalId();
        }
    }
}
