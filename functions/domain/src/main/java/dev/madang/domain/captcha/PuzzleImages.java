package dev.madang.domain.captcha;

/** Draws a puzzle: the background with the hole, and the piece alone. */
public interface PuzzleImages {

    /**
     * PNG images: the background, {@link SliderPuzzle#WIDTH} × {@link SliderPuzzle#HEIGHT}, with the hole at the
     * puzzle's place, and the piece, {@link SliderPuzzle#PIECE_SIZE} square, transparent around its shape. Each call
     * draws a new background, so two puzzles never share one a bot could subtract.
     */
    Drawn draw(SliderPuzzle puzzle);

    record Drawn(byte[] background, byte[] piece) {
    }
}
