package io.sluice.core.testing;

import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Property checks in plain JUnit 5 with seeded, reproducible pseudo-random cases.
 *
 * <p>{@link #forAll} checks a property on a list of explicit edge cases, then on {@code randomCases} generated
 * cases. Random case {@code i} is generated from its own {@code new Random(caseSeed)}, where the case seeds are
 * the successive {@code nextLong()}s of {@code new Random(seed)}; so the same test always checks the same cases,
 * and a failure names the case seed that regenerates the failing value: {@code generator.apply(new
 * Random(caseSeed))}. The first failure stops the check and is rethrown with the case, its seed and its value.
 *
 * <p>{@link #exhaustively} checks a property on every value of a small domain, with no randomness at all.
 *
 * <p>{@link #longBetween} and {@link #intBetween} draw bounded numbers that hit the bounds and small values far
 * more often than a uniform draw would, so boundaries also meet random values of the other parameters.
 */
public final class Seeded {

    private Seeded() {
    }

    /**
     * Checks {@code property} on every edge case, then on {@code randomCases} values drawn by {@code generator}.
     *
     * @throws AssertionError for the first case that fails, naming the case and the seed that reproduces it
     */
    public static <T> void forAll(List<? extends T> edgeCases, int randomCases, long seed,
                                  Function<Random, ? extends T> generator, Consumer<? super T> property) {
        for (int i = 0; i < edgeCases.size(); i++) {
            check(property, edgeCases.get(i), "edge case " + i + " of " + edgeCases.size());
        }
        Random caseSeeds = new Random(seed);
        for (int i = 0; i < randomCases; i++) {
            long caseSeed = caseSeeds.nextLong();
            T value = generator.apply(new Random(caseSeed));
            check(property, value, "random case " + i + " of " + randomCases + " (case seed " + caseSeed
                    + "L, from seed " + seed + "L)");
        }
    }

    /**
     * Checks {@code property} on every one of {@code cases}: for domains small enough to enumerate.
     *
     * @throws AssertionError for the first case that fails, naming it
     */
    public static <T> void exhaustively(List<? extends T> cases, Consumer<? super T> property) {
        for (int i = 0; i < cases.size(); i++) {
            check(property, cases.get(i), "case " + i + " of " + cases.size());
        }
    }

    private static <T> void check(Consumer<? super T> property, T value, String which) {
        try {
            property.accept(value);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("property failed for " + which + ": " + value + "\n" + e.getMessage(), e);
        }
    }

    /**
     * A long in {@code [min, max]}: one draw in eight is {@code min}, {@code min + 1}, {@code max - 1} or
     * {@code max}; one in eight is within 256 of {@code min}; the rest are uniform.
     */
    public static long longBetween(Random random, long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
        }
        if (min == max) {
            return min;
        }
        int kind = random.nextInt(8);
        if (kind == 0) {
            long[] bounds = {min, Math.min(min + 1, max), Math.max(max - 1, min), max};
            return bounds[random.nextInt(bounds.length)];
        }
        if (kind == 1 && Long.compareUnsigned(max - min, 256) >= 0) {
            return min + random.nextInt(256);
        }
        return uniform(random, min, max);
    }

    /** An int in {@code [min, max]}, drawn like {@link #longBetween}. */
    public static int intBetween(Random random, int min, int max) {
        return (int) longBetween(random, min, max);
    }

    private static long uniform(Random random, long min, long max) {
        if (max < Long.MAX_VALUE) {
            return random.nextLong(min, max + 1);
        }
        if (min > Long.MIN_VALUE) {
            return random.nextLong(min - 1, max) + 1;
        }
        return random.nextLong();
    }
}
