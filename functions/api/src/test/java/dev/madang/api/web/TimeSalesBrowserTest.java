package dev.madang.api.web;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.madang.api.LocalAwsResource;
import dev.madang.api.TimeSalesApiTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * A time sale in headless Chromium against the real API on the local stack: an organiser sets one on the round screen,
 * the time-sale job starts it, the organiser reads the price history, and a fan's seat map shows the sale price beside
 * the original one.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class TimeSalesBrowserTest extends InTheBrowser {

    @Test
    void an_organiser_sets_a_time_sale_and_fans_see_the_sale_price_beside_the_original() {
        String roundId = Stage.arenaRoundOnSale("마당 타임세일 콘서트 " + Stage.hangul(3));
        Stage.Credentials organiser = Stage.newOrganiser();
        Page admin = browser.phone();
        Page fan = browser.phone();
        browser.recording(admin, "time-sale", () -> {
            admin.navigate(site.url("/login?next=%2Fadmin%2Frounds%2F" + roundId));
            admin.getByLabel("이메일").fill(organiser.email());
            admin.getByLabel("비밀번호", new Page.GetByLabelOptions().setExact(true)).fill(organiser.password());
            admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("로그인").setExact(true)).click();
            admin.waitForURL(Pattern.compile(".*/admin/rounds/" + roundId + "$"));

            // grade S (165,000): under 60 % sold 40 days before (the show is in 30), 20 % off until 2 days before
            admin.getByLabel("등급", new Page.GetByLabelOptions().setExact(true)).selectOption("S");
            admin.getByLabel("시작: 공연 며칠 전").fill("40");
            admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("타임 세일 설정")).click();
            assertThat(admin.getByText(Pattern.compile("설정했습니다"))).isVisible();
            assertThat(admin.getByText("예정")).isVisible();

            // the job's next run starts it
            TimeSalesApiTest.job(Instant.now());
            admin.reload();
            assertThat(admin.getByText("진행 중")).isVisible();
            assertThat(admin.getByText(Pattern.compile("S석 165,000원 → 132,000원"))).isVisible();
            browser.checkScreen(admin, "time-sale-admin");

            // the fan's seat map: the sale price, the original struck through
            fan.navigate(site.url("/rounds/" + roundId));
            assertThat(fan.getByText("132,000원")).isVisible();
            assertThat(fan.getByText("정가 165,000원")).isVisible();
            assertThat(fan.getByText("타임 세일").first()).isVisible();
            browser.checkScreen(fan, "time-sale-seats");
        });
    }
}
