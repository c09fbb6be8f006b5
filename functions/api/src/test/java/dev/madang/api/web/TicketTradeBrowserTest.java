package dev.madang.api.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.madang.api.LocalAwsResource;
import dev.madang.localstack.TossSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Exchange and transfer (양도·교환) through the web client, in headless Chromium against the real API on the local
 * stack: two fans swap seats of the same price (one lists from My tickets, the other lists too, finds the first's seat
 * on the round's board and asks; the first accepts) and each then holds the other's seat on a new ticket; and a fan
 * with no ticket buys a listed transfer by card through the Toss sandbox's window. An organiser reads a traded seat's
 * chain of holders and sets a performance's transfer fee. The fans sign up and buy their first seats through the API
 * (FanJourneyBrowserTest does those screens); every trade screen is screenshotted and checked with axe-core.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class TicketTradeBrowserTest extends InTheBrowser {

    @Test
    void two_fans_swap_seats_of_the_same_price_through_the_board_and_each_holds_the_others_seat_on_a_new_ticket() {
        String roundId = Stage.arenaRoundOnSale("마당 교환 콘서트 " + Stage.hangul(3));
        Stage.refreshSeatMaps(); // the listing form reads the round's sections and rows from its seat map
        Fan a = Fan.signUp("김교환");
        Fan b = Fan.signUp("이교환");
        String ticketA = a.buy(roundId, "F1-1-10");
        String ticketB = b.buy(roundId, "F2-5-20");

        Page pageA = browser.phone();
        browser.recording(pageA, "trade-exchange-a-lists", () -> {
            logIn(pageA, a, "/me/tickets");
            browser.checkScreen(pageA, "trade-tickets");
            pageA.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^양도·교환 등록")))
                    .click();
            pageA.waitForURL(Pattern.compile(".*/tickets/" + Pattern.quote(ticketA) + "/listing$"));
            assertThat(pageA.getByLabel("교환", new Page.GetByLabelOptions().setExact(true))).isChecked();
            wantRow(pageA, "F2", "5");
            browser.checkScreen(pageA, "trade-list-form");
            pageA.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("등록하기")).click();
            assertThat(pageA.getByText("교환으로 등록했습니다.")).isVisible();
            // nobody had listed what A wants yet
            assertThat(pageA.getByText(Pattern.compile("아직 원하는 좌석이 등록되지 않았습니다"))).isVisible();
            browser.checkScreen(pageA, "trade-listed");
        });

        Page pageB = browser.phone();
        browser.recording(pageB, "trade-exchange-b-asks", () -> {
            logIn(pageB, b, "/tickets/" + ticketB + "/listing");
            wantRow(pageB, "F1", "1");
            pageB.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("등록하기")).click();
            assertThat(pageB.getByText("교환으로 등록했습니다.")).isVisible();
            // A's seat is what B wants, and A wants B's: recommended first, exactly, as a mutual match
            Locator recommended = pageB.getByRole(AriaRole.LISTITEM)
                    .filter(new Locator.FilterOptions().setHasText("F1구역 1열 10번"));
            assertThat(recommended.getByText("서로 원하는 좌석")).isVisible();

            // the board: B holds a ticket and has an exchange listing, so B sees exchanges and exact seats
            pageB.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("이 회차 양도·교환 게시판")).click();
            pageB.waitForURL(Pattern.compile(".*/rounds/" + Pattern.quote(roundId) + "/listings$"));
            assertThat(pageB.getByText(Pattern.compile("교환·양도 좌석이 좌석 번호까지 보입니다"))).isVisible();
            Locator card = pageB.getByRole(AriaRole.LISTITEM)
                    .filter(new Locator.FilterOptions().setHasText("F1구역 1열 10번"));
            assertThat(card.getByText("서로 원하는 좌석")).isVisible();
            // a search by what B wants finds the same seat
            pageB.getByLabel("구역", new Page.GetByLabelOptions().setExact(true)).selectOption("F1");
            pageB.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("찾기")).click();
            assertThat(card).hasCount(1);
            browser.checkScreen(pageB, "trade-board-exchange");
            card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^교환 요청")))
                    .click();
            assertThat(pageB.getByText(Pattern.compile("^요청했습니다"))).isVisible();
        });

        browser.recording(pageA, "trade-exchange-a-accepts", () -> {
            pageA.navigate(site.url("/me/listings"));
            Locator request = requestOn(pageA, "상대가 내놓은 좌석: F2구역 5열 20번");
            assertThat(request).isVisible();
            browser.checkScreen(pageA, "trade-my-listings");
            request.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^수락")))
                    .click();
            assertThat(pageA.getByText(Pattern.compile("^교환했습니다"))).isVisible();
            assertThat(pageA.getByText("거래 완료").first()).isVisible();

            // A now holds B's old seat on a new ticket; A's old ticket is void
            pageA.navigate(site.url("/me/tickets"));
            Locator issued = pageA.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHasText("사용 가능"));
            assertThat(issued).hasCount(1);
            assertThat(issued).containsText("F2구역 5열 20번");
            assertThat(pageA.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHasText("재발급됨")))
                    .containsText("F1구역 1열 10번");
            browser.checkScreen(pageA, "trade-tickets-exchanged");
            issued.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("^QR 보기"))).click();
            Locator qr = pageA.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName(Pattern.compile("F2")));
            assertThat(qr).isVisible();
        });
        String newTicketA = a.ticketAt("F2-5-20", "ISSUED");
        assertThat(newTicketA).as("a new ticket, not B's").isNotEqualTo(ticketB);
        assertThat(a.statusOf(ticketA)).isEqualTo("REISSUED");

        browser.recording(pageB, "trade-exchange-b-sees", () -> {
            pageB.navigate(site.url("/me/trade-requests"));
            assertThat(pageB.getByText("거래 완료").first()).isVisible();
            browser.checkScreen(pageB, "trade-my-requests");
            pageB.navigate(site.url("/me/tickets"));
            Locator issued = pageB.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHasText("사용 가능"));
            assertThat(issued).hasCount(1);
            assertThat(issued).containsText("F1구역 1열 10번");
        });
        String newTicketB = b.ticketAt("F1-1-10", "ISSUED");
        assertThat(newTicketB).as("a new ticket, not A's").isNotEqualTo(ticketA);
        assertThat(b.statusOf(ticketB)).isEqualTo("REISSUED");

        // the organiser reads the seat's chain back from A's new ticket: A by exchange now, B by booking before
        Stage.Credentials organiser = Stage.newOrganiser();
        Page admin = browser.phone();
        browser.recording(admin, "trade-ticket-holders", () -> {
            admin.navigate(site.url("/login?next=%2Fadmin%2Ftickets"));
            admin.getByLabel("이메일").fill(organiser.email());
            admin.getByLabel("비밀번호", new Page.GetByLabelOptions().setExact(true)).fill(organiser.password());
            admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("로그인").setExact(true)).click();
            admin.waitForURL(Pattern.compile(".*/admin/tickets$"));
            admin.getByLabel("티켓 번호").fill(newTicketA);
            admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("조회")).click();
            Locator rows = admin.getByRole(AriaRole.TABLE).locator("tbody tr");
            assertThat(rows).hasCount(2);
            assertThat(rows.nth(0)).containsText("교환");
            assertThat(rows.nth(0)).containsText("현재 보유");
            assertThat(rows.nth(1)).containsText("예매");
            assertThat(rows.nth(1)).containsText(ticketB);
            browser.checkScreen(admin, "trade-ticket-holders");
        });
    }

    @Test
    void a_fan_without_a_ticket_finds_a_transfer_by_section_and_row_asks_and_pays_by_card_once_accepted() {
        String roundId = Stage.arenaRoundOnSale("마당 양도 콘서트 " + Stage.hangul(3));
        Stage.refreshSeatMaps();
        Fan seller = Fan.signUp("박양도");
        Fan buyer = Fan.signUp("최구매");
        String sold = seller.buy(roundId, "F3-2-7");

        Page sellerPage = browser.phone();
        browser.recording(sellerPage, "trade-transfer-lists", () -> {
            logIn(sellerPage, seller, "/tickets/" + sold + "/listing");
            sellerPage.getByLabel("양도", new Page.GetByLabelOptions().setExact(true)).check();
            sellerPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("등록하기")).click();
            assertThat(sellerPage.getByText("양도로 등록했습니다.")).isVisible();
        });

        Page buyerPage = browser.phone();
        browser.recording(buyerPage, "trade-transfer-asks", () -> {
            logIn(buyerPage, buyer, "/rounds/" + roundId + "/listings");
            assertThat(buyerPage.getByText(Pattern.compile("이 회차 티켓이 없어 양도 좌석만"))).isVisible();
            // without a ticket of the round, a transfer shows its section and row, never the seat number
            Locator card = buyerPage.getByRole(AriaRole.LISTITEM)
                    .filter(new Locator.FilterOptions().setHasText("F3구역 2열"));
            assertThat(card).hasCount(1);
            assertThat(card).not().containsText("7번");
            browser.checkScreen(buyerPage, "trade-board-transfer");
            card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^양도 요청")))
                    .click();
            assertThat(buyerPage.getByText(Pattern.compile("^요청했습니다"))).isVisible();
        });

        browser.recording(sellerPage, "trade-transfer-accepts", () -> {
            sellerPage.navigate(site.url("/me/listings"));
            Locator request = requestOn(sellerPage, "정가에 사겠다는 요청");
            request.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^수락")))
                    .click();
            assertThat(sellerPage.getByText(Pattern.compile("^수락했습니다"))).isVisible();
            sellerPage.navigate(site.url("/me/tickets"));
            assertThat(sellerPage.getByText("양도 결제 대기")).isVisible();
        });

        browser.recording(buyerPage, "trade-transfer-pays", () -> {
            buyerPage.navigate(site.url("/me/trade-requests"));
            assertThat(buyerPage.getByText(Pattern.compile("까지 결제해야 양도받을 수 있습니다"))).isVisible();
            buyerPage.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("결제하기")).click();
            buyerPage.waitForURL(Pattern.compile(".*/listings/[^/]+/requests/[^/]+/pay$"));
            Locator pay = buyerPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("결제하기"));
            assertThat(pay).isVisible();
            assertThat(buyerPage.getByText(Pattern.compile("220,000원")).first()).isVisible();
            browser.checkScreen(buyerPage, "trade-transfer-checkout");
            buyerPage.getByLabel("카드").check();
            pay.click();
            buyerPage.waitForURL(Pattern.compile(".*/checkout/success.*"));
            assertThat(buyerPage.getByText("예매 완료").first()).isVisible();

            buyerPage.navigate(site.url("/me/tickets"));
            Locator issued = buyerPage.getByRole(AriaRole.LISTITEM)
                    .filter(new Locator.FilterOptions().setHasText("사용 가능"));
            assertThat(issued).hasCount(1);
            assertThat(issued).containsText("F3구역 2열 7번");
        });
        // the seller's side of a paid transfer may finish just after the buyer's order shows PAID
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> "TRANSFERRED".equals(seller.statusOf(sold)));
        assertThat(buyer.ticketAt("F3-2-7", "ISSUED")).isNotEqualTo(sold);
    }

    @Test
    void an_organiser_sets_a_performances_transfer_fee_beside_its_cancellation_policy() {
        String roundId = Stage.arenaRoundOnSale("마당 수수료 콘서트 " + Stage.hangul(3));
        String performanceId = given().get("/v1/rounds/" + roundId).then().statusCode(200).extract()
                .path("performanceId");
        Stage.Credentials organiser = Stage.newOrganiser();
        Page page = browser.phone();
        browser.recording(page, "trade-transfer-fee", () -> {
            String next = "/admin/performances/" + performanceId;
            page.navigate(site.url("/login?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8)));
            page.getByLabel("이메일").fill(organiser.email());
            page.getByLabel("비밀번호", new Page.GetByLabelOptions().setExact(true)).fill(organiser.password());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("로그인").setExact(true)).click();
            page.waitForURL(Pattern.compile(".*" + Pattern.quote(next) + "$"));
            Locator fee = page.getByLabel("양도 수수료(%)");
            assertThat(fee).hasValue("5"); // the default until the organiser sets one
            assertThat(page.getByText(Pattern.compile("기본 양도 수수료\\(5%\\)"))).isVisible();
            fee.fill("8");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("양도 수수료 저장")).click();
            assertThat(page.getByText("이 공연만의 양도 수수료입니다.")).isVisible();
            assertThat(fee).hasValue("8");
            browser.checkScreen(page, "trade-transfer-fee");
        });
        given().auth().oauth2(dev.madang.api.TestTokens.admin())
                .get("/v1/admin/performances/" + performanceId + "/transfer-policy").then().statusCode(200)
                .body("feePercent", equalTo(8)).body("standard", equalTo(false));
    }

    /** Logs in on the login screen and lands on {@code next}. */
    static void logIn(Page page, Fan fan, String next) {
        page.navigate(site.url("/login?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8)));
        page.getByLabel("이메일").fill(fan.email());
        page.getByLabel("비밀번호", new Page.GetByLabelOptions().setExact(true)).fill(fan.password());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("로그인").setExact(true)).click();
        page.waitForURL(Pattern.compile(".*" + Pattern.quote(next) + "$"));
    }

    /** A request on My listings: the inner list item, not the listing's card that holds it. */
    private static Locator requestOn(Page page, String text) {
        return page.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHasText(text)
                .setHasNot(page.getByRole(AriaRole.LISTITEM)));
    }

    /** Fills the listing form's first wanted entry with a section and a row. */
    private static void wantRow(Page page, String sectionId, String row) {
        page.getByLabel("구역", new Page.GetByLabelOptions().setExact(true)).selectOption(sectionId);
        page.getByLabel("열", new Page.GetByLabelOptions().setExact(true)).selectOption(row);
    }

    /**
     * A fan signed up through the API with a 본인인증 the PortOne sandbox vouches for (the sign-up screens are
     * FanJourneyBrowserTest's), who logs in on the login screen and buys seats through the API.
     */
    record Fan(String email, String password, String accessToken) {

        static Fan signUp(String name) {
            String verificationId = "iv-" + UUID.randomUUID();
            String di = "DI-" + UUID.randomUUID();
            LocalAwsResource.portOne().verified(verificationId, name, LocalDate.of(1996, 4, 12), "01012345678",
                    "CI-" + di, di);
            String email = "trade-" + UUID.randomUUID() + "@example.com";
            String password = "Madang-" + UUID.randomUUID();
            String token = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password,
                            "identityVerificationId", verificationId))
                    .post("/v1/auth/signup").then().statusCode(201).extract().path("accessToken");
            return new Fan(email, password, token);
        }

        RequestSpecification api() {
            return given().auth().oauth2(accessToken).contentType(ContentType.JSON);
        }

        /** One seat held, ordered and paid by card (the Toss sandbox authorises it as its window would): the ticket id. */
        String buy(String roundId, String seatId) {
            String holdId = api().header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(Map.of("roundId", roundId, "seatIds", List.of(seatId))).post("/v1/holds").then()
                    .statusCode(201).extract().path("holdId");
            JsonPath order = api().body(Map.of("holdId", holdId, "method", "CARD")).post("/v1/orders").then()
                    .statusCode(201).extract().jsonPath();
            String orderId = order.getString("orderId");
            long amount = order.getLong("amount");
            String paymentKey = LocalAwsResource.toss().authorize(orderId, amount, TossSandbox.PayMethod.CARD);
            return api().body(Map.of("paymentKey", paymentKey, "amount", amount))
                    .post("/v1/orders/" + orderId + "/payment").then().statusCode(200)
                    .body("status", equalTo("PAID")).extract().path("tickets[0].ticketId");
        }

        List<Map<String, Object>> tickets() {
            return api().get("/v1/tickets").then().statusCode(200).extract().path("items");
        }

        String statusOf(String ticketId) {
            return tickets().stream().filter(x -> ticketId.equals(x.get("ticketId"))).map(x -> (String) x.get("status"))
                    .findFirst().orElse(null);
        }

        /** The id of this fan's ticket for {@code seatId} in {@code status}; fails if there is none. */
        String ticketAt(String seatId, String status) {
            return tickets().stream().filter(x -> seatId.equals(x.get("seatId")) && status.equals(x.get("status")))
                    .map(x -> (String) x.get("ticketId")).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + status + " ticket for " + seatId + " in " + tickets()));
        }
    }
}
