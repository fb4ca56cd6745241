package io.sluice.server.validation;

import java.util.List;
import java.util.Map;
import com.google.re2j.Pattern;

/**
 * The declared type and constraints of one request member, as in the Kinesis API model. Shapes are immutable and
 * built once per action (see {@link Shapes}); {@link TypeChecker} and {@link ConstraintChecker} interpret them.
 */
public sealed interface Shape {

    /** Constraints are checked only when the member is present, except {@code notNull}. */
    boolean notNull();

    /** {@code pattern} is RE2 (linear time in the input), so a hostile value cannot make matching backtrack. */
    record StringShape(boolean notNull, Pattern pattern, Integer minLength, Integer maxLength, List<String> enumValues)
            implements Shape {
    }

    /** Integer members (Kinesis requests have no other numbers). */
    record NumberShape(boolean notNull, Long min, Long max) implements Shape {
    }

    record BooleanShape(boolean notNull) implements Shape {
    }

    record BlobShape(boolean notNull, Integer minLength, Integer maxLength) implements Shape {
    }

    record TimestampShape(boolean notNull) implements Shape {
    }

    record ListShape(boolean notNull, Shape member, Integer minLength, Integer maxLength) implements Shape {
    }

    record MapShape(boolean notNull, StringShape key, Shape value, Integer minLength, Integer maxLength)
            implements Shape {
    }

    /** Members in the order AWS reports violations: alphabetical by member name. */
    record StructShape(boolean notNull, Map<String, Shape> members) implements Shape {
    }
}
