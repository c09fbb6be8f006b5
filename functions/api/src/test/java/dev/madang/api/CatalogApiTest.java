package dev.madang.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
class CatalogApiTest {

    static final OffsetDateTime NEXT_MONTH = OffsetDateTime.now(ZoneOffset.ofHours(9)).plusDays(30)
            .truncatedTo(ChronoUnit.HOURS);

    static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON);
    }

    static String createVenue(Map<String, Object> layout) {
        return admin().body(Map.of("name", "블루스퀘어 신한카드홀", "address", "서울 용산구 이태원로 294", "layout", layout))
                .post("/v1/admin/venues").then().statusCode(201).extract().path("id");
    }

    static String createPerformance(String title, String genre) {
        return admin().body(Map.of("title", title, "genre", genre, "tags", List.of("뮤지컬", "대극장"),
                        "runtimeMinutes", 170, "ageLimit", 8, "description", "빅토르 위고 원작",
                        "posterUrl", "https://img.madang.dev/posters/1.jpg"))
                .post("/v1/admin/performances").then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> roundBody(String venueId, OffsetDateTime startsAt, int sections) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("venueId", venueId);
        body.put("startsAt", startsAt.toString());
        body.put("saleOpensAt", startsAt.minusDays(20).toString());
        body.put("grades", List.of(Map.of("grade", "VIP", "price", 170000), Map.of("grade", "R", "price", 140000)));
        body.put("sections", Layouts.plans(sections, "SEAT_SELECTION", "VIP"));
        return body;
    }

    static String scheduleRound(String performanceId, String venueId, OffsetDateTime startsAt, int sections) {
        return admin().body(roundBody(venueId, startsAt, sections))
                .post("/v1/admin/performances/" + performanceId + "/rounds").then().statusCode(201).extract().path("id");
    }

    static int catalogItems() {
        return LocalAwsResource.aws.dynamo().scan(ScanRequest.builder()
                .tableName(LocalAwsResource.aws.tableName("CatalogTable")).select("COUNT").build()).count();
    }

    static ValidatableResponse problem(ValidatableResponse r, int status) {
        return r.statusCode(status).contentType("application/problem+json").body("status", equalTo(status))
                .body("type", notNullValue()).body("title", notNullValue());
    }

    @Test
    void an_admin_builds_a_catalog_that_fans_browse() {
        String venue = createVenue(Layouts.grid(2, 3, 4));
        String perf = createPerformance("레미제라블", "MUSICAL");
        String round = scheduleRound(perf, venue, NEXT_MONTH, 2);

        given().get("/v1/performances/" + perf).then().statusCode(200)
                .body("title", equalTo("레미제라블")).body("rounds", hasSize(1))
                .body("rounds[0].id", equalTo(round)).body("saleStatus", equalTo("COMING_SOON"));
        given().get("/v1/rounds/" + round).then().statusCode(200)
                .body("performanceId", equalTo(perf)).body("onSale", equalTo(false))
                .body("startsAt", containsString("+09:00")).body("sections.A.mode", equalTo("SEAT_SELECTION"))
                .body("serverTime", notNullValue());
        given().get("/v1/performances?q=레미제").then().statusCode(200)
                .body("items.id", hasItem(perf));
        given().get("/v1/performances?q=레미제&genre=CONCERT").then().statusCode(200)
                .body("items.id", not(hasItem(perf)));
        given().get("/v1/performances?genre=MUSICAL&status=COMING_SOON").then().statusCode(200)
                .body("items.id", hasItem(perf));
        given().get("/v1/performances?status=ON_SALE").then().statusCode(200)
                .body("items.id", not(hasItem(perf)));
        given().get("/v1/performances?to=" + NEXT_MONTH.minusDays(2).toLocalDate()).then().statusCode(200)
                .body("items.id", not(hasItem(perf)));
        given().get("/v1/performances?from=" + NEXT_MONTH.toLocalDate() + "&to=" + NEXT_MONTH.toLocalDate())
                .then().statusCode(200).body("items.id", hasItem(perf));

        given().get("/v1/rounds/" + round + "/seats").then().statusCode(200)
                .body("seatCount", equalTo(24)).body("sections", hasSize(2))
                .body("sections[0].seats", hasSize(12)).body("sections[0].price", equalTo(170000))
                .body("sections[0].seats.status", everyItem(equalTo("AVAILABLE")))
                .body("sections[1].seats[0].id", equalTo("B-1-1"));
        given().get("/v1/rounds/" + round + "/availability").then().statusCode(200)
                .body("grades.find { it.grade == 'VIP' }.total", equalTo(24))
                .body("grades.find { it.grade == 'VIP' }.remaining", equalTo(24))
                .body("sections.sectionId", contains("A", "B"));
    }

    @Test
    void a_performance_names_its_cast_and_a_cast_that_repeats_a_name_is_refused() {
        String id = admin().body(Map.of("title", "지킬 앤 하이드", "genre", "MUSICAL", "tags", List.of("대극장"),
                        "cast", List.of("홍광호", "김소현"), "runtimeMinutes", 170, "ageLimit", 8))
                .post("/v1/admin/performances").then().statusCode(201).body("cast", contains("홍광호", "김소현"))
                .extract().path("id");
        given().get("/v1/performances/" + id).then().statusCode(200).body("cast", contains("홍광호", "김소현"));

        problem(admin().body(Map.of("title", "같은 배우 둘", "genre", "MUSICAL", "cast", List.of("홍광호", "홍광호"),
                "runtimeMinutes", 100)).post("/v1/admin/performances").then(), 400)
                .body("errors.field", hasItem("cast"));
    }

    @Test
    void section_modes_change_what_is_for_sale() {
        String venue = createVenue(Layouts.grid(3, 2, 5));
        String perf = createPerformance("세종 솔로이스츠 신년음악회", "CLASSICAL");
        String round = scheduleRound(perf, venue, NEXT_MONTH, 3);
        admin().body(Map.of("sections", Map.of(
                        "A", Map.of("mode", "SEAT_SELECTION", "grade", "VIP"),
                        "B", Map.of("mode", "LOTTERY", "grade", "R"),
                        "C", Map.of("mode", "CLOSED", "grade", "R"))))
                .put("/v1/admin/rounds/" + round + "/sections").then().statusCode(200)
                .body("sections.B.mode", equalTo("LOTTERY"));
        // the viewers' cache is a second old at most
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() ->
                given().get("/v1/rounds/" + round + "/availability").then().statusCode(200)
                        .body("grades.find { it.grade == 'VIP' }.total", equalTo(10))
                        .body("grades.find { it.grade == 'R' }.remaining", equalTo(10))
                        .body("sections.find { it.sectionId == 'C' }.remaining", equalTo(0)));
        given().get("/v1/rounds/" + round + "/seats").then().statusCode(200)
                .body("sections.find { it.id == 'C' }.seats.status", everyItem(equalTo("NOT_FOR_SALE")));
        problem(admin().body(Map.of("sections", Map.of("A", Map.of("mode", "SEAT_SELECTION", "grade", "S"))))
                .put("/v1/admin/rounds/" + round + "/sections").then(), 422);
    }

    @Test
    void a_round_has_a_default_mode_that_sections_override() {
        String venue = createVenue(Layouts.grid(3, 1, 4));
        String perf = createPerformance("모드 기본값", "CONCERT");
        Map<String, Object> body = new LinkedHashMap<>(roundBody(venue, NEXT_MONTH, 3));
        body.put("defaultMode", "BEST_AVAILABLE");
        body.put("sections", Map.of("A", Map.of("grade", "VIP"), "B", Map.of("grade", "R"),
                "C", Map.of("mode", "LOTTERY", "grade", "R")));
        String round = admin().body(body).post("/v1/admin/performances/" + perf + "/rounds").then().statusCode(201)
                .body("sections.A.mode", equalTo("BEST_AVAILABLE")).body("sections.B.mode", equalTo("BEST_AVAILABLE"))
                .body("sections.C.mode", equalTo("LOTTERY")).extract().path("id");
        admin().body(Map.of("defaultMode", "SEAT_SELECTION", "sections", Map.of("A", Map.of("grade", "VIP"),
                        "B", Map.of("grade", "R"), "C", Map.of("mode", "CLOSED", "grade", "R"))))
                .put("/v1/admin/rounds/" + round + "/sections").then().statusCode(200)
                .body("sections.A.mode", equalTo("SEAT_SELECTION")).body("sections.C.mode", equalTo("CLOSED"));
        given().get("/v1/rounds/" + round).then().statusCode(200).body("sections.C.mode", equalTo("CLOSED"));
    }

    @Test
    void a_sections_mode_is_fixed_once_the_sale_opens_and_nothing_is_written() {
        String round = HoldsApiTest.roundOnSale(true); // A by seat selection, B by lottery, on sale since an hour
        int before = catalogItems();
        problem(admin().body(Map.of("sections", Map.of("A", Map.of("mode", "BEST_AVAILABLE", "grade", "VIP"),
                        "B", Map.of("mode", "LOTTERY", "grade", "R"))))
                .put("/v1/admin/rounds/" + round + "/sections").then(), 422)
                .body("type", org.hamcrest.Matchers.endsWith("mode-locked"))
                .body("errors[0].field", equalTo("sections.A.mode"));
        given().get("/v1/rounds/" + round).then().statusCode(200).body("sections.A.mode", equalTo("SEAT_SELECTION"));
        assertThat(catalogItems()).isEqualTo(before);
        // the same modes with another grade: grades are not locked by the sale
        admin().body(Map.of("sections", Map.of("A", Map.of("mode", "SEAT_SELECTION", "grade", "R"),
                        "B", Map.of("mode", "LOTTERY", "grade", "R"))))
                .put("/v1/admin/rounds/" + round + "/sections").then().statusCode(200)
                .body("sections.A.grade", equalTo("R"));
    }

    @Test
    void a_ten_thousand_seat_round_maps_every_seat() {
        String venue = createVenue(Layouts.grid(4, 50, 50));
        String perf = createPerformance("아이유 콘서트 HER", "CONCERT");
        String round = scheduleRound(perf, venue, NEXT_MONTH.plusDays(3), 4);
        given().get("/v1/rounds/" + round + "/seats").then().statusCode(200)
                .body("seatCount", equalTo(10_000)).body("sections[3].seats", hasSize(2_500));
        admin().get("/v1/admin/venues/" + venue).then().statusCode(200)
                .body("seatCount", equalTo(10_000)).body("layout.sections[2].rows", hasSize(50));
    }

    @Test
    void bad_layouts_are_refused_and_write_nothing() {
        Map<String, Object> layout = Layouts.grid(1, 1, 2);
        @SuppressWarnings("unchecked")
        Map<String, Object> section = (Map<String, Object>) ((List<Object>) layout.get("sections")).get(0);
        Map<String, Object> dupSection = new LinkedHashMap<>(section);
        Map<String, Object> withDup = Map.of("sections", List.of(section, dupSection));
        int before = catalogItems();
        problem(admin().body(Map.of("name", "Hall", "layout", withDup)).post("/v1/admin/venues").then(), 422);
        admin().body(Map.of("name", "Hall", "layout", withDup)).post("/v1/admin/venues").then()
                .body("errors.reason", hasItem(containsString("duplicate")));
        problem(admin().body(Map.of("name", "Hall")).post("/v1/admin/venues").then(), 400);
        problem(admin().body(Map.of("name", "Hall", "layout", Map.of("sections", List.of(Map.of("id", "A",
                "name", "A", "rows", List.of(Map.of("label", "1", "seats", List.of(Map.of("number", 1))))))))).post("/v1/admin/venues").then(), 400);
        problem(admin().body("{\"name\": \"Hall\", \"layout\": ").post("/v1/admin/venues").then(), 400);
        problem(admin().body(Map.of("name", "Hall", "layout", Map.of("sections", List.of()))).post("/v1/admin/venues").then(), 400);
        assertThat(catalogItems()).isEqualTo(before);
    }

    @Test
    void a_layout_imported_from_csv_becomes_a_new_version_and_old_rounds_keep_theirs() {
        String venue = createVenue(Layouts.grid(1, 1, 3));
        String perf = createPerformance("햄릿", "THEATRE");
        String oldRound = scheduleRound(perf, venue, NEXT_MONTH.plusDays(1), 1);
        String csv = "section,sectionName,row,number,x,y\nA,1층,1,1,0,0\nA,1층,1,2,10,0\nB,2층,1,1,0,100\n";
        given().auth().oauth2(TestTokens.admin()).contentType("text/csv").body(csv)
                .put("/v1/admin/venues/" + venue + "/layout").then().statusCode(200)
                .body("layoutVersion", equalTo(2)).body("seatCount", equalTo(3));
        problem(given().auth().oauth2(TestTokens.admin()).contentType("text/csv")
                .body("section,sectionName,row,number,x,y\nA,1층,1,1,0,0\nA,1층,1,1,5,5\n")
                .put("/v1/admin/venues/" + venue + "/layout").then(), 422);
        problem(given().auth().oauth2(TestTokens.admin()).contentType("text/csv").body("a;b;c\n1;2;3")
                .put("/v1/admin/venues/" + venue + "/layout").then(), 400);
        given().get("/v1/rounds/" + oldRound + "/seats").then().statusCode(200).body("seatCount", equalTo(3))
                .body("sections", hasSize(1));
        Map<String, Object> body = roundBody(venue, NEXT_MONTH.plusDays(2), 2);
        String newRound = admin().body(body).post("/v1/admin/performances/" + perf + "/rounds").then()
                .statusCode(201).extract().path("id");
        given().get("/v1/rounds/" + newRound + "/seats").then().statusCode(200).body("sections", hasSize(2));
    }

    @Test
    void a_venue_is_created_from_the_csv_an_organiser_exports_and_a_bad_one_writes_nothing() {
        String csv = "section,sectionName,row,number,x,y\nA,1층 A구역,1,1,0,0\nA,1층 A구역,1,2,10,0\nB,2층,1,1,0,100\n";
        String venue = admin().body(Map.of("name", "마당 소극장", "address", "서울 종로구 대학로 1", "layoutCsv", csv))
                .post("/v1/admin/venues").then().statusCode(201).body("seatCount", equalTo(3))
                .body("layoutVersion", equalTo(1)).extract().path("id");
        admin().get("/v1/admin/venues/" + venue).then().statusCode(200)
                .body("layout.sections.id", contains("A", "B")).body("layout.sections[0].name", equalTo("1층 A구역"));
        int before = catalogItems();
        problem(admin().body(Map.of("name", "둘 다", "layoutCsv", csv, "layout", Layouts.grid(1, 1, 1)))
                .post("/v1/admin/venues").then(), 400);
        problem(admin().body(Map.of("name", "같은 좌석 둘", "layoutCsv",
                "section,sectionName,row,number,x,y\nA,1층,1,1,0,0\nA,1층,1,1,5,5\n")).post("/v1/admin/venues").then(), 422);
        problem(admin().body(Map.of("name", "머리줄 없음", "layoutCsv", "A,1층,1,1,0,0\n")).post("/v1/admin/venues")
                .then(), 400);
        assertThat(catalogItems()).as("nothing written for a refused venue").isEqualTo(before);
    }

    @Test
    void scheduling_rules_answer_with_the_right_problem() {
        String venue = createVenue(Layouts.grid(2, 1, 2));
        String perf = createPerformance("지킬 앤 하이드", "MUSICAL");
        int before = catalogItems();
        Map<String, Object> past = roundBody(venue, OffsetDateTime.now().minusDays(1), 2);
        problem(admin().body(past).post("/v1/admin/performances/" + perf + "/rounds").then(), 422);
        admin().body(past).post("/v1/admin/performances/" + perf + "/rounds").then()
                .body("errors.field", hasItem("startsAt"));
        Map<String, Object> missingSection = roundBody(venue, NEXT_MONTH, 1);
        problem(admin().body(missingSection).post("/v1/admin/performances/" + perf + "/rounds").then(), 422);
        problem(admin().body(roundBody(venue, NEXT_MONTH, 2)).post("/v1/admin/performances/01HZZZZZZZZZZZZZZZZZZZZZZZ/rounds").then(), 404);
        problem(admin().body(roundBody(venue, NEXT_MONTH, 2)).post("/v1/admin/performances/42/rounds").then(), 400);
        problem(admin().body(roundBody("01HZZZZZZZZZZZZZZZZZZZZZZZ", NEXT_MONTH, 2))
                .post("/v1/admin/performances/" + perf + "/rounds").then(), 422);
        Map<String, Object> wrongType = roundBody(venue, NEXT_MONTH, 2);
        wrongType.put("startsAt", "next tuesday");
        problem(admin().body(wrongType).post("/v1/admin/performances/" + perf + "/rounds").then(), 400);
        admin().body(wrongType).post("/v1/admin/performances/" + perf + "/rounds").then()
                .body("errors.field", hasItem("startsAt"));
        Map<String, Object> badMode = roundBody(venue, NEXT_MONTH, 2);
        badMode.put("sections", Map.of("A", Map.of("mode", "RAFFLE", "grade", "VIP")));
        problem(admin().body(badMode).post("/v1/admin/performances/" + perf + "/rounds").then(), 400);
        assertThat(catalogItems()).isEqualTo(before);
    }

    @Test
    void performances_are_validated_and_editable() {
        problem(admin().body(Map.of("title", "", "genre", "MUSICAL", "runtimeMinutes", 100)).post("/v1/admin/performances").then(), 400);
        problem(admin().body(Map.of("title", "x", "genre", "POLKA", "runtimeMinutes", 100)).post("/v1/admin/performances").then(), 400);
        problem(admin().body(Map.of("title", "x", "genre", "MUSICAL", "runtimeMinutes", 100, "posterUrl", "javascript:alert(1)"))
                .post("/v1/admin/performances").then(), 400);
        String perf = createPerformance("오페라의 유령", "MUSICAL");
        String venue = createVenue(Layouts.grid(1, 1, 1));
        scheduleRound(perf, venue, NEXT_MONTH, 1);
        admin().body(Map.of("title", "오페라의 유령 (월드투어)", "genre", "MUSICAL", "runtimeMinutes", 150, "ageLimit", 8))
                .put("/v1/admin/performances/" + perf).then().statusCode(200).body("title", equalTo("오페라의 유령 (월드투어)"));
        given().get("/v1/performances?q=월드투어").then().statusCode(200).body("items.id", hasItem(perf));
        given().get("/v1/performances?q=유령").then().statusCode(200).body("items.id", hasItem(perf));
        problem(admin().body(Map.of("title", "x", "genre", "MUSICAL", "runtimeMinutes", 100))
                .put("/v1/admin/performances/01HZZZZZZZZZZZZZZZZZZZZZZZ").then(), 404);
    }

    @Test
    void the_list_pages_with_an_opaque_cursor() {
        String venue = createVenue(Layouts.grid(1, 1, 1));
        for (int i = 0; i < 5; i++) {
            String perf = createPerformance("페이징 테스트 " + i, "DANCE");
            scheduleRound(perf, venue, NEXT_MONTH.plusDays(40 + i), 1);
        }
        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification req = given().queryParam("genre", "DANCE").queryParam("limit", 2);
            if (cursor != null) {
                req.queryParam("cursor", cursor);
            }
            var page = req.get("/v1/performances").then().statusCode(200).extract();
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        problem(given().queryParam("cursor", "not-a-cursor!").get("/v1/performances").then(), 400);
        problem(given().queryParam("limit", 1000).get("/v1/performances").then(), 400);
        problem(given().queryParam("from", "yesterday").get("/v1/performances").then(), 400);
        given().queryParam("genre", "DANCE").queryParam("limit", 100).get("/v1/performances").then()
                .body("nextCursor", nullValue());
    }

    @Test
    void admin_routes_demand_a_valid_admin_token() {
        Map<String, Object> body = Map.of("title", "x", "genre", "MUSICAL", "runtimeMinutes", 100);
        problem(given().contentType(ContentType.JSON).body(body).post("/v1/admin/performances").then(), 401);
        problem(given().auth().oauth2(TestTokens.fan()).contentType(ContentType.JSON).body(body)
                .post("/v1/admin/performances").then(), 403);
        problem(given().auth().oauth2(TestTokens.expiredAdmin()).contentType(ContentType.JSON).body(body)
                .post("/v1/admin/performances").then(), 401);
        problem(given().auth().oauth2(TestTokens.adminSignedByStranger()).contentType(ContentType.JSON).body(body)
                .post("/v1/admin/performances").then(), 401);
        problem(given().auth().oauth2(TestTokens.adminForOtherAudience()).contentType(ContentType.JSON).body(body)
                .post("/v1/admin/performances").then(), 401);
        problem(given().auth().oauth2("not.a.jwt").get("/v1/admin/venues/01HZZZZZZZZZZZZZZZZZZZZZZZ").then(), 401);
    }

    @Test
    void unknown_things_are_problems_not_crashes() {
        problem(given().get("/v1/rounds/01HZZZZZZZZZZZZZZZZZZZZZZZ").then(), 404);
        problem(given().get("/v1/rounds/01HZZZZZZZZZZZZZZZZZZZZZZZ/seats").then(), 404);
        problem(given().get("/v1/rounds/not-an-id/availability").then(), 400);
        problem(given().get("/v1/performances/01HZZZZZZZZZZZZZZZZZZZZZZZ").then(), 404);
        problem(given().get("/v1/no-such-route").then(), 404);
        given().get("/v1/time").then().statusCode(200).body("now", containsString("+09:00"))
                .body("epochMillis", notNullValue());
    }

    @Test
    void the_openapi_document_describes_every_route() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/v1/rounds/{roundId}/seats'.get.summary", notNullValue())
                .body("paths.'/v1/admin/venues'.post.security", notNullValue())
                .body("paths.'/v1/admin/venues'.post.responses.'403'", notNullValue());
    }
}
