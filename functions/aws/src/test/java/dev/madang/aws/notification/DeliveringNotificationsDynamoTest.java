package dev.madang.aws.notification;

import dev.madang.aws.account.DynamoAccounts;
import dev.madang.aws.support.SqsBatches;
import dev.madang.domain.account.Account;
import dev.madang.domain.account.Profile;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.Ids;
import dev.madang.domain.notification.DeliveringNotifications;
import dev.madang.domain.notification.Inbox;
import dev.madang.domain.notification.Notification;
import dev.madang.domain.notification.ReadingInbox;
import dev.madang.localstack.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Delivery against dynalite and the SES stand-in: a message delivered many times, one after another or all at once,
 * is one inbox line and one e-mail; an unknown type fails; the inbox pages newest first with its unread count.
 */
class DeliveringNotificationsDynamoTest {

    static LocalAws aws;
    static DeliveringNotifications delivering;
    static DynamoInbox inbox;
    static ReadingInbox reading;
    static final Clock CLOCK = Clock.systemUTC();
    static final Ids IDS = new Ids(CLOCK);

    @BeforeAll
    static void start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
        String sender = aws.functionEnvironment("NotificationFunction").get("NOTIFICATION_SENDER");
        inbox = new DynamoInbox(aws.dynamo(), aws.tableName("AccountsTable"));
        delivering = new DeliveringNotifications(inbox, new SesMailSender(aws.ses(), sender),
                new DynamoNotificationLookups(aws.dynamo(), new DynamoNotificationLookups.Tables(
                        aws.tableName("AccountsTable"), aws.tableName("CatalogTable"), aws.tableName("SeatsTable"),
                        aws.tableName("OrdersTable"))), CLOCK);
        reading = new ReadingInbox(inbox, CLOCK);
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    static String fan(String email) {
        String id = IDS.next();
        new DynamoAccounts(aws.dynamo(), aws.tableName("AccountsTable")).accounts().create(Account.newUser(id, email,
                "hash", Instant.now(), Profile.empty(), null), null);
        return id;
    }

    static String confirmed(String accountId, String orderId) {
        return "{\"type\":\"BOOKING_CONFIRMED\",\"orderId\":\"" + orderId + "\",\"accountId\":\"" + accountId
                + "\",\"tickets\":2}";
    }

