package io.sluice.server.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BodyCodecTest {

    private static final Instant ARRIVAL = Instant.ofEpochMilli(1_764_065_730_123L);

    @Test
    void writesJsonWithBase64BlobsAndEpochSecondTimestamps() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("Data", "hi".getBytes(StandardCharsets.UTF_8));
        record.put("ApproximateArrivalTimestamp", ARRIVAL);
        record.put("Skipped", null);

        String json = new String(BodyCodec.write(ContentType.JSON, Map.of("Records", List.of(record))).toByteArray(), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"Records\":[{\"Data\":\"aGk=\",\"ApproximateArrivalTimestamp\":1764065730.123}]}");
    }

    @Test
    void writesEveryBlobSizeAsStandardPaddedBase64InOneResponse() throws Exception {
        Random random = new Random(5);
        List<byte[]> blobs = new ArrayList<>();
        for (int size : new int[] {0, 1, 2, 3, 4, 5, 1024, 3000, 1, 1 << 20, 7}) { // the buffer grows, then is reused
            byte[] blob = new byte[size];
            random.nextBytes(blob);
            blobs.add(blob);
        }
        byte[] json = BodyCodec.write(ContentType.JSON, Map.of("Blobs", blobs)).toByteArray();

        List<String> written = new ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("Blobs").forEach(n -> written.add(n.textValue()));
        assertThat(written).containsExactlyElementsOf(blobs.stream().map(java.util.Base64.getEncoder()::encodeToString).toList());
    }

    @Test
    void printsJsonTimestampsExactlyAsBigDecimalSecondsWould() {
        Random random = new Random(7);
        List<Long> millis = new ArrayList<>(List.of(0L, 1L, 999L, 1000L, 1001L, -1L, -1500L, -2000L, Long.MAX_VALUE));
        for (int i = 0; i < 10_000; i++) {
            millis.add(random.nextLong(0, 4_102_444_800_000L)); // up to 2100
        }
        for (long value : millis) {
            assertThat(BodyCodec.epochSecondsWithMillis(value)).as("%d ms", value)
                    .isEqualTo(BigDecimal.valueOf(value, 3).toString());
        }
    }

    @Test
    void writesCborTimestampsAsTagOneAroundEpochMilliseconds() {
        byte[] cbor = BodyCodec.write(ContentType.CBOR, Map.of("T", ARRIVAL)).toByteArray();

        // map(1) "T" tag(1) uint64(1764065730123): the AWS SDKs read milliseconds here, not RFC 8949 seconds
        assertThat(HexFormat.of().formatHex(cbor)).isEqualTo("bf6154c11b0000019aba82de4bff");
    }

    @Test
    void writesCborBlobsAsByteStrings() {
        byte[] cbor = BodyCodec.write(ContentType.CBOR, Map.of("D", new byte[] {1, 2, 3})).toByteArray();

        assertThat(HexFormat.of().formatHex(cbor)).isEqualTo("bf614443010203ff");
    }

    @Test
    void readsCborBackIntoATree() {
        JsonNode tree = BodyCodec.read(ContentType.CBOR, BodyCodec.write(ContentType.CBOR,
                Map.of("StreamName", "Test", "Data", new byte[] {7})).toByteArray());

        assertThat(tree.get("StreamName").asText()).isEqualTo("Test");
        assertThat(tree.get("Data").isBinary()).isTrue();
    }

    @Test
    void rejectsMalformedJsonAsMalformed() {
        assertThatThrownBy(() -> BodyCodec.read(ContentType.JSON, "{\"StreamName\": ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BodyCodec.MalformedBodyException.class)
                .hasMessageStartingWith("the body is not valid JSON: ");
        assertThatThrownBy(() -> BodyCodec.read(ContentType.JSON, "\"text\"".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BodyCodec.MalformedBodyException.class)
                .hasMessage("the body is not a structure");
    }

    @Test
    void rejectsTruncatedCborAsMalformed() {
        byte[] cbor = BodyCodec.write(ContentType.CBOR, Map.of("StreamName", "Test")).toByteArray();
        byte[] truncated = java.util.Arrays.copyOf(cbor, cbor.length - 3);

        assertThatThrownBy(() -> BodyCodec.read(ContentType.CBOR, truncated))
                .isInstanceOf(BodyCodec.MalformedBodyException.class)
                .hasMessageStartingWith("the body is not valid CBOR: ");
    }

    @Test
    void errorBodiesCarryTypeAndMessage() {
        KinesisResponse response = ErrorResponses.of(ContentType.JSON,
                new ApiException(ErrorType.RESOURCE_NOT_FOUND, "Stream Test under account 000000000000 not found."));

        assertThat(response.status()).isEqualTo(400);
        assertThat(new String(response.body().toByteArray(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Stream Test under account 000000000000 not found.\"}");
    }
}
