package dev.madang.domain.recommendation;

import java.util.HashMap;
import java.util.Map;

/**
 * A vector over named features (say {@code tag:jazz}), stored by its non-zero entries: a performance has a handful of
 * the catalog's thousands of features, so a dense array would be almost all zeros.
 */
final class SparseVector {

    private final Map<String, Double> weights;

    private SparseVector(Map<String, Double> weights) {
        this.weights = weights;
    }

    static SparseVector of(Map<String, Double> weights) {
        return new SparseVector(Map.copyOf(weights));
    }

    /** The same direction with length 1 (the zero vector stays zero), so a dot product of two is their cosine. */
    SparseVector normalised() {
        double length = Math.sqrt(weights.values().stream().mapToDouble(w -> w * w).sum());
        if (length == 0) {
            return this;
        }
        Map<String, Double> unit = new HashMap<>();
        weights.forEach((feature, w) -> unit.put(feature, w / length));
        return new SparseVector(Map.copyOf(unit));
    }

    double dot(SparseVector other) {
        Map<String, Double> small = weights.size() <= other.weights.size() ? weights : other.weights;
        Map<String, Double> large = small == weights ? other.weights : weights;
        double sum = 0;
        for (Map.Entry<String, Double> e : small.entrySet()) {
            Double w = large.get(e.getKey());
            if (w != null) {
                sum += e.getValue() * w;
            }
        }
        return sum;
    }

    Map<String, Double> weights() {
        return weights;
    }

    boolean isZero() {
        return weights.isEmpty();
    }

    /** Accumulates weighted vectors, for a fan's taste. */
    static final class Sum {
        private final Map<String, Double> weights = new HashMap<>();

        Sum add(SparseVector v, double times) {
            v.weights.forEach((feature, w) -> weights.merge(feature, w * times, Double::sum));
            return this;
        }

        Sum add(String feature, double weight) {
            weights.merge(feature, weight, Double::sum);
            return this;
        }

        SparseVector toVector() {
            return SparseVector.of(weights);
        }
    }
}
