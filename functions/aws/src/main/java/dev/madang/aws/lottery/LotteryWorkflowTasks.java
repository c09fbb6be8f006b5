package dev.madang.aws.lottery;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.domain.lottery.DrawingNow;
import dev.madang.domain.lottery.ReleasingLotterySeats;
import dev.madang.domain.lottery.RunningLottery;
import dev.madang.domain.lottery.SectionDraw;
import dev.madang.domain.lottery.TellingEntrants;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lottery workflow's tasks (statemachines/lottery.asl.json): each task's JSON event (its {@code task}, the round,
 * the draw number, the section) turned into a step of {@link RunningLottery}, and the answer into the JSON the state
 * machine routes on. All the tasks run in one function; wiring is the workers' business.
 */
public final class LotteryWorkflowTasks {

    /** The function the state machine invokes for every task, by its logical id in template.yaml. */
    public static final String FUNCTION_ID = "LotteryTasksFunction";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> EVENT = new TypeReference<>() {
    };

    private final RunningLottery lottery;
    private final DrawingNow drawing;
    private final TellingEntrants telling;
    private final ReleasingLotterySeats releasing;

    public LotteryWorkflowTasks(RunningLottery lottery, DrawingNow drawing, TellingEntrants telling,
                                ReleasingLotterySeats releasing) {
        this.lottery = lottery;
        this.drawing = drawing;
        this.telling = telling;
        this.releasing = releasing;
    }

    public Map<String, Object> run(Map<String, Object> event) {
        String roundId = text(event, "roundId");
        String task = text(event, "task");
        return switch (task) {
            // the wait ends when the entry window closes (the task's timeout), or by the organiser's draw now
            case "awaitClose" -> {
                drawing.awaiting(roundId, text(event, "taskToken"));
                yield Map.of("waiting", true);
            }
            case "closeEntries" -> {
                RunningLottery.Closing closing = lottery.closeEntries(roundId);
                yield Map.of("sections", closing.sections(), "entriesDigest", closing.entriesDigest(),
                        "entries", closing.entries());
            }
            case "commitSeed" -> Map.of("commitment", lottery.commitSeed(roundId, drawNumber(event)).commitment());
            case "drawSection" -> {
                SectionDraw draw = lottery.drawSection(roundId, text(event, "sectionId"), drawNumber(event));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("sectionId", draw.sectionId());
                out.put("winners", draw.offers().size());
                out.put("seatsOffered", draw.seatsOffered());
                out.put("deadline", draw.deadline().toString());
                yield out;
            }
            case "tellEntrants" -> {
                TellingEntrants.Told told = telling.tell(roundId, text(event, "sectionId"), drawNumber(event));
                yield Map.of("sectionId", told.sectionId(), "winners", told.winners(), "losers", told.losers());
            }
            case "expireOffers" -> {
                int draw = drawNumber(event);
                RunningLottery.Expiry expiry = lottery.expireOffers(roundId, draw);
                yield Map.of("seatsReturned", expiry.seatsReturned(),
                        "redraw", expiry.redrawsRemain() && expiry.seatsReturned() > 0, "nextDrawNumber", draw + 1);
            }
            case "releaseSeats" -> Map.of("released", releasing.release(roundId));
            case "revealSeeds" -> {
                lottery.revealSeed(roundId);
                yield Map.of("revealed", true);
            }
            default -> throw new IllegalArgumentException("no lottery task named '" + task + "'");
        };
    }

    /** The function as JSON text in and out (the local Lambda endpoint). */
    public String runJson(String event) {
        try {
            return JSON.writeValueAsString(run(JSON.readValue(event, EVENT)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Map<String, Object> event, String field) {
        if (!(event.get(field) instanceof String value) || value.isBlank()) {
            throw new IllegalArgumentException("the task input has no " + field);
        }
        return value;
    }

    private static int drawNumber(Map<String, Object> event) {
        if (!(event.get("drawNumber") instanceof Number n) || n.intValue() < 1) {
            throw new IllegalArgumentException("the task input has no drawNumber");
        }
        return n.intValue();
    }
}
