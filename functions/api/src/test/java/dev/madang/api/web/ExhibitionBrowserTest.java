package dev.madang.api.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.madang.api.LocalAwsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * An exhibition in headless Chromium against the real API on the local stack: the organiser cuts two days into hourly
 * time slots on the performance screen; a fan opens the exhibition, picks the second day and a slot, books 2 entries,
 * pays by card in the Toss sandbox's window and finds two tickets in My tickets.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class ExhibitionBrowserTest extends InTheBrowser {

    @Test
    void an_organiser_makes_time_slots_and_a_fan_books_two_entries_pays_and_sees_two_tickets() {
        Stage.Credentials organiser = Stage.newOrganiser();
        String title = "마당 팝업 스토어 " + Stage.hangul(3);
        String performanceId = Stage.exhibition(title);
        LocalDate first = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(10);
        TicketTradeBrowserTest.Fan fan = TicketTradeBrowserTest.Fan.signUp("박관람");
        Page admin = browser.phone();
        Page page = browser.phone();
        browser.recording(page, "exhibition", () -> {

            // the organiser: two days, a slot every hour from 10:00 to 12:00, 20 entries of 12,000 won each
            admin.navigate(site.url("/login?next=%2Fadmin%2Fperformances%2F" + performanceId));
            admin.getByLabel("이메일").fill(organiser.email());
            admin.getByLabel("비밀번호", new Page.GetByLabelOptions().setExact(true)).fill(organiser.password());
            admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("로그인").setExact(true)).click();
            admin.waitForURL(Pattern.compile(".*/admin/performances/" + performanceId + "$"));
            admin.getByLabel("첫날").fill(first.toString());
            admin.getByLabel("마지막 날").fill(first.plusDays(1).toString());
            admin.getByLabel("여는 시각").fill("10:00");
            admin.getByLabel("닫는 시각").fill("12:00");
            admin.getByLabel("간격(분)").fill("60");
            admin.getByLabel("시간당 정원").fill("20");
            admin.getByLabel("1인 가격(원)").fill("12000");
            admin.getByLabel("1인 최대 매수").fill("4");
            admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("관람 시간 만들기")).click();
            assertThat(admin.getByText("관람 시간 4개를 만들었습니다.")).isVisible();
            browser.checkScreen(admin, "admin-slots");

            // the fan: the exhibition's second day, its 11:00 slot, two entries
            TicketTradeBrowserTest.logIn(page, fan, "/performances/" + performanceId);
            Locator days = page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("관람일"))
                    .getByRole(AriaRole.BUTTON);
            assertThat(days).hasCount(2);
            days.nth(1).click();
            Locator slot = page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName(Pattern.compile("^11:00")));
            assertThat(page.getByText("잔여 20 / 20").first()).isVisible();
            browser.checkScreen(page, "exhibition-slots");
            slot.check();
            page.getByLabel("입장 인원").selectOption("2");
            assertThat(page.getByText("합계 24,000원")).isVisible();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("예매하기")).click();

            // the ordinary checkout: card, through the Toss sandbox's payment window
            page.waitForURL(Pattern.compile(".*/checkout/[^/?]+$"));
            Locator pay = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("결제하기"));
            assertThat(pay).isVisible();
            assertThat(page.getByRole(AriaRole.TABLE).getByText("24,000원")).isVisible();
            page.getByLabel("카드").check();
            pay.click();
            page.waitForURL(Pattern.compile(".*/checkout/success.*"));
            assertThat(page.getByText("예매 완료").first()).isVisible();

            // a ticket per entry
            page.navigate(site.url("/me/tickets"));
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("QR 보기"))).hasCount(2);
            browser.checkScreen(page, "exhibition-tickets");
        });
    }
}
