package dev.madang.api.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.madang.api.LocalAwsResource;
import dev.madang.api.MembershipsApiTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Memberships in headless Chromium against the real API on the local stack: an organiser offers a fan club membership
 * on the membership screen; a fan finds a round in its members' presale closed to them, joins the membership through
 * the Toss sandbox's payment window, and the seat page then lets them book.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class MembershipsBrowserTest extends InTheBrowser {

    @Test
    void a_fan_joins_a_membership_and_then_books_in_its_presale() {
        String name = "마당 팬클럽 " + UUID.randomUUID().toString().substring(0, 4);
        Stage.Credentials organiser = Stage.newOrganiser();
        TicketTradeBrowserTest.Fan fan = TicketTradeBrowserTest.Fan.signUp("김회원");
        Page admin = browser.phone();
        Page page = browser.phone();
        browser.recording(page, "memberships", () -> {
            admin.navigate(site.url("/login?next=%2Fadmin%2Fmemberships"));
            admin.getByLabel("이메일").fill(organiser.email());
            admin.getByLabel("비밀번호", new Page.GetByLabelOptions().setExact(true)).fill(organiser.password());
            admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("로그인").setExact(true)).click();
            admin.waitForURL(Pattern.compile(".*/admin/memberships$"));
            admin.getByLabel("멤버십 이름").fill(name);
            admin.getByLabel("혜택 안내").fill("선예매, 회원 10% 할인");
            admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("멤버십 만들기")).click();
            Locator created = admin.getByText(Pattern.compile("만들었습니다. ID "));
            assertThat(created).isVisible();
            String membershipId = created.textContent().replaceAll(".*ID ", "").trim();
            browser.checkScreen(admin, "membership-offer");
            String round = MembershipsApiTest.presaleRound(membershipId, 10);

            // not a member yet: the presale is closed to the fan
            TicketTradeBrowserTest.logIn(page, fan, "/rounds/" + round);
            assertThat(page.getByText("멤버십 선예매 중")).isVisible();
            assertThat(page.getByText("한 사람이 4석까지 고를 수 있습니다.")).hasCount(0);

            // join through the PG's window
            page.navigate(site.url("/memberships"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name + " 가입하기")).click();
            page.waitForURL(Pattern.compile(".*/checkout/success.*"));
            assertThat(page.getByText("멤버십 가입이 완료되었습니다.")).isVisible();
            browser.checkScreen(page, "membership-paid");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("내 멤버십 보기")).click();
            assertThat(page.getByText("이용 중")).isVisible();
            browser.checkScreen(page, "memberships");

            // a member now: the seat page sells to them in the presale
            page.navigate(site.url("/rounds/" + round));
            assertThat(page.getByText("멤버십 선예매 중")).isVisible();
            assertThat(page.getByText(Pattern.compile("4석까지 고를 수 있습니다"))).isVisible();
        });
    }
}
