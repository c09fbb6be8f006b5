package dev.madang.api.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.madang.api.LocalAwsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fan's whole visit, in headless Chromium against the real API on the local stack, through the web client as
 * hosted (the S3 and CloudFront stand-ins): sign up with 본인인증 in the PortOne sandbox's window, log in, find an arena
 * show by a Korean search, pick two seats on the 10,400-seat map, pay by card through the Toss sandbox's window, see
 * the tickets and a ticket's QR, and cancel one ticket after reading its fee quote. Every main screen is screenshotted
 * at phone and desktop sizes and checked with axe-core on the way.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class FanJourneyBrowserTest extends InTheBrowser {

    @Test
    void a_fan_signs_up_finds_a_show_books_two_arena_seats_pays_sees_the_qr_and_cancels_one() {
        String searchWord = Stage.hangul(3);
        String title = "마당 아레나 콘서트 " + searchWord;
        String roundId = Stage.arenaRoundOnSale(title);
        String email = "fan-" + UUID.randomUUID() + "@example.com";
        String password = "Madang-" + UUID.randomUUID();
        Page page = browser.phone();
        browser.recording(page, "fan-journey", () -> {

            // sign up: 본인인증 in the PortOne sandbox's window first, then the account
            page.navigate(site.url("/signup"));
            browser.checkScreen(page, "signup");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("본인인증 하기")).click();
            page.getByLabel("이름").fill("김마당");
            page.getByLabel("생년월일").fill("1995-03-01");
            page.getByLabel("휴대폰 번호").fill("01012345678");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("인증하기")).click();
            page.waitForURL(Pattern.compile(".*/signup\\?identityVerificationId=.*"));
            page.getByLabel("이메일").fill(email);
            page.getByLabel("비밀번호", new Page.GetByLabelOptions().setExact(true)).fill(password);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("가입하기")).click();
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("로그아웃"))).isVisible();

            // log out and in again
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("로그아웃")).click();
            page.waitForURL(Pattern.compile(".*/$"));
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("로그인").setExact(true)).click();
            page.waitForURL(Pattern.compile(".*/login$"));
            browser.checkScreen(page, "login");
            page.getByLabel("이메일").fill(email);
            page.getByLabel("비밀번호", new Page.GetByLabelOptions().setExact(true)).fill(password);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("로그인").setExact(true)).click();
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("로그아웃"))).isVisible();

            // find the show by a Korean substring of its title
            page.navigate(site.url("/"));
            page.getByLabel("검색").fill(searchWord.substring(0, 2));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("검색").setExact(true)).click();
            Locator card = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(title));
            assertThat(card).isVisible();
            browser.checkScreen(page, "home-search");
            card.click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(title))).isVisible();
            browser.checkScreen(page, "performance");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("예매하기"))).first().click();

            // the arena's seat map: two seats side by side in floor block F1, row 1
            page.waitForURL(Pattern.compile(".*/rounds/[^/]+$"));
            page.waitForFunction("() => performance.getEntriesByName('madang:interactive').length > 0");
            browser.checkScreen(page, "seat-map");
            // someone else holds F1 row 1 seat 12 meanwhile: once the seat-map refresher's next snapshot is out, the
            // page's next refresh shows it taken, without a reload
            Stage.holdAsAnotherFan(roundId, "F1-1-12");
            Stage.refreshSeatMaps();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> "TAKEN".equals(Stage.seatStatus(roundId, "F1-1-12")));
            SeatPicking.openRow(page, "플로어 F1구역", "1");
            assertThat(SeatPicking.seatInOpenRow(page, 12)).isDisabled(new com.microsoft.playwright.assertions
                    .LocatorAssertions.IsDisabledOptions().setTimeout(15_000));
            Locator picked = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("빼기$")));
            // two seats side by side on the map itself, by keyboard: the first key puts the focus on a seat
            SeatPicking.withKeyboard(page, "ArrowRight", "Enter");
            assertThat(picked).hasCount(1);
            SeatPicking.withKeyboard(page, "ArrowRight", "Enter");
            assertThat(picked).hasCount(2);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("좌석 선택 완료")).click();

            // checkout: card, through the Toss sandbox's payment window
            page.waitForURL(Pattern.compile(".*/checkout/[^/?]+$"));
            Locator pay = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("결제하기"));
            assertThat(pay).isVisible(); // the checkout screen itself, not the seat page's total still on show
            assertThat(page.getByRole(AriaRole.TABLE).getByText("440,000원")).isVisible();
            browser.checkScreen(page, "checkout");
            page.getByLabel("카드").check();
            pay.click();
            page.waitForURL(Pattern.compile(".*/checkout/success.*"));
            assertThat(page.getByText("예매 완료").first()).isVisible();
            browser.checkScreen(page, "paid");

            // the tickets and one's rotating QR
            page.navigate(site.url("/me/tickets"));
            Locator qrLinks = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("QR 보기"));
            assertThat(qrLinks).hasCount(2);
            browser.checkScreen(page, "tickets");
            qrLinks.first().click();
            Locator qr = page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName(Pattern.compile("F1")));
            assertThat(qr).isVisible();
            assertThat(((Number) qr.evaluate("img => img.naturalWidth")).intValue()).as("a QR image arrived").isGreaterThan(20);
            browser.checkScreen(page, "ticket-qr");

            // cancel one of the two after reading its fee quote
            page.navigate(site.url("/me/bookings"));
            browser.checkScreen(page, "bookings");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile(title))).first()
                    .click();
            page.getByRole(AriaRole.CHECKBOX).first().check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("취소 수수료 확인")).click();
            assertThat(page.getByText(Pattern.compile("환불")).first()).isVisible();
            browser.checkScreen(page, "cancellation-quote");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("취소하기")).click();
            assertThat(page.getByText(Pattern.compile("티켓 1매를 취소했습니다")).first()).isVisible();
            browser.checkScreen(page, "cancelled");
        });
    }
}
