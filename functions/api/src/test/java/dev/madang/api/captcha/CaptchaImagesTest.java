package dev.madang.api.captcha;

import dev.madang.domain.captcha.PuzzleImages;
import dev.madang.domain.captcha.SliderPuzzle;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.IntSummaryStatistics;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The two PNGs of a puzzle: they decode with their sizes, the hole is where the answer says, and they are small. */
class CaptchaImagesTest {

    static final int PUZZLES = 40;
    static final int MAX_BYTES = 40 * 1024;

    final PuzzleImages images = new SliderPuzzleImages();

    static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("a PNG ImageIO can read").isNotNull();
        return image;
    }

    static int brightness(int rgb) {
        return ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
    }

    @Test
    void both_pictures_decode_with_their_sizes_and_stay_small() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        IntSummaryStatistics backgrounds = new IntSummaryStatistics();
        IntSummaryStatistics pieces = new IntSummaryStatistics();
        for (int i = 0; i < PUZZLES; i++) {
            SliderPuzzle puzzle = SliderPuzzle.random(random);
            PuzzleImages.Drawn drawn = images.draw(puzzle);
            BufferedImage background = decode(drawn.background());
            BufferedImage piece = decode(drawn.piece());
            assertThat(background.getWidth()).isEqualTo(SliderPuzzle.WIDTH);
            assertThat(background.getHeight()).isEqualTo(SliderPuzzle.HEIGHT);
            assertThat(piece.getWidth()).isEqualTo(SliderPuzzle.PIECE_SIZE);
            assertThat(piece.getHeight()).isEqualTo(SliderPuzzle.PIECE_SIZE);
            assertThat(piece.getColorModel().hasAlpha()).isTrue();
            // transparent in the box's corner (outside every shape), opaque in the middle (inside every shape)
            assertThat(piece.getRGB(1, 1) >>> 24).isZero();
            assertThat(piece.getRGB(SliderPuzzle.PIECE_SIZE / 2, SliderPuzzle.PIECE_SIZE / 2) >>> 24).isEqualTo(255);
            backgrounds.accept(drawn.background().length);
            pieces.accept(drawn.piece().length);
        }
        System.out.printf("captcha PNG sizes over %d puzzles: background %d-%d bytes (mean %.0f), piece %d-%d bytes "
                        + "(mean %.0f)%n", PUZZLES, backgrounds.getMin(), backgrounds.getMax(),
                backgrounds.getAverage(), pieces.getMin(), pieces.getMax(), pieces.getAverage());
        assertThat(backgrounds.getMax()).isLessThan(MAX_BYTES);
        assertThat(pieces.getMax()).isLessThan(8 * 1024);
    }

    @Test
    void the_hole_is_darkened_where_the_answer_says_and_the_piece_is_cut_from_there() throws IOException {
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 10; i++) {
            SliderPuzzle puzzle = SliderPuzzle.random(random);
            PuzzleImages.Drawn drawn = images.draw(puzzle);
            BufferedImage background = decode(drawn.background());
            BufferedImage piece = decode(drawn.piece());
            long hole = 0;
            long cut = 0;
            // the square at the heart of every piece shape, well inside the outline
            for (int y = 14; y < 34; y++) {
                for (int x = 14; x < 34; x++) {
                    hole += brightness(background.getRGB(puzzle.pieceX() + x, puzzle.pieceY() + y));
                    cut += brightness(piece.getRGB(x, y));
                }
            }
            assertThat(hole).as("the hole is about half as bright as the piece cut from it").isBetween(cut / 3,
                    cut * 7 / 10);
        }
    }
}
