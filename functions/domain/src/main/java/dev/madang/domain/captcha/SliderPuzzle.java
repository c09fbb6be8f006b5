package dev.madang.domain.captcha;

import java.util.random.RandomGenerator;

/**
 * A slider puzzle: a background of {@link #WIDTH} × {@link #HEIGHT} pixels with a piece-shaped hole whose left edge
 * is at {@code pieceX}, and the piece, a square of {@link #PIECE_SIZE} pixels (its shape inside the square is the
 * drawing's), which the fan drags along the row {@code pieceY} from the left edge until it fills the hole.
 * {@code pieceY} is told to the client (it places the piece on that row); {@code pieceX} is the answer and never
 * leaves the server.
 */
public record SliderPuzzle(int pieceX, int pieceY) {

    public static final int WIDTH = 280;
    public static final int HEIGHT = 160;
    public static final int PIECE_SIZE = 48;
    /**
     * The hole never overlaps where the piece starts (x = 0), so an answer of "leave it where it is" is always
     * wrong, and it keeps a margin from the right edge, where a hole half out of the picture would be easy to find.
     */
    public static final int MIN_X = PIECE_SIZE + 12;
    public static final int MAX_X = WIDTH - PIECE_SIZE - 8;
    public static final int MIN_Y = 6;
    public static final int MAX_Y = HEIGHT - PIECE_SIZE - 6;

    public SliderPuzzle {
        if (pieceX < MIN_X || pieceX > MAX_X || pieceY < MIN_Y || pieceY > MAX_Y) {
            throw new IllegalArgumentException("the piece must lie inside the picture's margins");
        }
    }

    /** A puzzle with the hole anywhere the margins allow, uniformly. */
    public static SliderPuzzle random(RandomGenerator random) {
        return new SliderPuzzle(random.nextInt(MIN_X, MAX_X + 1), random.nextInt(MIN_Y, MAX_Y + 1));
    }

    @Override
    public String toString() {
        return "SliderPuzzle[pieceX=<hidden>, pieceY=" + pieceY + "]"; // the answer stays out of logs
    }
}
