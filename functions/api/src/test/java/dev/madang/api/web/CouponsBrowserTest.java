package dev.madang.api.web;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.madang.api.LocalAwsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Coupons in headless Chromium against the real API on the local stack: an organiser issues a batch with a code on the
 * coupon screen, a fan enters the code in their wallet, chooses the coupon at checkout, sees the discounted price,
 * pays it through the Toss sandbox's window, and finds the discount on the order and the coupon used.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class CouponsBrowserTest extends InTheBrowser {

    @Test
    void an_organiser_issues_a_coupon_and_a_fan_claims_it_and_pays_less_with_it() {
        String roundId = Stage.arenaRoundOnSale("마당 쿠폰 콘서트 " + Stage.hangul(3));
        String code = "MADANG-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Stage.Credentials organiser = Stage.newOrganiser();
        TicketTradeBrowserTest.Fan fan = TicketTradeBrowserTest.Fan.signUp("김쿠폰");
        Page admin = browser.phone();
        Page page = browser.phone();
        browser.recording(page, "coupons", () -> {

            // the organiser: 10 % off, at most 30,000 won, claimed by a code
            admin.navigate(site.url("/login?next=%2Fadmin%2Fcoupons"));
            admin.getByLabel("이메일").fill(organiser.email());
            admin.getByLabel("비밀번호", new Page.GetByLabelOptions().setExact(true)).fill(organiser.password());
            admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("로그인").setExact(true)).click();
            admin.waitForURL(Pattern.compile(".*/admin/coupons$"));
            admin.getByLabel("쿠폰 이름").fill("겨울 10% 할인");
            admin.getByLabel("최대 할인 금액 (원, 0은 제한 없음)").fill("30000");
            admin.getByLabel("쿠폰 코드 (비우면 다운로드 전용)").fill(code);
            admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("발행하기")).click();
            assertThat(admin.getByText(Pattern.compile("발행했습니다. 받은 수 0 / 100"))).isVisible();
            browser.checkScreen(admin, "coupon-issue");

            // the fan enters the code in their wallet
            TicketTradeBrowserTest.logIn(page, fan, "/me/coupons");
            page.getByLabel("쿠폰 코드", new Page.GetByLabelOptions().setExact(true)).fill(code.toLowerCase());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("등록하기")).click();
            assertThat(page.getByText("쿠폰을 받았습니다: 겨울 10% 할인")).isVisible();
            assertThat(page.getByText("사용 가능")).isVisible();
            browser.checkScreen(page, "coupon-wallet");

            // two seats held (220,000 each), then checkout with the coupon: 440,000 less 30,000
            String holdId = fan.api().header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(Map.of("roundId", roundId, "seatIds", List.of("F1-1-1", "F1-1-2"))).post("/v1/holds")
                    .then().statusCode(201).extract().path("holdId");
            page.navigate(site.url("/checkout/" + holdId));
            // the wallet's one coupon, after "쿠폰 사용 안 함"
            page.getByLabel("쿠폰 선택").selectOption(new com.microsoft.playwright.options.SelectOption().setIndex(1));
            assertThat(page.getByText("-30,000원")).isVisible();
            assertThat(page.getByText("410,000원").first()).isVisible();
            browser.checkScreen(page, "checkout-coupon");
            page.getByLabel("카드").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("결제하기")).click();
            page.waitForURL(Pattern.compile(".*/checkout/success.*"));
            assertThat(page.getByText("예매 완료").first()).isVisible();

            // the order shows the discount and the amount paid; the coupon is used
            page.navigate(site.url("/orders/" + holdId));
            assertThat(page.getByText("할인 (쿠폰)")).isVisible();
            assertThat(page.getByText("410,000원").first()).isVisible();
            page.navigate(site.url("/me/coupons"));
            assertThat(page.getByText("사용됨")).isVisible();
        });
    }
}
