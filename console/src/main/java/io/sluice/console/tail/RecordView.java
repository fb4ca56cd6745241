package io.sluice.console.tail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.console.web.Json;
import io.sluice.core.api.StreamRecord;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A record as the console shows it: shard, sequence number, key, arrival time, and its data as JSON when it parses,
 * as text when it is UTF-8 without control characters, else as hex — cut at {@value #SHOWN_CHARS} characters
 * ({@value #SHOWN_BYTES} bytes in hex) so a 1 MiB record does not become a 1 MiB row.
 */
public final class RecordView {

    static final int SHOWN_CHARS = 2000;
    static final int SHOWN_BYTES = 256;

    private RecordView() {
    }

    public static ObjectNode of(String shardId, StreamRecord record) {
        ObjectNode row = Json.object()
                .put("shardId", shardId)
                .put("sequenceNumber", record.sequenceNumber())
                .put("partitionKey", record.partitionKey())
                .put("arrival", record.approximateArrivalTimestampMs());
        byte[] data = record.data();
        String text = utf8(data);
        if (text == null || hasControlCharacters(text)) {
            boolean cut = data.length > SHOWN_BYTES;
            HexFormat hex = HexFormat.ofDelimiter(" ");
            return row.put("kind", "hex").put("data", hex.formatHex(data, 0, Math.min(data.length, SHOWN_BYTES)))
                    .put("truncated", cut);
        }
        boolean cut = text.length() > SHOWN_CHARS;
        return row.put("kind", Json.isJson(text) ? "json" : "text")
                .put("data", cut ? text.substring(0, SHOWN_CHARS) : text)
                .put("truncated", cut);
    }

    /** The data as text when it is well-formed UTF-8, else {@code null}. */
    public static String utf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean hasControlCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
