package dev.madang.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.lottery.DrawResult;
import dev.madang.domain.lottery.DrawingLottery;
import dev.madang.domain.lottery.LotteryEntry;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Re-runs a published lottery draw (docs/architecture.md §4.2) from the values published for it, so that anyone,
 * not only us, can check that the winners were drawn as announced and that the seed is the one committed to
 * before the draw.
 *
 * <pre>
 * mvn -q -pl tools/operator exec:java -Dexec.mainClass=dev.madang.operator.ReplayDraw -Dexec.args="draw.json"
 * </pre>
 * The file:
 * <pre>
 * {
 *   "seed": "&lt;hex, revealed after the draw&gt;",
 *   "commitment": "&lt;hex SHA-256 of the seed, published before the draw&gt;",
 *   "entriesDigest": "&lt;hex, published at close; optional&gt;",
 *   "entries": [ { "entryId": "...", "sectionId": "A", "partySize": 2 }, ... ],
 *   "freeSeats": { "A": [ "A-1-1", "A-1-2", ... ], ... },
 *   "winners": { "&lt;entryId&gt;": [ "A-1-1", "A-1-2" ], ... }
 * }
 * </pre>
 * Seat ids are layout labels "section-row-number" ({@link Seat#idOf}); labels contain no '-', so row and number are
 * read back from the id and the file needs no layout.
 *
 * <p>Prints {@code commitment_matches=}, {@code entries_digest_matches=} (only when the file has an entries digest)
 * and {@code reproduced=} (the re-run gives exactly the published winners and seats), each {@code true} or
 * {@code false}. Exit status: 0 all true, 1 some false, 2 usage or an unreadable file.
 */
public final class ReplayDraw {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplayDraw() {
    }

    /** What a replay found. {@code entriesDigestMatches} is null when the file published no digest. */
    public record Outcome(boolean commitmentMatches, Boolean entriesDigestMatches, boolean reproduced) {

        boolean allTrue() {
            return commitmentMatches && reproduced && !Boolean.FALSE.equals(entriesDigestMatches);
        }
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Replays the file named by the one argument; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: ReplayDraw <published-draw.json>");
            return 2;
        }
        Outcome outcome;
        try {
            outcome = replay(JSON.readTree(Path.of(args[0]).toFile()));
        } catch (IOException | IllegalArgumentException e) {
            err.println("cannot replay " + args[0] + ": " + e.getMessage());
            return 2;
        }
        out.println("commitment_matches=" + outcome.commitmentMatches());
        if (outcome.entriesDigestMatches() != null) {
            out.println("entries_digest_matches=" + outcome.entriesDigestMatches());
        }
        out.println("reproduced=" + outcome.reproduced());
        return outcome.allTrue() ? 0 : 1;
    }

    /** Re-runs the draw described by a published file's JSON. */
    public static Outcome replay(JsonNode published) {
        byte[] seed = HexFormat.of().parseHex(text(published, "seed"));
        List<LotteryEntry> entries = new ArrayList<>();
        for (JsonNode e : required(published, "entries")) {
            entries.add(new LotteryEntry(text(e, "entryId"), text(e, "sectionId"), required(e, "partySize").asInt()));
        }
        List<Seat> freeSeats = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> sections = required(published, "freeSeats").fields();
        while (sections.hasNext()) {
            Map.Entry<String, JsonNode> section = sections.next();
            for (JsonNode id : section.getValue()) {
                freeSeats.add(seat(section.getKey(), id.asText()));
            }
        }

        DrawResult result = DrawingLottery.draw(entries, freeSeats, seed);

        // Hex case is a matter of presentation, not of the value committed to.
        boolean commitmentMatches = result.commitment().equalsIgnoreCase(text(published, "commitment"));
        Boolean digestMatches = published.hasNonNull("entriesDigest")
                ? result.entriesDigest().equalsIgnoreCase(published.get("entriesDigest").asText()) : null;
        // A party's seats are compared as a set: their order in the file is presentation, which seats is the draw.
        Map<String, Set<String>> publishedWinners = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> winners = required(published, "winners").fields();
        while (winners.hasNext()) {
            Map.Entry<String, JsonNode> winner = winners.next();
            Set<String> seats = new HashSet<>();
            winner.getValue().forEach(id -> seats.add(id.asText()));
            publishedWinners.put(winner.getKey(), seats);
        }
        Map<String, Set<String>> recomputed = new HashMap<>();
        result.winners().forEach((id, seats) -> recomputed.put(id, Set.copyOf(seats)));
        return new Outcome(commitmentMatches, digestMatches, recomputed.equals(publishedWinners));
    }

    private static Seat seat(String sectionId, String seatId) {
        String[] parts = seatId.split("-");
        if (parts.length != 3 || !parts[0].equals(sectionId)) {
            throw new IllegalArgumentException("seat " + seatId + " is not a seat id of section " + sectionId);
        }
        try {
            // x and y only place a seat on the drawn map; the draw never reads them.
            return new Seat(seatId, sectionId, parts[1], Integer.parseInt(parts[2]), 0, 0);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seat " + seatId + " has no seat number");
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing \"" + field + "\"");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        return required(node, field).asText();
    }
}
