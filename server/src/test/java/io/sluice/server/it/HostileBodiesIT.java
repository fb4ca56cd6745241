package io.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.sluice.server.testing.SluiceServerExtension;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bodies built to make decoding expensive (issue #13): each is answered, at once and with a clear error, by a server
 * that keeps serving. A body is decoded only up to the bounds on nesting and element count, signed or not: Amazon
 * Kinesis reports a malformed body before a missing signature, and the bounded decode costs less than hashing the
 * body to check a signature would.
 */
class HostileBodiesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CBOR = "application/x-amz-cbor-1.1";
    private static final int TEN_MB = 10_000_000;

    private static SluiceServerExtension server;
    private static URI endpoint;

    @BeforeAll
    static void start() {
        server = SluiceServerExtension.builder().start();
        endpoint = server.server().endpoint();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void eightUnsignedTenMegabyteCborBodiesOfEmptyMapsAreAllRefusedForTheirElementCount() throws Exception {
        List<RawHttp1.Response> answers = sendConcurrently(8, emptyMapsBody(TEN_MB), null);

        for (RawHttp1.Response answer : answers) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(typeAndMessage(answer)).containsExactly("SerializationException", "The request body has more "
                    + "than 20000 tokens (values, member names and brackets); the largest Kinesis request, PutRecords "
                    + "with 500 records, has about 4000");
        }
        assertStillServing();
    }

    @Test
    void anUnsignedWellFormedBodyIsMissingItsToken() throws Exception {
        RawHttp1.Response answer = exchange(request("ListStreams", CBOR, new byte[] {(byte) 0xa0}, null));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(typeAndMessage(answer)).containsExactly("MissingAuthenticationTokenException",
                "Missing Authentication Token");
    }

    @Test
    void eightSignedTenMegabyteCborBodiesOfEmptyMapsAreAllRefusedForTheirElementCount() throws Exception {
        List<RawHttp1.Response> answers = sendConcurrently(8, emptyMapsBody(TEN_MB), RawHttp1.SIGNED);

        for (RawHttp1.Response answer : answers) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(typeAndMessage(answer)).containsExactly("SerializationException", "The request body has more "
                    + "than 20000 tokens (values, member names and brackets); the largest Kinesis request, PutRecords "
                    + "with 500 records, has about 4000");
        }
        assertStillServing();
    }

    @Test
    void aJsonBodyNestedDeeperThanAnyKinesisRequestIsASerializationError() throws Exception {
        String deep = "{\"StreamName\":" + "[".repeat(40) + "]".repeat(40) + "}";

        RawHttp1.Response answer = exchange(RawHttp1.jsonRequest("DescribeStream", deep));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(typeAndMessage(answer)).containsExactly("SerializationException",
                "The request body is nested more than 32 levels deep; Kinesis requests nest 3 levels at most");
    }

    @Test
    void aCborBodyNestedDeeperThanAnyKinesisRequestIsASerializationError() throws Exception {
        byte[] body = new byte[2 + 50 + 1];
        body[0] = (byte) 0xa1; // map(1): key "", value 50 nested one-element arrays around an empty array
        body[1] = (byte) 0x60;
        Arrays.fill(body, 2, 2 + 50, (byte) 0x81);
        body[2 + 50] = (byte) 0x80;

        RawHttp1.Response answer = exchange(request("DescribeStream", CBOR, body, RawHttp1.SIGNED));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(typeAndMessage(answer)).containsExactly("SerializationException",
                "The request body is nested more than 32 levels deep; Kinesis requests nest 3 levels at most");
    }

    /**
     * {@code {"Records": [{}, {}, ...]}} in CBOR, {@code size} bytes: one byte per empty map, so a decoder that builds
     * a tree builds millions of nodes from it.
     */
    static byte[] emptyMapsBody(int size) {
        byte[] body = new byte[size];
        byte[] head = {(byte) 0xa1, 0x67, 'R', 'e', 'c', 'o', 'r', 'd', 's', (byte) 0x9f}; // map(1) "Records" [_
        System.arraycopy(head, 0, body, 0, head.length);
        Arrays.fill(body, head.length, size - 1, (byte) 0xa0); // {} ...
        body[size - 1] = (byte) 0xff; // ]
        return body;
    }

    /** Sends the same PutRecords body on {@code connections} connections at once; every answer within 2 minutes. */
    private static List<RawHttp1.Response> sendConcurrently(int connections, byte[] body, String authorization)
            throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(connections);
        try {
            List<Future<RawHttp1.Response>> pending = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                pending.add(clients.submit(() -> exchange(request("PutRecords", CBOR, body, authorization))));
            }
            List<RawHttp1.Response> answers = new ArrayList<>();
            for (Future<RawHttp1.Response> answer : pending) {
                answers.add(answer.get(2, TimeUnit.MINUTES)); // today's failure: no answer at all
            }
            return answers;
        } finally {
            clients.shutdownNow();
        }
    }

    private static byte[] request(String action, String contentType, byte[] body, String authorization) {
        byte[] head = RawHttp1.head(action, contentType, body.length, authorization);
        byte[] request = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    private static RawHttp1.Response exchange(byte[] request) throws Exception {
        try (Socket socket = RawHttp1.connect(endpoint)) {
            socket.setSoTimeout(90_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return RawHttp1.read(socket.getInputStream());
        }
    }

    /**
     * {@code __type} and message of an error answer, which is in CBOR or JSON as its request was (a
     * SerializationException spells its message {@code Message}).
     */
    private static List<String> typeAndMessage(RawHttp1.Response answer) throws Exception {
        JsonNode body = answer.headers().get("content-type").equals(CBOR)
                ? new ObjectMapper(new CBORFactory()).readTree(answer.body())
                : JSON.readTree(answer.body());
        return List.of(body.path("__type").asText(), body.has("Message") ? body.path("Message").asText()
                : body.path("message").asText());
    }

    private static void assertStillServing() throws Exception {
        RawHttp1.Response answer = exchange(RawHttp1.jsonRequest("ListStreams", "{}"));
        assertThat(answer.status()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    }
}
