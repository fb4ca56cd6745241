package io.sluice.server.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.server.validation.Shape.BlobShape;
import io.sluice.server.validation.Shape.BooleanShape;
import io.sluice.server.validation.Shape.ListShape;
import io.sluice.server.validation.Shape.MapShape;
import io.sluice.server.validation.Shape.NumberShape;
import io.sluice.server.validation.Shape.StringShape;
import io.sluice.server.validation.Shape.StructShape;
import io.sluice.server.validation.Shape.TimestampShape;
import io.sluice.server.wire.ApiException;
import io.sluice.server.wire.ContentType;
import io.sluice.server.wire.ErrorType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a decoded request body into typed {@link Fields} following the action's shape, or fails with a
 * {@code SerializationException} worded as the Kinesis front end words it. Unknown members are ignored, as AWS
 * does. Blobs arrive base64 in JSON and as byte strings in CBOR; timestamps arrive as epoch seconds in JSON and,
 * in CBOR, as epoch milliseconds (the AWS quirk noted in REFERENCE.md).
 */
public final class TypeChecker {

    private static final Pattern BASE64_BAD_CHAR = Pattern.compile("[^a-zA-Z0-9+/=]|=[^=]");
    private static final String BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final ContentType contentType;

    public TypeChecker(ContentType contentType) {
        this.contentType = contentType;
    }

    public Fields check(JsonNode body, StructShape shape) {
        if (!body.isObject()) {
            throw serialization("Start of structure or map expected");
        }
        return structure(body, shape);
    }

    private Fields structure(JsonNode node, StructShape shape) {
        Map<String, Object> values = new HashMap<>();
        for (Map.Entry<String, Shape> member : shape.members().entrySet()) {
            JsonNode value = node.get(member.getKey());
            if (value != null && !value.isNull()) {
                values.put(member.getKey(), value(value, member.getValue()));
            }
        }
        return new Fields(values);
    }

    private Object value(JsonNode node, Shape shape) {
        if (shape instanceof StringShape) {
            return string(node);
        } else if (shape instanceof NumberShape) {
            return number(node, "Integer");
        } else if (shape instanceof BooleanShape) {
            return bool(node);
        } else if (shape instanceof BlobShape) {
            return blob(node);
        } else if (shape instanceof TimestampShape) {
            return timestamp(node);
        } else if (shape instanceof ListShape l) {
            return list(node, l);
        } else if (shape instanceof MapShape m) {
            return map(node, m);
        }
        return struct(node, (StructShape) shape);
    }

    private static String string(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        throw serialization(notConvertible(node, "an String"));
    }

    private static Long number(JsonNode node, String typeName) {
        if (node.isNumber()) {
            if (!node.canConvertToLong()) {
                throw serialization("class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an "
                        + typeName);
            }
            return node.isIntegralNumber() ? node.longValue() : node.decimalValue().longValue();
        }
        throw serialization(notConvertible(node, "an " + typeName));
    }

