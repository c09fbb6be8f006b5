package dev.madang.api.web;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import dev.madang.api.LocalAwsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * An organiser's first sale, in headless Chromium against the real API through the hosted web client: log in, create
 * a venue from a CSV file (previewed as a seat map), a performance and a round whose sale has opened, and see it on
 * sale with its seats per grade. Main screens are screenshotted and checked with axe-core.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class OrganiserBrowserTest extends InTheBrowser {

    static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    @Test
    void an_organiser_creates_a_venue_from_csv_a_performance_and_a_round_and_sees_it_on_sale() {
        Stage.Credentials organiser = Stage.newOrganiser();
        String hall = "마당 소극장 " + Stage.hangul(2);
        String title = "마당 연극 " + Stage.hangul(3);
        Page page = browser.phone();
        browser.recording(page, "organiser", () -> {

            page.navigate(site.url("/login?next=%2Fadmin"));
            page.getByLabel("이메일").fill(organiser.email());
            page.getByLabel("비밀번호", new Page.GetByLabelOptions().setExact(true)).fill(organiser.password());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("로그인").setExact(true)).click();
            page.waitForURL(Pattern.compile(".*/admin$"));
            browser.checkScreen(page, "admin-home");

            // a venue from a CSV file, previewed before and after it is created
            page.navigate(site.url("/admin/venues/new"));
            page.getByLabel("이름").fill(hall);
            page.getByLabel("주소").fill("서울 종로구 대학로 12");
            page.locator("input[type=file]").setInputFiles(new FilePayload("hall.csv", "text/csv",
                    Stage.smallHallCsv().getBytes(StandardCharsets.UTF_8)));
            assertThat(page.getByText(Pattern.compile("150")).first()).isVisible();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("만들기")).click();
            page.waitForURL(Pattern.compile(".*/admin/venues/(?!new$)[^/]+$"));
            String venueId = page.url().substring(page.url().lastIndexOf('/') + 1);
            assertThat(page.getByText(Pattern.compile("150")).first()).isVisible();
            page.waitForFunction("() => performance.getEntriesByName('madang:interactive').length > 0");
            browser.checkScreen(page, "admin-venue");

            // a performance
            page.navigate(site.url("/admin/performances/new"));
            page.getByLabel("제목").fill(title);
            page.getByLabel("장르").selectOption("THEATRE");
            page.getByLabel("공연 시간").fill("120");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("만들기")).click();
            page.waitForURL(Pattern.compile(".*/admin/performances/(?!new$)[^/]+$"));
            browser.checkScreen(page, "admin-performance");

            // a round at the new hall, its sale opened an hour ago, one grade everywhere
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("회차"))).first().click();
            LocalDateTime now = LocalDateTime.now(ZoneId.of("Asia/Seoul")).truncatedTo(ChronoUnit.MINUTES);
            page.getByLabel("공연장").fill(venueId);
            page.getByLabel("공연 시작").fill(now.plusDays(30).withHour(19).withMinute(30).format(LOCAL_INPUT));
            page.getByLabel("예매 시작").fill(now.minusHours(1).format(LOCAL_INPUT));
            page.getByLabel("등급").first().fill("R");
            page.getByLabel("가격").first().fill("77000");
            browser.checkScreen(page, "admin-round-new");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("만들기")).click();
            page.waitForURL(Pattern.compile(".*/admin/rounds/[^/]+$"));
            assertThat(page.getByText("판매 중").first()).isVisible();
            assertThat(page.getByRole(AriaRole.TABLE).first()).containsText("150");
            browser.checkScreen(page, "admin-round");
        });
    }
}
