package dev.madang.api.captcha;

import dev.madang.domain.captcha.PuzzleImages;
import dev.madang.domain.captcha.SliderPuzzle;

import javax.imageio.ImageIO;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Draws slider puzzles with Java 2D, headless (no display, no fonts: nothing here draws text, which is what needs
 * fonts a Lambda image lacks). The background is new for every puzzle: a gradient between two random colours, random
 * translucent shapes and curves, and speckles, so there is no plain picture to subtract to find the hole, and two
 * puzzles never share one. The piece is cut from the background before the speckles go on and the hole is darkened,
 * so it matches the hole's surroundings to the eye but not pixel for pixel. The piece is a jigsaw square with a knob
 * on one side and a notch or a knob on another, chosen per puzzle. The PNGs are about 20-30 KB and 1-2 KB
 * (CaptchaImagesTest prints them).
 */
final class SliderPuzzleImages implements PuzzleImages {

    static {
        // before the first java.awt class initialises: there is never a display where the API runs
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final int W = SliderPuzzle.WIDTH;
    private static final int H = SliderPuzzle.HEIGHT;
    private static final int P = SliderPuzzle.PIECE_SIZE;
    private static final SecureRandom SEEDS = new SecureRandom();

    @Override
    public Drawn draw(SliderPuzzle puzzle) {
        // looks only (where the hole goes is the domain's), but seeded per puzzle from SecureRandom, as Ids is: a
        // generator seeded once before a SnapStart snapshot would draw the same backgrounds in every restored
        // instance, and two puzzles on one background give the hole away by subtraction
        RandomGenerator random = new SplittableRandom(SEEDS.nextLong());
        BufferedImage background = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = background.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            paintScenery(g, random);
        } finally {
            g.dispose();
        }
        Shape piece = pieceShape(random);
        Shape hole = AffineTransform.getTranslateInstance(puzzle.pieceX(), puzzle.pieceY())
                .createTransformedShape(piece);
        BufferedImage cut = cutPiece(background, piece, puzzle);
        speckle(background, random);
        Graphics2D h = background.createGraphics();
        try {
            h.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            h.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.5f));
            h.setColor(Color.BLACK);
            h.fill(hole);
            h.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.7f));
            h.setColor(Color.WHITE);
            h.setStroke(new BasicStroke(1.2f));
            h.draw(hole);
        } finally {
            h.dispose();
        }
        return new Drawn(png(background), png(cut));
    }

    private static void paintScenery(Graphics2D g, RandomGenerator random) {
        g.setPaint(new GradientPaint(0, random.nextInt(H), colour(random, 255),
                W, random.nextInt(H), colour(random, 255)));
        g.fillRect(0, 0, W, H);
        int shapes = random.nextInt(14, 22);
        for (int i = 0; i < shapes; i++) {
            g.setColor(colour(random, random.nextInt(90, 190)));
            double x = random.nextDouble(-30, W);
            double y = random.nextDouble(-30, H);
            double w = random.nextDouble(14, 90);
            double h = random.nextDouble(14, 70);
            Shape s = switch (random.nextInt(3)) {
                case 0 -> new Ellipse2D.Double(x, y, w, h);
                case 1 -> new RoundRectangle2D.Double(x, y, w, h, 10, 10);
                default -> triangle(x, y, w, h, random);
            };
            g.fill(s);
        }
        for (int i = 0; i < 4; i++) {
            g.setColor(colour(random, random.nextInt(120, 220)));
            g.setStroke(new BasicStroke((float) random.nextDouble(1, 3.5)));
            Path2D curve = new Path2D.Double();
            curve.moveTo(random.nextDouble(W), random.nextDouble(H));
            curve.curveTo(random.nextDouble(W), random.nextDouble(H), random.nextDouble(W), random.nextDouble(H),
                    random.nextDouble(W), random.nextDouble(H));
            g.draw(curve);
        }
    }

    private static Shape triangle(double x, double y, double w, double h, RandomGenerator random) {
        Path2D p = new Path2D.Double();
        p.moveTo(x, y + h);
        p.lineTo(x + random.nextDouble(w), y);
        p.lineTo(x + w, y + h * random.nextDouble(0.5, 1));
        p.closePath();
        return p;
    }

    /**
     * A square of 34 px with a round knob of radius 7 above or below, and on the right a knob or on the left a notch:
     * four shapes, all inside the {@code P}-pixel box.
     */
    static Shape pieceShape(RandomGenerator random) {
        double r = 7;
        double left = 7;
        double top = 7;
        double side = 34;
        Area shape = new Area(new Rectangle2D.Double(left, top, side, side));
        double knobX = left + side / 2;
        boolean up = random.nextBoolean();
        shape.add(new Area(new Ellipse2D.Double(knobX - r, (up ? top : top + side) - r, 2 * r, 2 * r)));
        double midY = top + side / 2;
        if (random.nextBoolean()) {
            shape.add(new Area(new Ellipse2D.Double(left + side - r, midY - r, 2 * r, 2 * r)));
        } else {
            shape.subtract(new Area(new Ellipse2D.Double(left - r, midY - r, 2 * r, 2 * r)));
        }
        return shape;
    }

    /** The background under the piece, transparent around it, with a thin light edge so it reads as a piece. */
    private static BufferedImage cutPiece(BufferedImage background, Shape piece, SliderPuzzle puzzle) {
        BufferedImage cut = new BufferedImage(P, P, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = cut.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setClip(piece);
            g.drawImage(background, -puzzle.pieceX(), -puzzle.pieceY(), null);
            g.setClip(null);
            g.setColor(new Color(255, 255, 255, 220));
            g.setStroke(new BasicStroke(1.5f));
            g.draw(piece);
        } finally {
            g.dispose();
        }
        return cut;
    }

    /** Sparse speckles, a pixel or two each: enough to spoil an exact match, few enough to keep the PNG small. */
    private static void speckle(BufferedImage image, RandomGenerator random) {
        int count = W * H / 40;
        for (int i = 0; i < count; i++) {
            int x = random.nextInt(W);
            int y = random.nextInt(H);
            int rgb = image.getRGB(x, y);
            int shift = random.nextInt(-48, 49);
            image.setRGB(x, y, (clamp(((rgb >> 16) & 0xff) + shift) << 16) | (clamp(((rgb >> 8) & 0xff) + shift) << 8)
                    | clamp((rgb & 0xff) + shift));
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static Color colour(RandomGenerator random, int alpha) {
        Color c = Color.getHSBColor(random.nextFloat(), (float) random.nextDouble(0.35, 0.8),
                (float) random.nextDouble(0.45, 0.95));
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(40_000);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