    private static Boolean bool(JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            String text = node.textValue().toUpperCase(Locale.ROOT);
            if (text.equals("TRUE")) {
                return true;
            }
            if (text.equals("FALSE")) {
                return false;
            }
            throw serialization("'" + text + "' can not be converted to an Boolean");
        }
        throw serialization(notConvertible(node, "an Boolean"));
    }

    private byte[] blob(JsonNode node) {
        if (node.isBinary()) {
            return binary(node);
        }
        if (!node.isTextual()) {
            throw serialization(notConvertible(node, "a Blob"));
        }
        String text = node.textValue();
        if (text.length() % 4 != 0) {
            throw serialization("'" + text + "' can not be converted to a Blob: "
                    + "Base64 encoded length is expected a multiple of 4 bytes but found: " + text.length());
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            Matcher bad = BASE64_BAD_CHAR.matcher(text);
            String reason = bad.find() ? "Invalid Base64 character: '" + bad.group().charAt(0) + "'" : e.getMessage();
            throw serialization("'" + text + "' can not be converted to a Blob: " + reason);
        }
        if (!canonicalPadding(text)) {
            throw serialization("'" + text + "' can not be converted to a Blob: "
                    + "Invalid last non-pad Base64 character dectected");
        }
        return decoded;
    }

    /**
     * Whether the bits a padded base64 text leaves unused are zero, as in the canonical encoding (AWS rejects
     * e.g. {@code AB==}). Checked on the last character before the padding instead of re-encoding the blob.
     */
    private static boolean canonicalPadding(String text) {
        int padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
        if (padding == 0) {
            return true;
        }
        int value = BASE64_ALPHABET.indexOf(text.charAt(text.length() - padding - 1));
        int unusedBits = padding == 2 ? 0b1111 : 0b11;
        return value >= 0 && (value & unusedBits) == 0;
    }

    private static byte[] binary(JsonNode node) {
        try {
            return node.binaryValue();
        } catch (java.io.IOException e) {
            throw serialization("Malformed byte string");
        }
    }

    /**
     * Epoch seconds (with a fraction) in JSON, epoch milliseconds in CBOR. AWS takes no other form: a string, even
     * an ISO-8601 one, is refused.
     */
    private Instant timestamp(JsonNode node) {
        if (node.isNumber()) {
            if (contentType == ContentType.CBOR) {
                return Instant.ofEpochMilli(node.longValue());
            }
            BigDecimal seconds = node.decimalValue();
            return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
        }
        if (node.isTextual() || node.isBoolean()) {
            throw serialization("class " + javaClass(node) + " can not be converted to milliseconds since epoch");
        }
        throw serialization(notConvertible(node, "a Timestamp"));
    }

    private List<Object> list(JsonNode node, ListShape shape) {
        if (node.isObject()) {
            throw serialization("Start of structure or map found where not expected.");
        }
        if (!node.isArray()) {
            throw serialization("Expected list or null");
        }
        List<Object> values = new ArrayList<>(node.size());
        for (JsonNode element : node) {
            values.add(element.isNull() ? null : value(element, shape.member()));
        }
        return values;
    }

    private Map<String, Object> map(JsonNode node, MapShape shape) {
        if (node.isArray()) {
            throw serialization("Start of list found where not expected");
        }
        if (!node.isObject()) {
            throw serialization("Expected map or null");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            values.put(entry.getKey(), entry.getValue().isNull() ? null : value(entry.getValue(), shape.value()));
        }
        return values;
    }

    private Fields struct(JsonNode node, StructShape shape) {
        if (node.isArray()) {
            throw serialization("Start of list found where not expected");
        }
        if (!node.isObject()) {
            throw serialization("Expected null");
        }
        return structure(node, shape);
    }

    /** The wording of the Kinesis front end for a JSON value of the wrong kind. */
    private static String notConvertible(JsonNode node, String target) {
        if (node.isArray()) {
            return "Start of list found where not expected";
        }
        if (node.isObject()) {
            return "Start of structure or map found where not expected.";
        }
        return "class " + javaClass(node, target) + " can not be converted to " + target;
    }

    /**
     * The class the Kinesis front end reports for a value: a number read where text or bytes belong stays the
     * JSON reader's {@code TruncatingBigNumber}; elsewhere it was made a {@code BigDecimal} first.
     */
    private static String javaClass(JsonNode node, String target) {
        if (node.isNumber() && (target.equals("an String") || target.equals("a Blob"))) {
            return "com.amazon.coral.value.json.numbers.TruncatingBigNumber";
        }
        return javaClass(node);
    }

    private static String javaClass(JsonNode node) {
        return node.isBoolean() ? "java.lang.Boolean"
                : node.isNumber() ? "java.math.BigDecimal"
                : node.isBinary() ? "java.nio.HeapByteBuffer"
                : "java.lang.String";
    }

    private static ApiException serialization(String message) {
        return new ApiException(ErrorType.SERIALIZATION, message);
    }
}
