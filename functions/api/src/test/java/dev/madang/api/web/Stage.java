package dev.madang.api.web;

import dev.madang.api.LocalAwsResource;
import dev.madang.api.TestTokens;
import dev.madang.aws.account.Argon2idPasswordHasher;
import dev.madang.aws.account.DynamoAccounts;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.domain.catalog.RefreshingSeatMaps;
import dev.madang.localstack.LocalAws;
import dev.madang.domain.account.CreatingAdmins;
import dev.madang.domain.common.Ids;
import io.restassured.http.ContentType;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;

/** What the browser tests find in place: an arena show on sale, organiser accounts. Made through the real API. */
public final class Stage {

    /** Floor blocks F1-F4 (30 rows × 50) and stands E, G, H, J (22 × 50): the 10,400-seat arena, as a layout body. */
    static Map<String, Object> arenaLayout() {
        List<Object> sections = new java.util.ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            sections.add(section("F" + i, "플로어 F" + i + "구역", 30, (i - 1) * 600, 0));
        }
        String[] stands = {"E", "G", "H", "J"};
        for (int i = 0; i < stands.length; i++) {
            sections.add(section(stands[i], "스탠드 " + stands[i] + "구역", 22, i * 600, 800));
        }
        return Map.of("sections", sections);
    }

    private static Map<String, Object> section(String id, String name, int rows, int x0, int y0) {
        List<Object> rowList = new java.util.ArrayList<>();
        for (int r = 1; r <= rows; r++) {
            List<Object> seats = new java.util.ArrayList<>();
            for (int n = 1; n <= 50; n++) {
                seats.add(Map.of("number", n, "x", x0 + n * 10, "y", y0 + r * 12));
            }
            rowList.add(Map.of("label", String.valueOf(r), "seats", seats));
        }
        return Map.of("id", id, "name", name, "rows", rowList);
    }

    /** A small hall an organiser types in: three sections of 5 rows × 10 seats. */
    static String smallHallCsv() {
        StringBuilder csv = new StringBuilder("section,sectionName,row,number,x,y\n");
        block(csv, "A", "1층 A구역", 5, 10, 0, 0);
        block(csv, "B", "1층 B구역", 5, 10, 120, 0);
        block(csv, "C", "2층 C구역", 5, 10, 60, 80);
        return csv.toString();
    }

    private static void block(StringBuilder csv, String id, String name, int rows, int perRow, int x0, int y0) {
        for (int r = 1; r <= rows; r++) {
            for (int n = 1; n <= perRow; n++) {
                csv.append(id).append(',').append(name).append(',').append(r).append(',').append(n).append(',')
                        .append(x0 + n * 10).append(',').append(y0 + r * 12).append('\n');
            }
        }
    }

    /**
     * An arena show titled {@code title}, its one round on sale since an hour ago and starting in 30 days (so a
     * cancellation today is free under the standard policy); floor F1-F2 VIP, stands E-G R, H S, by seat selection.
     * Answers the round id.
     */
    public static String arenaRoundOnSale(String title) {
        return arenaRoundOnSale(title, List.of());
    }

    /** {@link #arenaRoundOnSale(String)} of a concert with this cast. */
    public static String arenaRoundOnSale(String title, List<String> cast) {
        Map<String, Object> sections = new LinkedHashMap<>();
        for (String s : List.of("F1", "F2", "F3", "F4")) {
            sections.put(s, Map.of("mode", "SEAT_SELECTION", "grade", "VIP"));
        }
        sections.put("E", Map.of("mode", "SEAT_SELECTION", "grade", "R"));
        sections.put("G", Map.of("mode", "SEAT_SELECTION", "grade", "R"));
        sections.put("H", Map.of("mode", "SEAT_SELECTION", "grade", "S"));
        sections.put("J", Map.of("mode", "CLOSED", "grade", "S"));
        return roundOnSale(title, "KSPO DOME", arenaLayout(), sections, cast);
    }

    /**
     * A 50,000-seat stadium show: twenty stands S01-S20 of 50 rows × 50, all grade R by seat selection, its round on
     * sale as {@link #arenaRoundOnSale}'s. Answers the round id.
     */
    public static String stadiumRoundOnSale(String title) {
        List<Object> stands = new java.util.ArrayList<>();
        Map<String, Object> sections = new LinkedHashMap<>();
        for (int i = 1; i <= 20; i++) {
            String id = String.format("S%02d", i);
            stands.add(section(id, "스탠드 " + id + "구역", 50, (i - 1) % 5 * 600, (i - 1) / 5 * 700));
            sections.put(id, Map.of("mode", "SEAT_SELECTION", "grade", "R"));
        }
        return roundOnSale(title, "서울월드컵경기장", Map.of("sections", stands), sections, List.of());
    }

    private static String roundOnSale(String title, String venueName, Map<String, Object> layout,
                                      Map<String, Object> sections, List<String> cast) {
        String venueId = admin().body(Map.of("name", venueName + " " + UUID.randomUUID().toString().substring(0, 6),
                        "address", "서울 송파구 올림픽로 424", "layout", layout))
                .post("/v1/admin/venues").then().statusCode(201).extract().path("id");
        String performanceId = admin().body(Map.of("title", title, "genre", "CONCERT", "tags", List.of("콘서트"),
                        "cast", cast, "runtimeMinutes", 150, "ageLimit", 0, "description", "브라우저 시험 공연",
                        "posterUrl", "https://img.madang.dev/posters/arena.jpg"))
                .post("/v1/admin/performances").then().statusCode(201).extract().path("id");
        OffsetDateTime startsAt = OffsetDateTime.now(ZoneOffset.ofHours(9)).plusDays(30).truncatedTo(ChronoUnit.HOURS);
        Map<String, Object> round = new LinkedHashMap<>();
        round.put("venueId", venueId);
        round.put("startsAt", startsAt.toString());
        round.put("saleOpensAt", OffsetDateTime.now(ZoneOffset.ofHours(9)).minusHours(1).truncatedTo(ChronoUnit.MINUTES)
                .toString());
        round.put("perPersonLimit", 4);
        round.put("grades", List.of(Map.of("grade", "VIP", "price", 220_000), Map.of("grade", "R", "price", 198_000),
                Map.of("grade", "S", "price", 165_000)));
        round.put("sections", sections);
        return admin().body(round).post("/v1/admin/performances/" + performanceId + "/rounds").then().statusCode(201)
                .extract().path("id");
    }

    /** Another fan holds {@code seatId} of the round, through the API. */
    public static void holdAsAnotherFan(String roundId, String seatId) {
        given().auth().oauth2(TestTokens.fan("another-fan-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .body(Map.of("roundId", roundId, "seatIds", List.of(seatId))).post("/v1/holds").then().statusCode(201);
    }

    /** One pass of the seat-map refresher (deployed: RefreshSeatMapsFunction, every second), over every round on sale. */
    public static void refreshSeatMaps() {
        seatMapRefresher(LocalAwsResource.aws().dynamo()).refreshRoundsOnSale();
    }

    /** The refresher on the local stack's tables through {@code dynamo}: build it once to run it every second. */
    public static RefreshingSeatMaps seatMapRefresher(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo) {
        LocalAws aws = LocalAwsResource.aws();
        DynamoCatalog catalog = new DynamoCatalog(dynamo, aws.tableName("CatalogTable"), aws.tableName("SeatsTable"));
        return new RefreshingSeatMaps(catalog.performances(), catalog.rounds(), catalog.venues(),
                catalog.seatInventory(), catalog.seatMapSnapshots(), Clock.systemUTC());
    }

    /** The seat's status as the API's seat map answers it now. */
    static String seatStatus(String roundId, String seatId) {
        List<String> statuses = given().get("/v1/rounds/" + roundId + "/seats").then().statusCode(200).extract()
                .path("sections.seats.flatten().findAll { it.id == '" + seatId + "' }.status");
        return statuses.isEmpty() ? null : statuses.get(0);
    }

    /** An exhibition (genre EXHIBITION) with no slots yet: its id. */
    static String exhibition(String title) {
        return admin().body(Map.of("title", title, "genre", "EXHIBITION", "tags", List.of("팝업"),
                "runtimeMinutes", 60, "ageLimit", 0)).post("/v1/admin/performances").then().statusCode(201)
                .extract().path("id");
    }

    /** A musical with no rounds yet: its id. */
    static String musical(String title) {
        return admin().body(Map.of("title", title, "genre", "MUSICAL", "tags", List.of("뮤지컬"),
                "runtimeMinutes", 150, "ageLimit", 8)).post("/v1/admin/performances").then().statusCode(201)
                .extract().path("id");
    }

    /** An organiser who logs in with an e-mail and a password, made as the admin bootstrap command makes one. */
    static Credentials newOrganiser() {
        String email = "organiser-" + UUID.randomUUID() + "@example.com";
        String password = "Organiser-" + UUID.randomUUID();
        Clock clock = Clock.systemUTC();
        new CreatingAdmins(new DynamoAccounts(LocalAwsResource.aws().dynamo(),
                LocalAwsResource.aws().tableName("AccountsTable")).accounts(), new Argon2idPasswordHasher(),
                new Ids(clock), clock).createAdmin(email, password.toCharArray(), "브라우저 시험 기획사");
        return new Credentials(email, password);
    }

    record Credentials(String email, String password) {
    }

    /** A few random Hangul syllables: a title part no other test's show has, to search by. */
    static String hangul(int syllables) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < syllables; i++) {
            s.append((char) ThreadLocalRandom.current().nextInt(0xAC00, 0xD7A4));
        }
        return s.toString();
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON);
    }

    private Stage() {
    }
}
