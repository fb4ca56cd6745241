package io.sluice.server.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.server.validation.Shape.BlobShape;
import io.sluice.server.validation.Shape.BooleanShape;
import io.sluice.server.validation.Shape.ListShape;
import io.sluice.server.validation.Shape.MapShape;
import io.sluice.server.validation.Shape.NumberShape;
import io.sluice.server.validation.Shape.StringShape;
import io.sluice.server.validation.Shape.StructShape;
import io.sluice.server.wire.BodyCodec;
import io.sluice.server.wire.ContentType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Type-checks a request body token by token straight from its bytes into {@link Fields}, as {@link TypeChecker}
 * does from a JSON tree, for bodies in the plain form the SDKs send: no tree is built, and base64 data is decoded
 * from the parser's buffer ({@link StrictBase64}) rather than from a string made first. A PutRecords of 500 records
 * is where that counts.
 *
 * <p>It takes only what it can take exactly as the tree path does, and gives up (null) on anything else: a value of
 * another kind, a boolean as text, a number that is not a plain integer, a timestamp, a member the shape does not
 * declare, base64 that AWS refuses, a malformed body or one over {@link BodyCodec}'s bounds. The caller then takes the
 * tree path, which answers with AWS's error (or, for what AWS accepts, such as unknown members, the same fields).
 * So the two never disagree, and errors are worded in one place. Stateless.
 */
public final class StreamingTypeChecker {

    /** Thrown to leave the recursion when the body is not in the plain form; never escapes this class. */
    private static final class NotPlain extends Exception {
        private static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super(null, null, false, false);
        }
    }

    private StreamingTypeChecker() {
    }

    /** The body's fields for {@code shape}, or null when the tree path must decide. */
    public static Fields check(ContentType type, byte[] body, StructShape shape) {
        try (JsonParser parser = BodyCodec.parser(type, body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            return structure(parser, shape);
        } catch (IOException | NotPlain | RuntimeException notPlain) {
            return null; // RuntimeException: the bounds Jackson enforces, or a CBOR encoding it cannot read
        }
    }

    private static Fields structure(JsonParser parser, StructShape shape) throws IOException, NotPlain {
        Map<String, Object> values = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            Shape member = shape.members().get(name);
            if (member == null) {
                throw NotPlain.INSTANCE; // AWS ignores it, but its value must still be well-formed: the tree checks
            }
            if (parser.nextToken() == JsonToken.VALUE_NULL) {
                values.remove(name); // the last of duplicate members counts, as in the tree
            } else {
                values.put(name, value(parser, member));
            }
        }
        if (!parser.hasToken(JsonToken.END_OBJECT)) {
            throw NotPlain.INSTANCE;
        }
        return new Fields(values);
    }

    private static Object value(JsonParser parser, Shape shape) throws IOException, NotPlain {
        JsonToken token = parser.currentToken();
        if (shape instanceof StringShape && token == JsonToken.VALUE_STRING) {
            return parser.getText();
        } else if (shape instanceof NumberShape && token == JsonToken.VALUE_NUMBER_INT
                && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return parser.getLongValue();
        } else if (shape instanceof BooleanShape && token.isBoolean()) {
            return token == JsonToken.VALUE_TRUE;
        } else if (shape instanceof BlobShape) {
            return blob(parser, token);
        } else if (shape instanceof ListShape list && token == JsonToken.START_ARRAY) {
            return list(parser, list);
        } else if (shape instanceof MapShape map && token == JsonToken.START_OBJECT) {
            return map(parser, map);
        } else if (shape instanceof StructShape struct && token == JsonToken.START_OBJECT) {
            return structure(parser, struct);
        }
        throw NotPlain.INSTANCE;
    }

    private static byte[] blob(JsonParser parser, JsonToken token) throws IOException, NotPlain {
        if (token == JsonToken.VALUE_EMBEDDED_OBJECT && parser.getEmbeddedObject() instanceof byte[] bytes) {
            return bytes; // a CBOR byte string
        }
        if (token == JsonToken.VALUE_STRING) {
            byte[] decoded = StrictBase64.decode(parser.getTextCharacters(), parser.getTextOffset(),
                    parser.getTextLength());
            if (decoded != null) {
                return decoded;
            }
        }
        throw NotPlain.INSTANCE;
    }

    private static List<Object> list(JsonParser parser, ListShape shape) throws IOException, NotPlain {
        List<Object> values = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == null) {
                throw NotPlain.INSTANCE;
            }
            values.add(token == JsonToken.VALUE_NULL ? null : value(parser, shape.member()));
        }
        return values;
    }

    private static Map<String, Object> map(JsonParser parser, MapShape shape) throws IOException, NotPlain {
        Map<String, Object> values = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            values.put(key, parser.nextToken() == JsonToken.VALUE_NULL ? null : value(parser, shape.value()));
        }
        if (!parser.hasToken(JsonToken.END_OBJECT)) {
            throw NotPlain.INSTANCE;
        }
        return values;
    }
}