    static List<String> consume(String... bodies) {
        List<SqsBatches.Message> batch = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            batch.add(new SqsBatches.Message("m" + i, bodies[i]));
        }
        return SqsNotifications.consume(delivering, batch);
    }

    @Test
    void a_message_delivered_twice_is_one_inbox_line_and_one_email() {
        String fan = fan("twice@example.com");
        String order = IDS.next();

        assertThat(consume(confirmed(fan, order))).isEmpty();
        assertThat(consume(confirmed(fan, order))).isEmpty();

        assertThat(aws.sesStandIn().messagesTo("twice@example.com")).singleElement().satisfies(m -> {
            assertThat(m.subject()).startsWith("예매가 확정되었습니다");
            assertThat(m.text()).contains("티켓 2매");
        });
        Inbox.InboxPage page = reading.page(fan, null, 20);
        assertThat(page.page().items()).singleElement().satisfies(n -> {
            assertThat(n.type()).isEqualTo("BOOKING_CONFIRMED");
            assertThat(n.isRead()).isFalse();
        });
        assertThat(page.unread()).isEqualTo(1);
    }

    @Test
    void twelve_deliveries_of_one_message_at_once_make_one_line_and_one_email() throws Exception {
        String fan = fan("racing@example.com");
        String body = confirmed(fan, IDS.next());
        int racers = 12;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch go = new CountDownLatch(1);
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                all.add(pool.submit(() -> {
                    go.await();
                    // a racer that finds another mid-send fails and is tried again, as the queue would
                    for (int attempt = 0; attempt < 50; attempt++) {
                        if (consume(body).isEmpty()) {
                            outcomes.merge("delivered-or-already", 1, Integer::sum);
                            return null;
                        }
                        outcomes.merge("retried", 1, Integer::sum);
                        Thread.sleep(50);
                    }
                    throw new AssertionError("never delivered");
                }));
            }
            go.countDown();
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("12 concurrent deliveries of one message: " + outcomes);
        assertThat(outcomes).containsEntry("delivered-or-already", racers);
        assertThat(aws.sesStandIn().messagesTo("racing@example.com")).hasSize(1);
        assertThat(reading.page(fan, null, 20).page().items()).hasSize(1);
        assertThat(reading.page(fan, null, 20).unread()).isEqualTo(1);
    }

    @Test
    void an_unknown_type_or_a_body_that_is_no_message_fails_and_leaves_nothing() {
        String fan = fan("unknown@example.com");
        assertThat(consume("{\"type\":\"SOMETHING_NEW\",\"accountId\":\"" + fan + "\"}", "not json",
                "{\"type\":\"BOOKING_CONFIRMED\",\"accountId\":\"" + fan + "\"}", confirmed(fan, IDS.next())))
                .containsExactly("m0", "m1", "m2");
        assertThat(aws.sesStandIn().messagesTo("unknown@example.com")).hasSize(1);
    }

    @Test
    void a_claim_left_by_a_crash_is_taken_over_after_the_lease_and_the_email_goes_again() {
        String key = "BOOKING_CONFIRMED#crash#" + IDS.next();
        Instant t0 = Instant.now();
        inbox.addToInbox(key, new Notification(IDS.next(), "crash", "BOOKING_CONFIRMED", "t", "b", t0, null));
        assertThat(inbox.claimMail(key, t0, DeliveringNotifications.MAIL_LEASE))
                .isEqualTo(dev.madang.domain.notification.Deliveries.MailClaim.CLAIMED);
        // the first delivery died after claiming: a second within the lease waits, one after it sends
        assertThat(inbox.claimMail(key, t0.plusSeconds(5), DeliveringNotifications.MAIL_LEASE))
                .isEqualTo(dev.madang.domain.notification.Deliveries.MailClaim.IN_PROGRESS);
        assertThat(inbox.claimMail(key, t0.plus(DeliveringNotifications.MAIL_LEASE).plusSeconds(1),
                DeliveringNotifications.MAIL_LEASE)).isEqualTo(dev.madang.domain.notification.Deliveries.MailClaim.CLAIMED);
        inbox.mailSent(key);
        assertThat(inbox.claimMail(key, t0.plus(Duration.ofHours(1)), DeliveringNotifications.MAIL_LEASE))
                .isEqualTo(dev.madang.domain.notification.Deliveries.MailClaim.SENT);
    }

    @Test
    void the_inbox_pages_newest_first_and_reading_is_once_and_only_ones_own() throws Exception {
        String fan = fan("pages@example.com");
        String other = fan("other@example.com");
        for (int i = 0; i < 5; i++) {
            consume(confirmed(fan, IDS.next()));
            Thread.sleep(2); // distinct ULID milliseconds, so "newest first" is well defined
        }
        Inbox.InboxPage first = reading.page(fan, null, 2);
        assertThat(first.page().items()).hasSize(2);
        assertThat(first.unread()).isEqualTo(5);
        Inbox.InboxPage second = reading.page(fan, first.page().nextCursor(), 2);
        Inbox.InboxPage third = reading.page(fan, second.page().nextCursor(), 2);
        assertThat(third.page().items()).hasSize(1);
        assertThat(third.page().nextCursor()).isNull();
        List<String> ids = new ArrayList<>();
        for (Inbox.InboxPage p : List.of(first, second, third)) {
            p.page().items().forEach(n -> ids.add(n.id()));
        }
        assertThat(ids).doesNotHaveDuplicates().isSortedAccordingTo(java.util.Comparator.reverseOrder());

        String newest = ids.get(0);
        Notification read = reading.markRead(fan, newest);
        assertThat(read.readAt()).isNotNull();
        assertThat(reading.markRead(fan, newest).readAt()).isEqualTo(read.readAt());
        assertThat(reading.page(fan, null, 1).unread()).isEqualTo(4);
        // another fan's id is not found, and their cursor is not a cursor of this list
        assertThatThrownBy(() -> reading.markRead(other, newest)).isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).kind()).isEqualTo(DomainException.Kind.NOT_FOUND));
        assertThatThrownBy(() -> reading.page(other, first.page().nextCursor(), 2))
                .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> reading.page(fan, null, 0)).isInstanceOf(DomainException.class);
        assertThat(reading.page(fan, null, 1).unread()).isEqualTo(4);
    }
}
