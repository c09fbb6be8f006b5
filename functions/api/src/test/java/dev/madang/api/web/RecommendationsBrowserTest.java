package dev.madang.api.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.madang.api.LocalAwsResource;
import dev.madang.api.RecommendationJob;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;

/**
 * Recommendations in headless Chromium against the real API on the local stack: a fan who booked one concert finds,
 * after the recommendation job ran, another concert of the same singer under "추천 공연" on the home page, opens it,
 * and finds the one they booked under "비슷한 공연" on its page.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class RecommendationsBrowserTest extends InTheBrowser {

    @Test
    void a_fan_finds_a_concert_like_the_one_they_booked_on_the_home_page_and_its_page() {
        String singer = "가수 " + Stage.hangul(3);
        String booked = "첫 콘서트 " + Stage.hangul(3);
        String alike = "앙코르 콘서트 " + Stage.hangul(3);
        String bookedRound = Stage.arenaRoundOnSale(booked, List.of(singer, "밴드 " + Stage.hangul(2)));
        Stage.arenaRoundOnSale(alike, List.of(singer));
        TicketTradeBrowserTest.Fan fan = TicketTradeBrowserTest.Fan.signUp("추천받는팬");
        fan.buy(bookedRound, "F1-1-1");
        String bookedId = given().get("/v1/rounds/" + bookedRound).then().statusCode(200).extract()
                .path("performanceId");
        RecommendationJob.run();

        Page page = browser.phone();
        browser.recording(page, "recommendations", () -> {
            TicketTradeBrowserTest.logIn(page, fan, "/");
            Locator forYou = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("추천 공연"));
            assertThat(forYou.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(alike))).isVisible();
            assertThat(forYou.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(booked))).hasCount(0);
            browser.checkScreen(page, "for-you");

            forYou.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(alike)).click();
            page.waitForURL(Pattern.compile(".*/performances/[^/]+$"));
            Locator similar = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("비슷한 공연"));
            Locator first = similar.getByRole(AriaRole.LINK).first();
            assertThat(first).hasText(booked);
            assertThat(first).hasAttribute("href", "/performances/" + bookedId);
            browser.checkScreen(page, "similar");
        });
    }
}
