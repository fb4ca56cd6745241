package io.sluice.server.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

/**
 * Reads request bodies into a JSON tree and writes response trees, in JSON 1.1 or CBOR 1.1.
 *
 * <p>A response tree is made of {@code Map<String, ?>} (structures, written in iteration order), collections,
 * strings, numbers, booleans, {@code byte[]} (base64 in JSON, a byte string in CBOR) and {@link Instant}
 * (epoch seconds with millisecond fraction in JSON; in CBOR, tag 1 around integer epoch milliseconds — what the
 * AWS SDKs expect, unlike RFC 8949's seconds). {@code null} map values are omitted. Thread-safe.
 */
public final class BodyCodec {

    /** Deeper than any Kinesis request (3 levels), far short of what could overflow a stack. */
    static final int MAX_NESTING = 32;
    /**
     * Values, member names and brackets a body may hold: a decoder builds a node for each, and 10 MB of CBOR empty
     * maps would be ten million of them. The largest Kinesis request, PutRecords of 500 records, has about 4000.
     */
    static final long MAX_TOKENS = 20_000;
    private static final StreamReadConstraints BOUNDS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING).maxTokenCount(MAX_TOKENS).build();
    private static final JsonFactory JSON_FACTORY = JsonFactory.builder().streamReadConstraints(BOUNDS).build();
    private static final CBORFactory CBOR_FACTORY = CBORFactory.builder().streamReadConstraints(BOUNDS).build();
    private static final ObjectMapper JSON_MAPPER = new ObjectMapper(JSON_FACTORY);
    private static final ObjectMapper CBOR_MAPPER = new ObjectMapper(CBOR_FACTORY);

    private BodyCodec() {
    }

    /**
     * A body that is not one well-formed JSON or CBOR structure or list. AWS answers it with a bare
     * {@code SerializationException}; the message here is for the server's log.
     */
    public static final class MalformedBodyException extends RuntimeException {
        MalformedBodyException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The body as a tree. Its cost is bounded by {@link #MAX_TOKENS} and {@link #MAX_NESTING}, which exceeded are a
     * {@code SerializationException} saying so; a body that is not one structure or list is a
     * {@link MalformedBodyException}.
     */
    public static JsonNode read(ContentType type, byte[] body) {
        try {
            JsonNode tree = (type == ContentType.CBOR ? CBOR_MAPPER : JSON_MAPPER).readTree(body);
            if (tree == null || !tree.isContainerNode()) {
                throw new MalformedBodyException("the body is not a structure");
            }
            return tree;
        } catch (StreamConstraintsException e) {
            throw new ApiException(ErrorType.SERIALIZATION, e.getOriginalMessage().startsWith("Token count")
                    ? "The request body has more than " + MAX_TOKENS + " tokens (values, member names and brackets); "
                            + "the largest Kinesis request, PutRecords with 500 records, has about 4000"
                    : "The request body is nested more than " + MAX_NESTING + " levels deep; Kinesis requests nest "
                            + "3 levels at most");
        } catch (JsonProcessingException e) {
            throw new MalformedBodyException("the body is not valid " + (type == ContentType.CBOR ? "CBOR" : "JSON")
                    + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A streaming parser over {@code body}, within the same bounds as {@link #read}. */
    public static JsonParser parser(ContentType type, byte[] body) throws IOException {
        return (type == ContentType.CBOR ? CBOR_FACTORY : JSON_FACTORY).createParser(body);
    }

    /** Whether {@code body} is one JSON structure or list, within the bounds {@link #read} keeps. */
    public static boolean isWellFormed(byte[] body) {
        try {
            read(ContentType.JSON, body);
            return true;
        } catch (ApiException | MalformedBodyException e) {
            return false;
        }
    }

    public static ChunkedBytes write(ContentType type, Map<String, ?> tree) {
        ChunkedBytes out = new ChunkedBytes();
        try (JsonGenerator generator = (type == ContentType.CBOR ? CBOR_FACTORY : JSON_FACTORY).createGenerator(out)) {
            new TreeWriter(generator).value(tree);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode a response", e);
        }
        return out;
    }

    /** Writes one response tree; holds the buffers its blobs and timestamps are formatted into, in JSON. */
    private static final class TreeWriter {

        private static final Base64.Encoder BASE64 = Base64.getEncoder();

        private final JsonGenerator generator;
        private byte[] base64 = new byte[0];
        private final char[] seconds = new char[EPOCH_SECONDS_CHARS];

        TreeWriter(JsonGenerator generator) {
            this.generator = generator;
        }

        void value(Object value) throws IOException {
            if (value == null) {
                generator.writeNull();
            } else if (value instanceof WireStruct struct) {
                generator.writeStartObject();
                for (int i = 0; i < struct.members(); i++) {
                    if (struct.value(i) != null) {
                        generator.writeFieldName(struct.name(i));
                        value(struct.value(i));
                    }
                }
                generator.writeEndObject();
            } else if (value instanceof Map<?, ?> map) {
                generator.writeStartObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (entry.getValue() != null) {
                        generator.writeFieldName((String) entry.getKey());
                        value(entry.getValue());
                    }
                }
                generator.writeEndObject();
            } else if (value instanceof Collection<?> collection) {
                generator.writeStartArray();
                for (Object element : collection) {
                    value(element);
                }
                generator.writeEndArray();
            } else if (value instanceof String text) {
                generator.writeString(text);
            } else if (value instanceof Boolean bool) {
                generator.writeBoolean(bool);
            } else if (value instanceof Integer number) {
                generator.writeNumber(number);
            } else if (value instanceof Long number) {
                generator.writeNumber(number);
            } else if (value instanceof byte[] bytes) {
                blob(bytes);
            } else if (value instanceof Instant instant) {
                timestamp(instant);
            } else if (value instanceof Enum<?> constant) {
                generator.writeString(constant.name());
            } else {
                throw new IllegalArgumentException("Cannot encode " + value.getClass().getName() + " in a response");
            }
        }

        /** Epoch milliseconds under tag 1 in CBOR (what the SDKs read); epoch seconds with a fraction in JSON. */
        private void timestamp(Instant instant) throws IOException {
            long millis = instant.toEpochMilli();
            if (generator instanceof CBORGenerator cbor) {
                cbor.writeTag(1);
                cbor.writeNumber(millis);
            } else {
                generator.writeNumber(seconds, 0, epochSecondsWithMillis(millis, seconds));
            }
        }

        /**
         * A byte string in CBOR; base64 text in JSON, encoded by the JDK's encoder (about three times as fast as
         * the generator's own, per GetRecords record) and written as is: base64 needs no escaping.
         */
        private void blob(byte[] bytes) throws IOException {
            if (generator instanceof CBORGenerator) {
                generator.writeBinary(bytes);
                return;
            }
            int length = 4 * ((bytes.length + 2) / 3);
            if (base64.length < length) {
                base64 = new byte[Math.max(length, 2 * base64.length)];
            }
            generator.writeRawUTF8String(base64, 0, BASE64.encode(bytes, base64));
        }
    }

    /** {@link #epochSecondsWithMillis} for {@code millis}, as text; the test's view of it. */
    static String epochSecondsWithMillis(long millis) {
        char[] text = new char[EPOCH_SECONDS_CHARS];
        return new String(text, 0, epochSecondsWithMillis(millis, text));
    }

    /** Room for any long's milliseconds as seconds: 19 digits, a sign, a point. */
    private static final int EPOCH_SECONDS_CHARS = 21;

    /**
     * Writes {@code 1700000000.123} for 1 700 000 000 123 ms — what {@code BigDecimal.valueOf(millis, 3)} prints —
     * into {@code text}, returning its length: a 10 000-record GetRecords answer writes 10 000 of them, so no
     * {@code BigDecimal} nor string is built for one.
     */
    static int epochSecondsWithMillis(long millis, char[] text) {
        if (millis < 0) { // before 1970: never an arrival time, so the slow general form is fine
            String general = BigDecimal.valueOf(millis, 3).toString();
            general.getChars(0, general.length(), text, 0);
            return general.length();
        }
        long seconds = millis / 1000;
        int end = EPOCH_SECONDS_CHARS;
        long fraction = millis % 1000;
        for (int i = 0; i < 3; i++, fraction /= 10) {
            text[--end] = (char) ('0' + fraction % 10);
        }
        text[--end] = '.';
        do {
            text[--end] = (char) ('0' + seconds % 10);
            seconds /= 10;
        } while (seconds > 0);
        int length = EPOCH_SECONDS_CHARS - end;
        System.arraycopy(text, end, text, 0, length);
        return length;
    }
}
