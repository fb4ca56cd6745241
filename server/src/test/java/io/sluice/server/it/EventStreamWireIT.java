package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.sluice.server.testing.SluiceServerExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * SubscribeToShard's reply on the wire, as boto3 reads it over HTTP/1.1: {@code 200}, the event-stream media type,
 * chunked; messages framed as AWS event streams (decoded here by the AWS SDK's own decoder, which checks both
 * CRCs); first {@code initial-response}, then {@code SubscribeToShardEvent} with the records, payloads in the
 * request's format (JSON, or CBOR for a CBOR request).
 */
class EventStreamWireIT {

    private static SluiceServerExtension server;
    private static String jsonConsumer;
    private static String cborConsumer; // one each: a consumer may have one subscription to a shard at a time

    @BeforeAll
    static void start() {
        server = SluiceServerExtension.builder().configure(config -> config.withLimits(false)).start();
        try (KinesisClient admin = KinesisClients.SYNC_JSON.create(server.server().endpoint())) {
            admin.createStream(b -> b.streamName("wire").shardCount(1));
            admin.waiter().waitUntilStreamExists(b -> b.streamName("wire"));
            admin.putRecord(b -> b.streamName("wire").partitionKey("k").data(SdkBytes.fromUtf8String("hello")));
            String streamArn = admin.describeStreamSummary(b -> b.streamName("wire")).streamDescriptionSummary().streamARN();
            jsonConsumer = admin.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("json"))
                    .consumer().consumerARN();
            cborConsumer = admin.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("cbor"))
                    .consumer().consumerARN();
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void answersAJsonRequestWithChunkedEventStreamMessagesInJson() throws Exception {
        try (Socket socket = RawHttp1.connect(server.server().endpoint())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(RawHttp1.jsonRequest("SubscribeToShard", "{\"ConsumerARN\":\""
                    + jsonConsumer + "\",\"ShardId\":\"shardId-000000000000\",\"StartingPosition\":{\"Type\":\"TRIM_HORIZON\"}}"));
            InputStream in = socket.getInputStream();
            Map<String, String> head = RawHttp1.readHead(in);

            assertThat(head).containsEntry(":status", "200")
                    .containsEntry("content-type", "application/vnd.amazon.eventstream")
                    .containsEntry("transfer-encoding", "chunked")
                    .containsKey("x-amzn-requestid");
            List<Message> messages = readMessages(in, 2);
            assertThat(headers(messages.get(0))).containsEntry(":message-type", "event")
                    .containsEntry(":event-type", "initial-response").containsEntry(":content-type", "application/json");
            assertThat(new String(messages.get(0).getPayload(), StandardCharsets.UTF_8)).isEqualTo("{}");
            assertThat(headers(messages.get(1))).containsEntry(":event-type", "SubscribeToShardEvent");
            JsonNode event = new ObjectMapper().readTree(messages.get(1).getPayload());
            assertThat(event.at("/Records/0/Data").asText()).isEqualTo("aGVsbG8="); // "hello", base64
            assertThat(event.at("/Records/0/PartitionKey").asText()).isEqualTo("k");
            assertThat(event.get("ContinuationSequenceNumber").asText())
                    .isEqualTo(event.at("/Records/0/SequenceNumber").asText());
            assertThat(event.has("ChildShards")).as("only at the end of a closed shard").isFalse();
        }
    }

    @Test
    void answersACborRequestWithPayloadsInCbor() throws Exception {
        ObjectMapper cbor = new ObjectMapper(new CBORFactory());
        byte[] body = cbor.writeValueAsBytes(Map.of("ConsumerARN", cborConsumer, "ShardId", "shardId-000000000000",
                "StartingPosition", Map.of("Type", "TRIM_HORIZON")));
        try (Socket socket = RawHttp1.connect(server.server().endpoint())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(RawHttp1.head("SubscribeToShard", "application/x-amz-cbor-1.1",
                    body.length, RawHttp1.SIGNED));
            socket.getOutputStream().write(body);
            InputStream in = socket.getInputStream();
            RawHttp1.readHead(in);

            List<Message> messages = readMessages(in, 2);
            assertThat(headers(messages.get(1))).containsEntry(":content-type", "application/cbor");
            JsonNode event = cbor.readTree(messages.get(1).getPayload());
            assertThat(event.at("/Records/0/Data").binaryValue()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Reads chunks until {@code count} whole messages arrived, each decoded (and its CRCs checked) by the SDK. */
    private static List<Message> readMessages(InputStream in, int count) throws IOException {
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        List<Message> messages = new ArrayList<>();
        while (messages.size() < count) {
            pending.write(RawHttp1.readChunk(in));
            ByteBuffer bytes = ByteBuffer.wrap(pending.toByteArray());
            while (bytes.remaining() >= 4 && bytes.remaining() >= bytes.getInt(bytes.position())) {
                int length = bytes.getInt(bytes.position());
                ByteBuffer one = bytes.slice();
                one.limit(length);
                messages.add(Message.decode(one));
                bytes.position(bytes.position() + length);
            }
            pending.reset();
            pending.write(bytes.array(), bytes.position(), bytes.remaining());
        }
        return messages;
    }

    private static Map<String, String> headers(Message message) {
        Map<String, String> headers = new java.util.HashMap<>();
        for (Map.Entry<String, HeaderValue> header : message.getHeaders().entrySet()) {
            headers.put(header.getKey(), header.getValue().getString());
        }
        return headers;
    }
}
