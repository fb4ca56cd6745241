package io.sluice.server.protocol;

import io.sluice.server.wire.ContentType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * One message of an AWS event stream ({@code application/vnd.amazon.eventstream}), the binary framing of
 * SubscribeToShard's reply. Big-endian:
 * <pre>
 *   total length   u32   the whole message, these 4 bytes and the trailing CRC included
 *   headers length u32
 *   prelude CRC    u32   CRC32 of the 8 bytes above
 *   headers              each: name length u8 | name (UTF-8) | type u8 (7 = string) | value length u16 | value
 *   payload              total - headers - 16 bytes
 *   message CRC    u32   CRC32 of everything before it
 * </pre>
 * Only string headers are written (all Kinesis sends). Immutable; {@link #encode()} gives the wire bytes.
 */
public final class EventStreamMessage {

    private static final byte STRING = 7;
    private static final int PRELUDE_BYTES = 12;
    private static final int CRC_BYTES = 4;
    private static final int MAX_STRING_BYTES = 0xffff;

    private final Map<String, String> headers;
    private final byte[] payload;

    private EventStreamMessage(Map<String, String> headers, byte[] payload) {
        this.headers = headers;
        this.payload = payload;
    }

    /** An event of {@code eventType} with a payload in {@code format}. */
    public static EventStreamMessage event(String eventType, ContentType format, byte[] payload) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":event-type", eventType);
        headers.put(":content-type", payloadType(format));
        headers.put(":message-type", "event");
        return new EventStreamMessage(headers, payload);
    }

    /** A modeled error (e.g. {@code ResourceInUseException}): the error body as payload. */
    public static EventStreamMessage exception(String exceptionType, ContentType format, byte[] payload) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":exception-type", exceptionType);
        headers.put(":content-type", payloadType(format));
        headers.put(":message-type", "exception");
        return new EventStreamMessage(headers, payload);
    }

    /** An unmodeled error: code and message in headers, no payload. */
    public static EventStreamMessage error(String code, String message) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":message-type", "error");
        headers.put(":error-code", code);
        headers.put(":error-message", message);
        return new EventStreamMessage(headers, new byte[0]);
    }

    /** The media type of payloads in a reply to a request in {@code format}, as Kinesis labels them. */
    private static String payloadType(ContentType format) {
        return format == ContentType.CBOR ? "application/cbor" : "application/json";
    }

    public ByteBuffer encode() {
        List<byte[]> parts = new ArrayList<>(); // name, value, name, value, ...
        int headersLength = 0;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            byte[] name = utf8(header.getKey());
            byte[] value = utf8(header.getValue());
            if (value.length > MAX_STRING_BYTES) { // only an error message could be this long
                value = Arrays.copyOf(value, MAX_STRING_BYTES);
            }
            parts.add(name);
            parts.add(value);
            headersLength += 1 + name.length + 1 + 2 + value.length;
        }
        int total = PRELUDE_BYTES + headersLength + payload.length + CRC_BYTES;
        ByteBuffer message = ByteBuffer.allocate(total);
        message.putInt(total).putInt(headersLength).putInt(crc(message.array(), 0, 8));
        for (int i = 0; i < parts.size(); i += 2) {
            byte[] name = parts.get(i);
            byte[] value = parts.get(i + 1);
            message.put((byte) name.length).put(name).put(STRING).putShort((short) value.length).put(value);
        }
        message.put(payload);
        message.putInt(crc(message.array(), 0, total - CRC_BYTES));
        return message.flip();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
