package dev.madang.api.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.madang.api.LocalAwsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Seat alerts (빈자리 알림) through the web client, in headless Chromium against the real API on the local stack: a
 * fan asks on a round's seat page to be told when grade R seats free up, finds the alert in My alerts, follows a genre
 * there, and cancels the alert. Each screen is screenshotted and checked with axe-core.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class WaitlistBrowserTest extends InTheBrowser {

    @Test
    void a_fan_asks_for_a_seat_alert_sees_it_in_my_alerts_follows_a_genre_and_cancels_it() {
        String roundId = Stage.arenaRoundOnSale("마당 빈자리 콘서트 " + Stage.hangul(3));
        Stage.refreshSeatMaps();
        TicketTradeBrowserTest.Fan fan = TicketTradeBrowserTest.Fan.signUp("박알림");

        Page page = browser.phone();
        browser.recording(page, "waitlist-subscribe", () -> {
            TicketTradeBrowserTest.logIn(page, fan, "/rounds/" + roundId);
            Locator alert = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("빈자리 알림"));
            alert.getByLabel("등급").selectOption("R");
            alert.getByLabel("인원").selectOption("2");
            browser.checkScreen(page, "waitlist-seat-page");
            alert.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("빈자리 알림 받기")).click();
            assertThat(alert.getByText("빈자리 알림을 신청했습니다.")).isVisible();
            alert.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("내 알림 보기")).click();
            page.waitForURL(Pattern.compile(".*/me/alerts$"));
        });
        fan.api().get("/v1/me/waitlist").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].grade", equalTo("R")).body("items[0].partySize", equalTo(2))
                .body("items[0].roundId", equalTo(roundId));

        browser.recording(page, "waitlist-my-alerts", () -> {
            Locator item = page.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHasText("R석 · 2명"));
            assertThat(item).isVisible();
            assertThat(item.getByText(Pattern.compile("마당 빈자리 콘서트"))).isVisible();
            page.getByLabel("뮤지컬").check();
            assertThat(page.getByText("관심 장르를 저장했습니다.")).isVisible();
            browser.checkScreen(page, "waitlist-my-alerts");
            item.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^알림 취소")))
                    .click();
            assertThat(page.getByText("빈자리 알림을 취소했습니다.")).isVisible();
            assertThat(page.getByText(Pattern.compile("^빈자리 알림을 신청한 회차가 없습니다"))).isVisible();
        });
        fan.api().get("/v1/me/waitlist").then().statusCode(200).body("items", hasSize(0));
        fan.api().get("/v1/me/genres").then().statusCode(200).body("genres", equalTo(List.of("MUSICAL")));
    }
}
