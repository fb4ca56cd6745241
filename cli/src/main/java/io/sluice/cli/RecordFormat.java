package io.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * How {@code sluice tail} prints a record, one line each: {@code text} (shard, sequence number, key, data as text,
 * or {@code base64:...} when it is not UTF-8), {@code json} (an object with the data as JSON when it parses, else as
 * a string, or {@code dataBase64}), {@code raw} (the data alone).
 */
enum RecordFormat {
    TEXT, JSON, RAW;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    void print(String shardId, Record record, OutputStream out) {
        byte[] data = record.data().asByteArrayUnsafe();
        try {
            switch (this) {
                case RAW -> out.write(data);
                case TEXT -> out.write((shardId + "\t" + record.sequenceNumber() + "\t" + record.partitionKey() + "\t"
                        + utf8(data).map(RecordFormat::oneLine).orElseGet(() -> "base64:" + Base64.getEncoder()
                        .encodeToString(data))).getBytes(StandardCharsets.UTF_8));
                case JSON -> out.write(MAPPER.writeValueAsBytes(json(shardId, record, data)));
            }
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode json(String shardId, Record record, byte[] data) {
        ObjectNode line = MAPPER.createObjectNode().put("shard", shardId).put("sequenceNumber", record.sequenceNumber())
                .put("partitionKey", record.partitionKey())
                .put("arrival", record.approximateArrivalTimestamp() == null ? null
                        : record.approximateArrivalTimestamp().toString());
        Optional<String> text = utf8(data);
        if (text.isEmpty()) {
            line.put("dataBase64", Base64.getEncoder().encodeToString(data));
        } else {
            line.set("data", parsed(text.get()).orElseGet(() -> MAPPER.getNodeFactory().textNode(text.get())));
        }
        return line;
    }

    private static Optional<JsonNode> parsed(String text) {
        try {
            return Optional.of(MAPPER.readTree(text));
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    /** The data as text if it is valid UTF-8. */
    private static Optional<String> utf8(byte[] data) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString());
        } catch (CharacterCodingException binary) {
            return Optional.empty();
        }
    }

    /** Text on one line: line breaks and tabs escaped, so each record stays one line. */
    private static String oneLine(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }
}
