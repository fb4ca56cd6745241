package io.sluice.server.validation;

import com.google.re2j.Pattern;
import io.sluice.server.validation.Shape.BlobShape;
import io.sluice.server.validation.Shape.BooleanShape;
import io.sluice.server.validation.Shape.ListShape;
import io.sluice.server.validation.Shape.MapShape;
import io.sluice.server.validation.Shape.NumberShape;
import io.sluice.server.validation.Shape.StringShape;
import io.sluice.server.validation.Shape.StructShape;
import io.sluice.server.validation.Shape.TimestampShape;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small vocabulary for writing request specs declaratively, one line per member:
 *
 * <pre>{@code
 * Shapes.struct(
 *     "StreamName", Shapes.STREAM_NAME.required(),
 *     "ShardCount", Shapes.integer(1L, 100_000L))
 * }</pre>
 */
public final class Shapes {

    /** Stream and consumer names: 1–128 of {@code [a-zA-Z0-9_.-]}. */
    public static final Str STREAM_NAME = string("[a-zA-Z0-9_.-]+", 1, 128);
    public static final Str STREAM_ARN = string(
            "arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+", 1, 2048);
    public static final Str CONSUMER_ARN = string(
            "^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+", 1, 2048);
    public static final Str SHARD_ID = string("[a-zA-Z0-9_.-]+", 1, 128);
    public static final Str SEQUENCE_NUMBER = string("0|([1-9]\\d{0,128})", null, null);
    public static final Str HASH_KEY = string("0|([1-9]\\d{0,38})", null, null);
    public static final Str NEXT_TOKEN = string(null, 1, 1048576);
    public static final Str TAG_KEY = string(null, 1, 128);
    public static final Str TAG_VALUE = string(null, 0, 256);

    private Shapes() {
    }

    /** A string member under construction; {@link #required()} adds the not-null constraint. */
    public record Str(String pattern, Integer min, Integer max, List<String> enumValues) {
        public StringShape required() {
            return build(true);
        }

        public StringShape optional() {
            return build(false);
        }

        private StringShape build(boolean notNull) {
            return new StringShape(notNull, pattern == null ? null : Pattern.compile(pattern), min, max, enumValues);
        }
    }

    public static Str string(String pattern, Integer min, Integer max) {
        return new Str(pattern, min, max, null);
    }

    public static Str enumOf(String... values) {
        return new Str(null, null, null, List.copyOf(Arrays.asList(values)));
    }

    public static NumberShape integer(Long min, Long max) {
        return new NumberShape(false, min, max);
    }

    public static NumberShape requiredInteger(Long min, Long max) {
        return new NumberShape(true, min, max);
    }

    public static BooleanShape bool() {
        return new BooleanShape(false);
    }

    public static BlobShape blob(boolean notNull, Integer min, Integer max) {
        return new BlobShape(notNull, min, max);
    }

    public static TimestampShape timestamp() {
        return new TimestampShape(false);
    }

    public static ListShape list(boolean notNull, Shape member, Integer min, Integer max) {
        return new ListShape(notNull, member, min, max);
    }

    public static MapShape map(boolean notNull, StringShape key, Shape value, Integer min, Integer max) {
        return new MapShape(notNull, key, value, min, max);
    }

    /** A structure from alternating member names and shapes; members are kept in AWS's reporting order. */
    public static StructShape struct(Object... namesAndShapes) {
        return struct(false, namesAndShapes);
    }

    public static StructShape requiredStruct(Object... namesAndShapes) {
        return struct(true, namesAndShapes);
    }

    private static StructShape struct(boolean notNull, Object... namesAndShapes) {
        if (namesAndShapes.length % 2 != 0) {
            throw new IllegalArgumentException("struct() takes name/shape pairs");
        }
        Map<String, Shape> members = new TreeMap<>();
        for (int i = 0; i < namesAndShapes.length; i += 2) {
            members.put((String) namesAndShapes[i], (Shape) namesAndShapes[i + 1]);
        }
        return new StructShape(notNull, Collections.unmodifiableMap(members));
    }
}
