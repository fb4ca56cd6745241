package io.sluice.console.tail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.core.api.StreamRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Records shown as JSON, text or hex, and never more than a screenful of any. */
class RecordViewTest {

    @Test
    void showsJsonAsJson() {
        ObjectNode row = view("{\"name\": \"Anderson\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(row.get("kind").asText()).isEqualTo("json");
        assertThat(row.get("data").asText()).isEqualTo("{\"name\": \"Anderson\"}");
        assertThat(row.get("shardId").asText()).isEqualTo("shardId-000000000001");
        assertThat(row.get("partitionKey").asText()).isEqualTo("key");
        assertThat(row.get("arrival").asLong()).isEqualTo(1_767_225_600_000L);
    }

    @Test
    void showsOtherUtf8AsTextIncludingWhatOnlyStartsLikeJson() {
        assertThat(view("hello, 세계".getBytes(StandardCharsets.UTF_8)).get("kind").asText()).isEqualTo("text");
        assertThat(view("{\"a\":1} trailing".getBytes(StandardCharsets.UTF_8)).get("kind").asText()).isEqualTo("text");
        assertThat(view("  ".getBytes(StandardCharsets.UTF_8)).get("kind").asText()).isEqualTo("text");
    }

    @Test
    void showsBinaryAndControlCharactersAsHex() {
        ObjectNode binary = view(new byte[] {0, 1, (byte) 0xff});
        assertThat(binary.get("kind").asText()).isEqualTo("hex");
        assertThat(binary.get("data").asText()).isEqualTo("00 01 ff");
        assertThat(view("bell\u0007".getBytes(StandardCharsets.UTF_8)).get("kind").asText()).isEqualTo("hex");
    }

    @Test
    void cutsLargeData() {
        ObjectNode text = view("x".repeat(1024 * 1024).getBytes(StandardCharsets.UTF_8));
        assertThat(text.get("data").asText()).hasSize(RecordView.SHOWN_CHARS);
        assertThat(text.get("truncated").asBoolean()).isTrue();

        ObjectNode hex = view(new byte[1000]);
        assertThat(hex.get("data").asText()).hasSize(RecordView.SHOWN_BYTES * 3 - 1);
        assertThat(hex.get("truncated").asBoolean()).isTrue();
    }

    private static ObjectNode view(byte[] data) {
        return RecordView.of("shardId-000000000001", new StreamRecord("49" + "0".repeat(43), 1_767_225_600_000L, data,
                "key"));
    }
}
