package dev.madang.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.lottery.DrawResult;
import dev.madang.domain.lottery.DrawingLottery;
import dev.madang.domain.lottery.LotteryEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayDrawTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    static Run replayDraw(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ReplayDraw.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static final byte[] SEED = HexFormat.of().parseHex(
            "8f3a1c5e9b7d2f4061a8c3e5b7d9f1032547698badcfe0123456789abcdef012");

    static List<LotteryEntry> entries() {
        List<LotteryEntry> entries = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            entries.add(new LotteryEntry("entry-" + i, i % 4 == 0 ? "B" : "A", 1 + i % 3));
        }
        return entries;
    }

    static List<Seat> freeSeats() {
        List<Seat> seats = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            seats.add(new Seat(Seat.idOf("A", "1", n), "A", "1", n, n, 1));
            seats.add(new Seat(Seat.idOf("A", "2", n), "A", "2", n, n, 2));
        }
        seats.add(new Seat("B-1-1", "B", "1", 1, 1, 5));
        seats.add(new Seat("B-1-3", "B", "1", 3, 3, 5));
        return seats;
    }

    /** The values a real draw would publish: the commitment and digest before, the seed and winners after. */
    static ObjectNode published() {
        DrawResult result = DrawingLottery.draw(entries(), freeSeats(), SEED);
        ObjectNode file = JSON.createObjectNode();
        file.put("seed", HexFormat.of().formatHex(SEED));
        file.put("commitment", result.commitment());
        file.put("entriesDigest", result.entriesDigest());
        ArrayNode entries = file.putArray("entries");
        for (LotteryEntry e : entries()) {
            entries.addObject().put("entryId", e.entryId()).put("sectionId", e.sectionId())
                    .put("partySize", e.partySize());
        }
        ObjectNode free = file.putObject("freeSeats");
        for (Seat seat : freeSeats()) {
            (free.has(seat.sectionId()) ? (ArrayNode) free.get(seat.sectionId()) : free.putArray(seat.sectionId()))
                    .add(seat.id());
        }
        ObjectNode winners = file.putObject("winners");
        result.winners().forEach((id, seats) -> seats.forEach(winners.withArray(id)::add));
        return file;
    }

    Path write(ObjectNode file) throws IOException {
        Path path = dir.resolve("draw.json");
        Files.writeString(path, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(file));
        return path;
    }

    @Test
    void an_untouched_published_draw_is_reproduced() throws IOException {
        ObjectNode file = published();
        assertThat(file.get("winners").size()).as("the example should have winners and losers").isBetween(1, 11);

        Run run = replayDraw(write(file).toString());

        assertThat(run.out()).contains("commitment_matches=true", "entries_digest_matches=true", "reproduced=true");
        assertThat(run.status()).isZero();
    }

    @Test
    void a_changed_seed_matches_neither_the_commitment_nor_the_winners() throws IOException {
        ObjectNode file = published();
        byte[] other = SEED.clone();
        other[0] ^= 1;
        file.put("seed", HexFormat.of().formatHex(other));

        Run run = replayDraw(write(file).toString());

        assertThat(run.out()).contains("commitment_matches=false", "reproduced=false");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void a_changed_entry_list_is_not_reproduced() throws IOException {
        ObjectNode file = published();
        ((ArrayNode) file.get("entries")).remove(5);

        Run run = replayDraw(write(file).toString());

        assertThat(run.out()).contains("commitment_matches=true", "entries_digest_matches=false", "reproduced=false");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void changed_winners_are_not_reproduced() throws IOException {
        ObjectNode file = published();
        ((ObjectNode) file.get("winners")).putArray("entry-that-never-won").add("A-9-9");

        Run run = replayDraw(write(file).toString());

        assertThat(run.out()).contains("commitment_matches=true", "reproduced=false");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void a_missing_file_or_argument_is_a_usage_error() {
        assertThat(replayDraw().status()).isEqualTo(2);
        Run missing = replayDraw(dir.resolve("nope.json").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot replay");
    }
}
