package io.sluice.server.validation;

import static io.sluice.server.validation.TestShapes.CREATE_STREAM;
import static io.sluice.server.validation.TestShapes.PUT_RECORDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.server.validation.Shape.StructShape;
import io.sluice.server.wire.ApiException;
import io.sluice.server.wire.BodyCodec;
import io.sluice.server.wire.ContentType;
import io.sluice.server.wire.ErrorType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Type checking and constraint checking with the Kinesis front end's exact wording. */
class RequestValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final StructShape ITERATOR = Shapes.struct(
            "ShardIteratorType", Shapes.enumOf("AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER", "TRIM_HORIZON",
                    "LATEST", "AT_TIMESTAMP").required(),
            "Timestamp", Shapes.timestamp());

    @Test
    void reportsEveryViolatedConstraintOfAMemberInAwsOrder() {
        assertValidation(CREATE_STREAM, "{\"StreamName\": \"\", \"ShardCount\": 0}",
                "3 validation errors detected: "
                        + "Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1; "
                        + "Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
                        + "Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1");
    }

    @Test
    void reportsAMissingRequiredMemberAsNull() {
        assertValidation(CREATE_STREAM, "{\"ShardCount\": 1}",
                "1 validation error detected: Value null at 'streamName' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void reportsAStreamNameOverOneHundredTwentyEightCharacters() {
        String name = "a".repeat(129);
        assertValidation(CREATE_STREAM, "{\"StreamName\": \"" + name + "\"}",
                "1 validation error detected: Value '" + name + "' at 'streamName' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 128");
    }

    @Test
    void namesListElementsByPositionAndBlobsByLength() {
        assertValidation(PUT_RECORDS, "{\"Records\": [{\"PartitionKey\": \"a\", \"Data\": \"AA==\"}, "
                        + "{\"PartitionKey\": \"\", \"ExplicitHashKey\": \"-1\"}]}",
                "3 validation errors detected: "
                        + "Value null at 'records.2.member.data' failed to satisfy constraint: Member must not be null; "
                        + "Value '-1' at 'records.2.member.explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38}); "
                        + "Value '' at 'records.2.member.partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1");
    }

    @Test
    void reportsAtMostTenViolations() {
        StringBuilder records = new StringBuilder("[");
        for (int i = 0; i < 12; i++) {
            records.append(i > 0 ? "," : "").append("{\"Data\": \"AA==\"}");
        }
        records.append("]");

        assertThatThrownBy(() -> validate(PUT_RECORDS, "{\"Records\": " + records + "}"))
                .hasMessageStartingWith("10 validation errors detected: Value null at 'records.1.member.partitionKey'");
    }

    @Test
    void reportsAnEnumOutsideItsValueSet() {
        assertValidation(ITERATOR, "{\"ShardIteratorType\": \"OLDEST\"}",
                "1 validation error detected: Value 'OLDEST' at 'shardIteratorType' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"StreamName\": 5}|class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String",
            "{\"StreamName\": true}|class java.lang.Boolean can not be converted to an String",
            "{\"StreamName\": [\"a\"]}|Start of list found where not expected",
            "{\"StreamName\": {\"a\": 1}}|Start of structure or map found where not expected.",
            "{\"StreamName\": \"s\", \"ShardCount\": \"2\"}|class java.lang.String can not be converted to an Integer",
            "{\"StreamName\": \"s\", \"ShardCount\": 1e40}|class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an Integer",
            "{\"StreamName\": \"s\", \"Tags\": [1]}|Start of list found where not expected",
            "{\"StreamName\": \"s\", \"Tags\": \"x\"}|Expected map or null",
    })
    void rejectsWrongJsonTypesAsSerializationErrors(String body, String message) {
        assertThatThrownBy(() -> validate(CREATE_STREAM, body))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.SERIALIZATION);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "abc|'abc' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 3",
            "ab$d|'ab$d' can not be converted to a Blob: Invalid Base64 character: '$'",
            "AB==|'AB==' can not be converted to a Blob: Invalid last non-pad Base64 character dectected",
    })
    void rejectsBadBase64WithAwsWording(String data, String message) {
        assertThatThrownBy(() -> validate(PUT_RECORDS, "{\"Records\": [{\"PartitionKey\": \"k\", \"Data\": \"" + data + "\"}]}"))
                .isInstanceOf(ApiException.class)
                .hasMessage(message);
    }

    @Test
    void readsJsonTimestampsAsEpochSecondsAndCborTimestampsAsEpochMilliseconds() throws Exception {
        Fields json = new TypeChecker(ContentType.JSON).check(
                JSON.readTree("{\"ShardIteratorType\": \"AT_TIMESTAMP\", \"Timestamp\": 1764065730.123}"), ITERATOR);
        JsonNode cborTree = BodyCodec.read(ContentType.CBOR, BodyCodec.write(ContentType.CBOR,
                Map.of("ShardIteratorType", "AT_TIMESTAMP", "Timestamp", Instant.ofEpochMilli(1_764_065_730_123L))).toByteArray());
        Fields cbor = new TypeChecker(ContentType.CBOR).check(cborTree, ITERATOR);

        assertThat(json.timestamp("Timestamp")).isEqualTo(Instant.ofEpochMilli(1_764_065_730_123L));
        assertThat(cbor.timestamp("Timestamp")).isEqualTo(Instant.ofEpochMilli(1_764_065_730_123L));
    }

    @Test
    void ignoresUnknownMembersAndNulls() throws Exception {
        Fields fields = new TypeChecker(ContentType.JSON).check(
                JSON.readTree("{\"StreamName\": \"s\", \"ShardCount\": null, \"Colour\": \"blue\"}"), CREATE_STREAM);

        assertThat(fields.string("StreamName")).isEqualTo("s");
        assertThat(fields.has("ShardCount")).isFalse();
        assertThat(fields.has("Colour")).isFalse();
    }

    @Test
    void decodesBlobsFromBase64() throws Exception {
        Fields fields = new TypeChecker(ContentType.JSON).check(
                JSON.readTree("{\"Records\": [{\"PartitionKey\": \"k\", \"Data\": \"aGk=\"}]}"), PUT_RECORDS);

        List<Fields> records = fields.list("Records");
        assertThat(records.get(0).blob("Data")).isEqualTo("hi".getBytes());
    }

    private static void assertValidation(StructShape shape, String body, String message) {
        assertThatThrownBy(() -> validate(shape, body))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.VALIDATION);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    private static void validate(StructShape shape, String body) throws Exception {
        Fields fields = new TypeChecker(ContentType.JSON).check(JSON.readTree(body), shape);
        ConstraintChecker.check(fields, shape);
    }
}
