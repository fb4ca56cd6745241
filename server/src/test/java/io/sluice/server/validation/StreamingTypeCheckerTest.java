package io.sluice.server.validation;

import static io.sluice.server.validation.TestShapes.CREATE_STREAM;
import static io.sluice.server.validation.TestShapes.PUT_RECORDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.server.validation.Shape.StructShape;
import io.sluice.server.wire.ApiException;
import io.sluice.server.wire.BodyCodec;
import io.sluice.server.wire.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming type check either gives exactly the fields the tree path gives, or gives up: on hand-picked bodies,
 * on every form it must leave to the tree path, and on thousands of mutated PutRecords bodies.
 */
class StreamingTypeCheckerTest {

    private static final StructShape FLAGS = Shapes.struct(
            "Enabled", Shapes.bool(),
            "Names", Shapes.list(false, Shapes.string(null, 0, 10).optional(), 0, 10));

    private static final String PLAIN_PUT = "{\"StreamName\":\"s\",\"Records\":[{\"Data\":\"aGk=\",\"PartitionKey\":\"k1\"},"
            + "{\"Data\":\"AAEC\",\"PartitionKey\":\"k2\",\"ExplicitHashKey\":\"42\"},{\"Data\":\"\",\"PartitionKey\":\"\"}]}";

    @Test
    void takesWhatTheSdksSendInJsonAndCbor() {
        Fields json = StreamingTypeChecker.check(ContentType.JSON, PLAIN_PUT.getBytes(StandardCharsets.UTF_8), PUT_RECORDS);
        byte[] cbor = BodyCodec.write(ContentType.CBOR, Map.of("StreamName", "s", "Records", List.of(
                Map.of("Data", "hi".getBytes(StandardCharsets.UTF_8), "PartitionKey", "k1")))).toByteArray();

        assertThat(json).isNotNull();
        List<Fields> records = json.list("Records");
        assertThat(records).hasSize(3);
        assertThat(records.get(0).blob("Data")).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
        assertThat(records.get(1).blob("Data")).containsExactly(0, 1, 2);
        assertThat(records.get(1).string("ExplicitHashKey")).isEqualTo("42");
        assertThat(canonical(StreamingTypeChecker.check(ContentType.CBOR, cbor, PUT_RECORDS)))
                .isEqualTo(canonical(tree(ContentType.CBOR, cbor, PUT_RECORDS)));
        assertThat(canonical(json)).isEqualTo(canonical(tree(ContentType.JSON, PLAIN_PUT.getBytes(StandardCharsets.UTF_8),
                PUT_RECORDS)));
    }

