package org.vigil.world;

import java.util.SplittableRandom;

/** Randomness a component is given, seeded, so a simulation run is a pure function of its seed. */
public interface RandomSource {
    long nextLong();

    /** Uniform in [0, bound). */
    int nextInt(int bound);

    /** Uniform in [0, 1). */
    double nextDouble();

    /** An independent stream for a sub-component, derived deterministically from this one. */
    RandomSource split();

    static RandomSource seeded(long seed) {
        return new Seeded(new SplittableRandom(seed));
    }

    /** SplittableRandom gives reproducible, independent child streams cheaply. */
    final class Seeded implements RandomSource {
        private final SplittableRandom random;

        private Seeded(SplittableRandom random) {
            this.random = random;
        }

        @Override
        public long nextLong() {
            return random.nextLong();
        }

        @Override
        public int nextInt(int bound) {
            return random.nextInt(bound);
        }

        @Override
        public double nextDouble() {
            return random.nextDouble();
        }

        @Override
        public RandomSource split() {
            return new Seeded(random.split());
        }
    }
}
