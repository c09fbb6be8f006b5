package dev.madang.api.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.madang.api.LocalAwsResource;
import dev.madang.api.web.TicketTradeBrowserTest.Fan;
import dev.madang.localstack.SqsEventSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * My inbox in headless Chromium against the real API on the local stack: a fan's booking is confirmed by the payment
 * workflow, the notification consumer (fed by the SQS event source stand-in) delivers its message, and the fan finds
 * it in the inbox with the unread badge in my page's menu, marks it read, and the badge goes.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class InboxBrowserTest extends InTheBrowser {

    @Test
    void a_confirmed_bookings_notification_appears_and_reading_it_drops_the_badge() {
        String title = "마당 알림 콘서트 " + Stage.hangul(3);
        String roundId = Stage.arenaRoundOnSale(title);
        Fan fan = Fan.signUp("박알림");
        try (SqsEventSource delivery = LocalAwsResource.deliverNotifications()) {
            fan.buy(roundId, "F1-1-12");
            // the e-mail and the inbox line are written by the same delivery: once the e-mail is there, so is the line
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !LocalAwsResource.aws().sesStandIn().messagesTo(fan.email()).isEmpty());
        }

        Page page = browser.phone();
        browser.recording(page, "inbox", () -> {
            TicketTradeBrowserTest.logIn(page, fan, "/me/inbox");
            Locator line = page.getByRole(AriaRole.LISTITEM)
                    .filter(new Locator.FilterOptions().setHasText("예매가 확정되었습니다: " + title));
            assertThat(line).isVisible();
            assertThat(line.getByText("새 알림")).isVisible();
            Locator badge = page.locator(".bk-mynav .ib-count");
            assertThat(badge).hasText("1");
            assertThat(page.locator(".ib-summary")).hasText("읽지 않은 알림 1개");
            browser.checkScreen(page, "inbox-unread");

            line.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("읽음으로 표시")).click();
            assertThat(line.getByText(Pattern.compile("에 읽음$"))).isVisible();
            assertThat(badge).hasCount(0);
            assertThat(page.locator(".ib-summary")).hasText("읽지 않은 알림 0개");
            browser.checkScreen(page, "inbox-read");

            // from another screen of my page, the badge stays gone (the count comes from the API)
            page.navigate(site.url("/me/tickets"));
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("알림함"))).isVisible();
            assertThat(page.locator(".bk-mynav .ib-count")).hasCount(0);
        });
    }
}
