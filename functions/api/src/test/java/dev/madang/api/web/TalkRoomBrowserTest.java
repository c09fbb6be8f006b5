package dev.madang.api.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.madang.api.LocalAwsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * A performance's fan room in headless Chromium against the real API on the local stack: a fan opens the room from the
 * performance page and offers a taxi share; the room holds a second post with a phone number until its author
 * confirms it; another fan, polling, sees the offer, replies and reports the phone post; the organiser hides it on the
 * moderation screen and it leaves the room.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class TalkRoomBrowserTest extends InTheBrowser {

    @Test
    void fans_talk_in_a_performances_room_and_an_organiser_moderates_it() {
        String title = "마당 뮤지컬 " + Stage.hangul(3);
        String performanceId = Stage.musical(title);
        TicketTradeBrowserTest.Fan kim = TicketTradeBrowserTest.Fan.signUp("김택시");
        TicketTradeBrowserTest.Fan lee = TicketTradeBrowserTest.Fan.signUp("이동승");
        Stage.Credentials organiser = Stage.newOrganiser();
        Page first = browser.phone();
        Page second = browser.phone();
        Page admin = browser.phone();
        browser.recording(first, "talk-room", () -> {

            // the first fan: from the performance page into its room, a taxi share
            TicketTradeBrowserTest.logIn(first, kim, "/performances/" + performanceId);
            first.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("팬 톡방")).click();
            first.waitForURL(Pattern.compile(".*/performances/" + performanceId + "/talk$"));
            assertThat(first.getByText("아직 글이 없습니다. 첫 글을 남겨 보세요.")).isVisible();
            first.getByLabel("주제", new Page.GetByLabelOptions().setExact(true)).selectOption("TAXI_SHARE");
            first.getByLabel("내용").fill("공연 끝나고 잠실역까지 택시 같이 타실 분");
            first.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("올리기")).click();
            assertThat(first.getByText("글을 올렸습니다.")).isVisible();
            Locator offer = first.getByRole(AriaRole.ARTICLE).filter(new Locator.FilterOptions()
                    .setHasText("잠실역까지 택시"));
            assertThat(offer.getByText("(나)")).isVisible();

            // a phone number: held, seen by its author alone until confirmed
            first.getByLabel("내용").fill("문자 주세요 010-1234-5678");
            first.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("올리기")).click();
            assertThat(first.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                    .setName("개인정보가 있는 것 같습니다"))).isVisible();
            assertThat(first.getByText("공개 확인 대기")).isVisible();
            browser.checkScreen(first, "talk-held");
            first.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("그래도 공개하기")).first().click();
            assertThat(first.getByText("글을 공개했습니다.")).isVisible();

            // the second fan sees both, replies to the offer and reports the phone post
            TicketTradeBrowserTest.logIn(second, lee, "/performances/" + performanceId + "/talk");
            Locator offerSeen = second.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions()
                    .setHasText("잠실역까지 택시")).first();
            assertThat(offerSeen).isVisible();
            offerSeen.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("답글")).first().click();
            second.getByLabel("답글 쓰기").fill("저도 갈게요, 2명");
            second.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("답글 올리기")).click();
            assertThat(second.getByText("저도 갈게요, 2명")).isVisible();
            second.getByRole(AriaRole.ARTICLE).filter(new Locator.FilterOptions().setHasText("010-1234-5678"))
                    .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("신고")).click();
            assertThat(second.getByText("신고했습니다.", new Page.GetByTextOptions().setExact(false))).isVisible();
            browser.checkScreen(second, "talk-room");

            // the first fan's room shows the reply by polling, without a reload
            assertThat(first.getByText("저도 갈게요, 2명")).isVisible(
                    new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(15_000));

            // the organiser hides the phone post; it leaves the room
            admin.navigate(site.url("/login?next=%2Fadmin%2Fperformances%2F" + performanceId + "%2Ftalk"));
            admin.getByLabel("이메일").fill(organiser.email());
            admin.getByLabel("비밀번호", new Page.GetByLabelOptions().setExact(true)).fill(organiser.password());
            admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("로그인").setExact(true)).click();
            admin.waitForURL(Pattern.compile(".*/admin/performances/" + performanceId + "/talk$"));
            Locator phonePost = admin.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions()
                    .setHasText("010-1234-5678"));
            assertThat(phonePost.getByText("신고 1건")).isVisible();
            phonePost.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("가리기")).click();
            assertThat(admin.getByText("글을 가렸습니다.")).isVisible();
            browser.checkScreen(admin, "talk-moderation");
            second.reload();
            assertThat(second.getByText("잠실역까지 택시").first()).isVisible();
            assertThat(second.getByText("010-1234-5678")).hasCount(0);
        });
    }
}