    @Test
    void agreesWithTheTreeOnNullsDuplicatesMapsAndBooleans() {
        for (String body : List.of(
                "{\"StreamName\":\"a\",\"StreamName\":\"b\",\"ShardCount\":null,\"Tags\":{\"x\":\"1\",\"y\":null,\"x\":\"2\"}}",
                "{\"StreamName\":\"a\",\"ShardCount\":3,\"StreamName\":null}",
                "{\"ShardCount\":9223372036854775807}",
                "{\"StreamName\":\"s\"}} trailing text, ignored by both",
                "{}")) {
            assertAgrees(CREATE_STREAM, body, true);
        }
        assertAgrees(FLAGS, "{\"Enabled\":false,\"Names\":[\"a\",null,\"b\"]}", true);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"StreamName\":\"s\",\"Colour\":\"blue\"}", // AWS ignores it; the tree checks it is well-formed
            "{\"ShardCount\":1.0}", "{\"ShardCount\":\"1\"}", "{\"ShardCount\":1e2}",
            "{\"ShardCount\":99999999999999999999}", "{\"Tags\":[\"a\"]}", "{\"StreamName\":{}}",
            "[]", "\"s\"", "{\"StreamName\":\"s\"", "nonsense"})
    void leavesEveryOtherFormToTheTree(String body) {
        assertThat(StreamingTypeChecker.check(ContentType.JSON, body.getBytes(StandardCharsets.UTF_8), CREATE_STREAM))
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AB==", "aGk", "aG k=", "aGk=\\n", "a\\u0000k=", "====", "A===", "aGk=aGk=", "é===",
            "aGk+/w-_"})
    void leavesBase64ThatAwsRefusesOrThatIsNotCanonicalToTheTree(String data) {
        String body = "{\"Records\":[{\"Data\":\"" + data + "\",\"PartitionKey\":\"k\"}]}";
        assertThat(StreamingTypeChecker.check(ContentType.JSON, body.getBytes(StandardCharsets.UTF_8), PUT_RECORDS))
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"Enabled\":\"true\"}", "{\"Enabled\":1}", "{\"Names\":\"a\"}", "{\"Names\":[1]}"})
    void leavesBooleansAsTextAndOtherKindsToTheTree(String body) {
        assertThat(StreamingTypeChecker.check(ContentType.JSON, body.getBytes(StandardCharsets.UTF_8), FLAGS)).isNull();
    }

    @Test
    void decodesEveryCanonicalBase64TextAndNothingJavaWouldRefuse() {
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            char[] text = Base64.getEncoder().encodeToString(bytes).toCharArray();
            assertThat(StrictBase64.decode(text, 0, text.length)).isEqualTo(bytes);

            char[] noise = new char[random.nextInt(4) * 4 + 4];
            String alphabet = "AQgw+/=9z\u00e9 ";
            for (int c = 0; c < noise.length; c++) {
                noise[c] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            byte[] decoded = StrictBase64.decode(noise, 0, noise.length);
            if (decoded != null) {
                String accepted = new String(noise);
                assertThat(Base64.getDecoder().decode(accepted)).as(accepted).isEqualTo(decoded);
                assertThat(Base64.getEncoder().encodeToString(decoded)).as("canonical").isEqualTo(accepted);
            }
        }
    }

    @Test
    void agreesWithTheTreeOnMutatedPutRecordsBodies() {
        Random random = new Random(11);
        String alphabet = "{}[]\":,nul0129aGk=AB+/ \\";
        int taken = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder body = new StringBuilder(PLAIN_PUT);
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(body.length());
                switch (random.nextInt(3)) {
                    case 0 -> body.deleteCharAt(at);
                    case 1 -> body.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> body.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            taken += assertAgrees(PUT_RECORDS, body.toString(), false) ? 1 : 0;
        }
        assertThat(taken).as("some mutations stay in the plain form").isGreaterThan(100);
    }

    /** Whether the streaming check took {@code body}; when it did, the tree must give the same fields. */
    private static boolean assertAgrees(StructShape shape, String body, boolean mustTake) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Fields streamed = StreamingTypeChecker.check(ContentType.JSON, bytes, shape);
        if (mustTake) {
            assertThat(streamed).as(body).isNotNull();
        }
        if (streamed == null) {
            return false;
        }
        assertThat(canonical(streamed)).as(body).isEqualTo(canonical(tree(ContentType.JSON, bytes, shape)));
        return true;
    }

    private static Object tree(ContentType type, byte[] body, StructShape shape) {
        try {
            return new TypeChecker(type).check(BodyCodec.read(type, body), shape);
        } catch (ApiException | BodyCodec.MalformedBodyException refused) {
            return "refused: " + refused.getMessage();
        }
    }

    /** A comparable rendering: members sorted, blobs as base64, so two Fields compare by content. */
    private static Object canonical(Object value) {
        if (value instanceof Fields fields) {
            Map<String, Object> members = new TreeMap<>();
            for (String name : List.of("Data", "ExplicitHashKey", "PartitionKey", "Records", "StreamName",
                    "ShardCount", "Tags", "Enabled", "Names")) {
                if (fields.has(name)) {
                    members.put(name, canonical(fields.get(name)));
                }
            }
            return members;
        }
        if (value instanceof List<?> list) {
            List<Object> elements = new ArrayList<>();
            list.forEach(e -> elements.add(canonical(e)));
            return elements;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> entries = new LinkedHashMap<>();
            map.forEach((k, v) -> entries.put(k, canonical(v)));
            return entries;
        }
        return value instanceof byte[] bytes ? "blob:" + Base64.getEncoder().encodeToString(bytes) : value;
    }
}
