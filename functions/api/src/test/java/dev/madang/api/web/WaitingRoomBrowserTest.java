package dev.madang.api.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import dev.madang.api.LocalAwsResource;
import dev.madang.api.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The waiting room (대기열) through the web client, in headless Chromium against the real API on the local stack: an
 * organiser turns on a round's room from the round's page, opening a few seconds later, with an ad; a fan who opens the round's seat page is sent to
 * the room, solves the slider puzzle by keyboard, waits in line until the opening admits them, and holds a seat with
 * the admission. The puzzle's answer is read from the store as CaptchaApiTest does: the test plays a person who can
 * see where the hole is. The organiser then reads the line's figures and changes the rate live. And with the line
 * off, an organiser who still wants a puzzle gets one in front of every fan's first hold.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class WaitingRoomBrowserTest extends InTheBrowser {

    /** A 1×1 PNG: the ad's image, served in place of the organiser's https address, which these machines cannot reach. */
    private static final byte[] AD_PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII=");

    @Test
    void a_fan_is_sent_from_the_seats_to_the_line_solves_the_puzzle_is_admitted_at_the_opening_and_holds_a_seat() {
        String roundId = Stage.arenaRoundOnSale("마당 대기열 콘서트 " + Stage.hangul(3));
        Stage.refreshSeatMaps();
        // the organiser turns the room on from the round's page; the line opens a little after the fan arrives, so the
        // fan is seen waiting before being let in
        Stage.Credentials organiser = Stage.newOrganiser();
        Page admin = browser.phone();
        browser.recording(admin, "waiting-room-admin", () -> {
            logInToTheRound(admin, organiser, roundId);
            assertThat(admin.getByText("이 회차에는 아직 대기열이 없습니다.")).isVisible();
            admin.getByLabel("대기열 켜기").check();
            admin.getByLabel("초당 입장 인원").fill("50");
            admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("광고 추가")).click();
            admin.getByLabel("이미지 주소 (https)").fill("https://ads.madang.dev/drink.png");
            admin.getByLabel("문구").fill("공연 전 한 잔, 마당 카페");
            admin.getByLabel("링크 (선택)").fill("https://ads.madang.dev/cafe");
            browser.checkScreen(admin, "waiting-room-admin");
            OffsetDateTime opensAt = OffsetDateTime.now(ZoneOffset.ofHours(9)).plusSeconds(50);
            admin.getByLabel("입장 시작 (한국 시간)").fill(opensAt.toLocalDateTime().withNano(0).toString());
            admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("대기열 저장")).click();
            assertThat(admin.getByText("대기열을 저장했습니다.")).isVisible();
        });
        given().auth().oauth2(TestTokens.admin()).get("/v1/admin/rounds/" + roundId + "/waiting-room").then()
                .statusCode(200).body("on", equalTo(true)).body("admissionsPerSecond", equalTo(50))
                .body("ads[0].text", equalTo("공연 전 한 잔, 마당 카페"));

        TicketTradeBrowserTest.Fan fan = TicketTradeBrowserTest.Fan.signUp("정대기");
        Page page = browser.phone();
        page.route("https://ads.madang.dev/**", r -> r.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                .setStatus(200).setContentType("image/png").setBodyBytes(AD_PNG)));
        browser.recording(page, "waiting-room", () -> {
            String seats = "/rounds/" + roundId;
            // logging in lands on the seat page, which finds the room on and sends the fan to it, where a puzzle waits
            Response puzzle = logInAndMeetThePuzzle(page, fan, seats);
            assertThat(puzzle.status()).isEqualTo(201);
            page.waitForURL(Pattern.compile(".*" + Pattern.quote(seats) + "/waiting-room$"));
            String challengeId = new JsonPath(puzzle.text()).getString("challengeId");
            Locator slider = page.getByRole(AriaRole.SLIDER, new Page.GetByRoleOptions().setName("조각 위치"));
            assertThat(slider).isVisible();
            browser.checkScreen(page, "waiting-room-puzzle");
            solve(page, challengeId);

            // in line before the opening: no one ahead, the opening time and the organiser's ad
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("줄 서는 중"))).isVisible();
            assertThat(page.getByText("내 앞의 사람")).isVisible();
            assertThat(page.getByText("입장 시작")).isVisible();
            Locator ad = page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("공연 전 한 잔, 마당 카페"));
            assertThat(ad).isVisible();
            assertThat(page.getByRole(AriaRole.LINK).filter(new Locator.FilterOptions().setHas(ad)))
                    .hasAttribute("href", "https://ads.madang.dev/cafe");
            assertThat(placeStored(page, roundId)).as("the place is kept for this tab").isTrue();
            browser.checkScreen(page, "waiting-room-line");

            // the opening admits the fan, who goes on to the seats by themselves
            page.waitForURL(Pattern.compile(".*" + Pattern.quote(seats) + "$"),
                    new Page.WaitForURLOptions().setTimeout(90_000));
            page.waitForFunction("() => performance.getEntriesByName('madang:interactive').length > 0");
            browser.checkScreen(page, "waiting-room-admitted-seats");
            SeatPicking.withKeyboard(page, "ArrowRight", "Enter");
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("빼기$"))))
                    .hasCount(1);
            // the hold carries the admission (the round's room is on: without one it would be refused 403)
            Response held = page.waitForResponse(r -> r.url().endsWith("/v1/holds")
                            && "POST".equals(r.request().method()),
                    () -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("좌석 선택 완료")).click());
            assertThat(held.status()).isEqualTo(201);
            assertThat(held.request().allHeaders()).containsKey("madang-admission");
            page.waitForURL(Pattern.compile(".*/checkout/[^/?]+$"));
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("결제하기"))).isVisible();
        });

        // the line's figures, as the organiser reads them on the round's page (refreshed every few seconds): the fan
        // entered and was admitted; and the rate changed live
        browser.recording(admin, "waiting-room-admin-live", () -> {
            Locator figures = admin.locator("section[aria-labelledby='round-waiting-room'] dl");
            assertThat(figures.locator("dt:has-text('들어온 사람') + dd")).hasText("1",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(20_000));
            assertThat(figures.locator("dt:has-text('입장한 사람') + dd")).hasText("1",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(20_000));
            admin.getByLabel("입장 속도 바꾸기").fill("100");
            admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("속도 바꾸기")).click();
            assertThat(admin.getByText("입장 속도를 초당 100명으로 바꿨습니다.")).isVisible();
            browser.checkScreen(admin, "waiting-room-admin-live");
        });
        given().auth().oauth2(TestTokens.admin()).get("/v1/admin/rounds/" + roundId + "/waiting-room").then()
                .statusCode(200).body("admissionsPerSecond", equalTo(100)).body("stats.entered", equalTo(1))
                .body("stats.admitted", equalTo(1));
    }

    @Test
    void with_the_line_off_an_organiser_wants_a_puzzle_and_a_fan_solves_it_before_holding() {
        String roundId = Stage.arenaRoundOnSale("마당 퍼즐 콘서트 " + Stage.hangul(3));
        Stage.refreshSeatMaps();
        Stage.Credentials organiser = Stage.newOrganiser();
        Page admin = browser.phone();
        logInToTheRound(admin, organiser, roundId);
        assertThat(admin.getByLabel("대기열 켜기")).not().isChecked();
        admin.getByLabel("대기열이 꺼져 있어도 예매 전에 퍼즐 풀기 (봇 방지)").check();
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("대기열 저장")).click();
        assertThat(admin.getByText("대기열을 저장했습니다.")).isVisible();
        given().auth().oauth2(TestTokens.admin()).get("/v1/admin/rounds/" + roundId + "/waiting-room").then()
                .statusCode(200).body("on", equalTo(false)).body("puzzleWhenOff", equalTo(true));

        TicketTradeBrowserTest.Fan fan = TicketTradeBrowserTest.Fan.signUp("강퍼즐");
        Page page = browser.phone();
        browser.recording(page, "waiting-room-door", () -> {
            String seats = "/rounds/" + roundId;
            // the seat page finds the round guarded and sends the fan to the puzzle
            Response puzzle = logInAndMeetThePuzzle(page, fan, seats);
            page.waitForURL(Pattern.compile(".*" + Pattern.quote(seats) + "/waiting-room$"));
            solve(page, new JsonPath(puzzle.text()).getString("challengeId"));
            // no line to wait in: straight back to the seats with an admission, and no place kept
            page.waitForURL(Pattern.compile(".*" + Pattern.quote(seats) + "$"));
            assertThat(placeStored(page, roundId)).isFalse();
            page.waitForFunction("() => performance.getEntriesByName('madang:interactive').length > 0");
            SeatPicking.withKeyboard(page, "ArrowRight", "Enter");
            Response held = page.waitForResponse(r -> r.url().endsWith("/v1/holds")
                            && "POST".equals(r.request().method()),
                    () -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("좌석 선택 완료")).click());
            assertThat(held.status()).isEqualTo(201);
            assertThat(held.request().allHeaders()).containsKey("madang-admission");
            page.waitForURL(Pattern.compile(".*/checkout/[^/?]+$"));
        });
    }

    /** The organiser logs in and lands on the round's page. */
    private void logInToTheRound(Page admin, Stage.Credentials organiser, String roundId) {
        admin.navigate(site.url("/login?next=" + URLEncoder.encode("/admin/rounds/" + roundId, StandardCharsets.UTF_8)));
        admin.getByLabel("이메일").fill(organiser.email());
        admin.getByLabel("비밀번호", new Page.GetByLabelOptions().setExact(true)).fill(organiser.password());
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("로그인").setExact(true)).click();
        admin.waitForURL(Pattern.compile(".*/admin/rounds/" + Pattern.quote(roundId) + "$"));
    }

    /** The fan logs in bound for the seats; answers the puzzle the client then asks for. */
    private Response logInAndMeetThePuzzle(Page page, TicketTradeBrowserTest.Fan fan, String seats) {
        page.navigate(site.url("/login?next=" + URLEncoder.encode(seats, StandardCharsets.UTF_8)));
        page.getByLabel("이메일").fill(fan.email());
        page.getByLabel("비밀번호", new Page.GetByLabelOptions().setExact(true)).fill(fan.password());
        return page.waitForResponse(r -> r.url().endsWith("/v1/captcha/challenges")
                        && "POST".equals(r.request().method()),
                () -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("로그인").setExact(true))
                        .click());
    }

    /** Slides the piece by arrow keys, one picture pixel a press, to where the hole is, and confirms. */
    private static void solve(Page page, String challengeId) {
        Locator slider = page.getByRole(AriaRole.SLIDER, new Page.GetByRoleOptions().setName("조각 위치"));
        int x = answerOf(challengeId);
        slider.focus();
        page.keyboard().press("Home");
        for (int i = 0; i < x; i++) {
            page.keyboard().press("ArrowRight");
        }
        assertThat(slider).hasValue(Integer.toString(x));
        // no person solves it in under 0.4 s (CaptchaRules.fastestSolve), and the server refuses one who does: with a
        // hole near the left edge the key presses alone can be faster than that
        page.waitForTimeout(600);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("확인")).click();
    }

    private static boolean placeStored(Page page, String roundId) {
        return (Boolean) page.evaluate("id => sessionStorage.getItem('madang.room.place.' + id) !== null", roundId);
    }

    /** The puzzle's answer, peeked from the store (the pieceX the server drew the hole at). */
    private static int answerOf(String challengeId) {
        return Integer.parseInt(LocalAwsResource.aws().dynamo().getItem(r -> r
                        .tableName(LocalAwsResource.aws().tableName("AccountsTable"))
                        .key(Map.of("pk", AttributeValue.fromS("CAPTCHA#" + challengeId),
                                "sk", AttributeValue.fromS("CHALLENGE")))
                        .consistentRead(true))
                .item().get("pieceX").n());
    }
}
